// The other ways a picture reaches the desk (drag and drop, paste), the 3:4 setting, and focus
// moving into a dialog and back out of it.
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useBrowserSuite } from '../helpers/browser-suite.ts'
import { openDesk, findUser } from '../helpers/desk-page.ts'
import { DEMO_OPERATOR } from '../../sim/index.ts'
import { decodeJpeg, makeJpeg } from '../helpers/images.ts'
import { expectQuadrants, quadrants } from '../helpers/quadrants.ts'

// About inputs and records, not faces: no face model, the centred crop at once.
const NO_FACES = { settings: { faceGuide: false } }

const suite = useBrowserSuite({ fakeCamera: false })
const jpeg = Buffer.from(makeJpeg(600, 800, quadrants(600, 800))).toString('base64')

/** Builds a File in the page from base64, as a browser would hand it over. */
function fileEvent(page: Page, kind: 'drop' | 'paste') {
  return page.evaluate(
    ({ kind, data }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes], 'photo.jpg', { type: 'image/jpeg' }))
      if (kind === 'drop') {
        const area = document.querySelector('[role="region"].photo')!
        area.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
        area.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
      } else {
        ;(document.activeElement as HTMLElement | null)?.blur()
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        )
      }
    },
    { kind, data: jpeg },
  )
}

async function saveAndRead(page: Page, userId: string) {
  await page.getByAltText('New photo').waitFor()
  await page.getByRole('button', { name: 'Save photo' }).click()
  await expect.poll(() => page.getByTestId('status').textContent()).toContain(`(ID ${userId})`)
  return decodeJpeg(new Uint8Array(Buffer.from(suite.app.sim.getUser(userId)!.photo!, 'base64')))
}

it('takes a dropped photo and a pasted one', async () => {
  const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
  await findUser(page, '40')
  await fileEvent(page, 'drop')
  expectQuadrants(await saveAndRead(page, '40'))
  await findUser(page, '41')
  await fileEvent(page, 'paste')
  expectQuadrants(await saveAndRead(page, '41'))
  await close()
})

it('stores a 3:4 portrait when the setting says so', async () => {
  const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
  await page.goto(`${suite.app.url}/settings`)
  await page.getByLabel('Crop shape').selectOption('0.75')
  await page.goto(suite.app.url)
  await findUser(page, '42')
  await fileEvent(page, 'drop')
  const image = await saveAndRead(page, '42')
  expect([image.width, image.height]).toEqual([300, 400])
  expectQuadrants(image)
  await close()
})

it('moves focus into the remove dialog and back to where it was', async () => {
  const { page, close } = await openDesk(suite.browser, suite.app.url, DEMO_OPERATOR, NO_FACES)
  suite.app.sim.setPhoto('43', jpeg)
  await findUser(page, '43')
  const remove = page.getByRole('button', { name: 'Remove photo' })
  await remove.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Remove the photo?' })
  await dialog.waitFor()
  // The safe choice has focus, so a stray Enter removes nothing.
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
    'Remove photo',
  )
  expect(suite.app.sim.getUser('43')?.photo).toBe(jpeg)
  await close()
})
