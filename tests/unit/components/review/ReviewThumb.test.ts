// A review thumbnail reads its photo only once its cell has stayed in view, and a cell that now
// shows another user (the grid reuses its cells while scrolling) never shows the last user's
// photo, not even when that photo's read answers late.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ReviewThumb from '@/components/review/ReviewThumb.vue'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function photos() {
  const waiting = new Map<string, (blob: Blob) => void>()
  const load = vi.fn(
    (id: string) => new Promise<Blob | undefined>((resolve) => waiting.set(id, resolve)),
  )
  let n = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:thumb/${++n}`)
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  return { load, answer: (id: string) => waiting.get(id)!(new Blob([id])), revoke }
}

describe('ReviewThumb', () => {
  it('reads nothing for a cell scrolled past, and the photo once the cell stayed', async () => {
    vi.useFakeTimers()
    const { load, answer } = photos()
    const thumb = mount(ReviewThumb, { props: { userId: '1', sha256: 'a', load } })
    await vi.advanceTimersByTimeAsync(100)
    await thumb.setProps({ userId: '2', sha256: 'b' })
    await vi.advanceTimersByTimeAsync(149)
    expect(load).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(load.mock.calls.map(([id]) => id)).toEqual(['2'])
    answer('2')
    await flushPromises()
    expect(thumb.find('img').attributes('src')).toBe('blob:thumb/1')
  })

  it("clears the last user's photo at once, and drops a late answer for them", async () => {
    vi.useFakeTimers()
    const { load, answer, revoke } = photos()
    const thumb = mount(ReviewThumb, { props: { userId: '1', sha256: 'a', load } })
    await vi.advanceTimersByTimeAsync(150)
    answer('1')
    await flushPromises()
    expect(thumb.find('img').exists()).toBe(true)

    // The cell now shows user 2: no photo until 2's is read.
    await thumb.setProps({ userId: '2', sha256: 'b' })
    expect(thumb.find('img').exists()).toBe(false)
    expect(revoke).toHaveBeenCalledWith('blob:thumb/1')

    // User 3 next, while 2's read is still on its way: 2's answer is dropped.
    await vi.advanceTimersByTimeAsync(150)
    await thumb.setProps({ userId: '3', sha256: 'c' })
    answer('2')
    await flushPromises()
    expect(thumb.find('img').exists()).toBe(false)
    await vi.advanceTimersByTimeAsync(150)
    answer('3')
    await flushPromises()
    expect(thumb.find('img').attributes('src')).toBe('blob:thumb/2')
  })

  it('shows no image for a user without a photo, and reads nothing', async () => {
    vi.useFakeTimers()
    const { load } = photos()
    const thumb = mount(ReviewThumb, { props: { userId: '4', sha256: '', load } })
    await vi.advanceTimersByTimeAsync(200)
    expect(load).not.toHaveBeenCalled()
    expect(thumb.find('img').exists()).toBe(false)
  })
})
