// "Copy report" on every browser: the Clipboard API, else the old textarea + execCommand way
// (plain-HTTP addresses have no Clipboard API), else a clear "no".
import { afterEach, describe, expect, it, vi } from 'vitest'
import { copyText } from '@/diagnostics/clipboard.ts'

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('copyText', () => {
  it('uses the Clipboard API where there is one', async () => {
    const writeText = vi.fn(async () => undefined)
    const nav = { clipboard: { writeText } } as unknown as Navigator
    expect(await copyText('report', { navigator: nav, document })).toBe(true)
    expect(writeText).toHaveBeenCalledWith('report')
  })

  it('falls back to a hidden textarea and execCommand, then tidies up and gives focus back', async () => {
    const button = document.createElement('button')
    document.body.append(button)
    button.focus()
    let copied = ''
    const exec = vi.fn((command: string) => {
      const area = document.querySelector('textarea')!
      copied = command === 'copy' ? area.value : ''
      return true
    })
    Object.assign(document, { execCommand: exec })
    const nav = {
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    } as unknown as Navigator
    expect(await copyText('line 1\nline 2', { navigator: nav, document })).toBe(true)
    expect(copied).toBe('line 1\nline 2')
    expect(document.querySelector('textarea')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('says no when neither way works', async () => {
    Object.assign(document, { execCommand: vi.fn(() => false) })
    expect(await copyText('x', { navigator: {} as Navigator, document })).toBe(false)
  })
})
