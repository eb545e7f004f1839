// The person on the desk: name, ID and group; the current photo beside the new one, large enough
// to compare faces; whether readers can show the current photo, with a one-click fix; Remove in
// a place that never moves; "View only" for an operator who cannot change photos.
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import DeskPerson from '@/components/desk/DeskPerson.vue'
import { concat, jpegHeaderOnly, makeJpeg } from '../../../helpers/images.ts'
import { kim, mountDesk } from '../../../helpers/desk-mount.ts'

enableAutoUnmount(afterEach)

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const small = b64(makeJpeg(48, 48, () => [200, 170, 150]))
const noisy = (x: number, y: number): [number, number, number] => {
  const v = (x * 7919 + y * 104729) % 251
  return [v, (v * 3) % 256, (v * 7) % 256]
}
const big = makeJpeg(480, 480, noisy, 95)
const progressive = b64(
  concat(jpegHeaderOnly(200, 200, { progressive: true }), new Uint8Array(900)),
)

const person = (props: Record<string, unknown> = {}) =>
  mountDesk(DeskPerson, {
    user: kim,
    hasPicture: false,
    prepared: null,
    preparing: false,
    budget: 16_000,
    canManage: true,
    viewOnly: false,
    saving: false,
    ...props,
  })

describe('DeskPerson', () => {
  it('leads with the name, the ID and the group', () => {
    const w = person()
    expect(w.get('h2').text()).toBe('Kim Min-jun')
    expect(w.text()).toContain('ID 12 · Front Office')
  })

  it('says "No photo" for a user without one, and offers no fix and no Remove', () => {
    const w = person()
    expect(w.get('[data-test="photo-fit"]').text()).toBe('No photo')
    expect(w.find('[data-test="make-safe"]').exists()).toBe(false)
    const remove = w.get('[data-test="remove"]')
    expect(remove.attributes('disabled')).toBeDefined()
    expect(remove.classes()).toContain('hidden')
  })

  it('shows a reader-safe photo as OK, with its size, and Remove', () => {
    const w = person({ user: { ...kim, photo: small, hasPhoto: true } })
    expect(w.get('[data-test="photo-fit"]').text()).toMatch(/^Photo OK for readers \(\d kB\)$/)
    expect(w.get('img[alt="Current photo"]').attributes('src')).toMatch(/^data:image\/jpeg/)
    expect(w.get('[data-test="remove"]').attributes('disabled')).toBeUndefined()
  })

  it('flags a photo too large for readers with its size, and offers "Make device-safe"', async () => {
    expect(big.length).toBeGreaterThan(16_384)
    const w = person({ user: { ...kim, photo: b64(big), hasPhoto: true } })
    const kb = Math.round(big.length / 1000)
    expect(w.get('[data-test="photo-fit"] .fit-text').text()).toBe(
      `Too large for readers (${kb} kB)`,
    )
    await w.get('[data-test="make-safe"]').trigger('click')
    expect(w.emitted('makeSafe')).toHaveLength(1)
  })

  it('flags a progressive JPEG as "Not a baseline JPEG"', () => {
    const w = person({ user: { ...kim, photo: progressive, hasPhoto: true } })
    expect(w.get('[data-test="photo-fit"]').text()).toContain('Not a baseline JPEG')
  })

  it('offers no fix and no Remove while a new picture is on the desk or to a viewer', () => {
    const user = { ...kim, photo: b64(big), hasPhoto: true }
    expect(person({ user, hasPicture: true }).find('[data-test="make-safe"]').exists()).toBe(false)
    const viewer = person({ user, canManage: false, viewOnly: true })
    expect(viewer.find('[data-test="make-safe"]').exists()).toBe(false)
    expect(viewer.find('[data-test="remove"]').exists()).toBe(false)
    expect(viewer.get('[data-test="view-only"]').text()).toBe('View only')
    // A viewer has no new photo to compare with.
    expect(viewer.find('[data-test="new-photo"]').exists()).toBe(false)
    expect(viewer.text()).not.toContain('New photo')
  })

  it('asks before Remove, then sends it', async () => {
    const w = person({ user: { ...kim, photo: small, hasPhoto: true } })
    await w.get('[data-test="remove"]').trigger('click')
    const dialog = document.querySelector('dialog[open]')
    expect(dialog?.textContent).toContain('Kim Min-jun (ID 12)')
    const confirm = [...dialog!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Remove',
    )
    confirm!.click()
    await w.vm.$nextTick()
    expect(w.emitted('remove')).toHaveLength(1)
  })
})
