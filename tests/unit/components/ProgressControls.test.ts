// The shared progress bar: its name and figures as a screen reader gets them, photos per second
// and time left only while running, and Pause / Resume / Cancel for the state the run is in.
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createAppI18n } from '@/i18n/index.ts'
import { messages } from '@/i18n/messages.ts'
import ProgressControls from '@/components/ProgressControls.vue'

enableAutoUnmount(afterEach)

async function mountControls(props: Record<string, unknown>) {
  const i18n = createAppI18n('en', messages)
  return mount(ProgressControls, {
    props: { label: 'Upload progress', value: 0, max: 10, figures: '', state: 'stopped', ...props },
    global: { plugins: [i18n] },
  })
}

const buttons = (w: Awaited<ReturnType<typeof mountControls>>) =>
  w.findAll('button').map((b) => b.text())

describe('ProgressControls', () => {
  it('names the bar and gives its figures and time left as its value', async () => {
    const w = await mountControls({
      value: 12,
      max: 40,
      figures: '12 of 40 photos sent',
      state: 'running',
      perSecond: 2.345,
      secondsLeft: 14.2,
      barTest: 'batch-progress',
    })
    const bar = w.get('[role="progressbar"]')
    expect(bar.attributes('aria-label')).toBe('Upload progress')
    expect(bar.attributes('aria-valuenow')).toBe('12')
    expect(bar.attributes('aria-valuemax')).toBe('40')
    expect(bar.attributes('aria-valuetext')).toBe('12 of 40 photos sent, about 15 s left')
    expect(bar.attributes('data-test')).toBe('batch-progress')
    expect(w.get('.fill').attributes('style')).toContain('scaleX(0.3)')
    expect(w.get('[data-test="progress-rate"]').text()).toBe('2.3 photos/s')
    expect(w.get('[data-test="progress-left"]').text()).toBe('about 15 s left')
  })

  it('says minutes for long runs and hides the pace once not running', async () => {
    const w = await mountControls({ state: 'running', perSecond: 1, secondsLeft: 600 })
    expect(w.get('[data-test="progress-left"]').text()).toBe('about 10 min left')
    await w.setProps({ state: 'paused' })
    expect(w.find('[data-test="progress-left"]').exists()).toBe(false)
    expect(w.find('[data-test="progress-rate"]').exists()).toBe(false)
  })

  it('offers Pause and Cancel while running, Resume and Cancel when paused, none when stopped', async () => {
    const w = await mountControls({ state: 'running' })
    expect(buttons(w)).toEqual(['Pause', 'Cancel'])
    await w.get('button').trigger('click')
    await w.setProps({ state: 'paused' })
    expect(buttons(w)).toEqual(['Resume', 'Cancel'])
    await w.findAll('button')[0]!.trigger('click')
    await w.findAll('button')[1]!.trigger('click')
    await w.setProps({ state: 'stopped' })
    expect(buttons(w)).toEqual([])
    expect(Object.keys(w.emitted())).toEqual(expect.arrayContaining(['pause', 'resume', 'cancel']))
    expect(w.emitted('pause')).toHaveLength(1)
    expect(w.emitted('resume')).toHaveLength(1)
    expect(w.emitted('cancel')).toHaveLength(1)
  })

  it('keeps a live line of figures with the caller’s own words when asked', async () => {
    const w = await mountControls({
      figures: '3 of 3 photos fixed',
      live: true,
      figuresTest: 'review-fix-status',
    })
    const line = w.get('[data-test="review-fix-status"]')
    expect(line.attributes('role')).toBe('status')
    expect(line.text()).toBe('3 of 3 photos fixed')
  })
})
