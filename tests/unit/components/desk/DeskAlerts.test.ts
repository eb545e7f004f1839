// What stops the picture on the desk, as the clerk reads it, each with its way out.
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import DeskAlerts from '@/components/desk/DeskAlerts.vue'
import { mountDesk } from '../../../helpers/desk-mount.ts'

enableAutoUnmount(afterEach)

const alerts = (props: Record<string, unknown> = {}) =>
  mountDesk(DeskAlerts, {
    prepareFailure: '',
    notSamePerson: false,
    saveFailure: '',
    canRetry: false,
    ...props,
  })

describe('DeskAlerts', () => {
  it('says nothing while nothing stops the picture', () => {
    expect(alerts().findAll('[role="alert"]')).toHaveLength(0)
  })

  it('warns that the picture may show another person and offers "Save anyway"', async () => {
    const w = alerts({ notSamePerson: true })
    expect(w.get('[data-test="same-person-alert"]').text()).toContain('Check the user ID')
    await w.get('[data-test="save-anyway"]').trigger('click')
    expect(w.emitted('saveAnyway')).toHaveLength(1)
  })

  it('shows why a save failed, with "Try again" only when it can be tried again', async () => {
    const failed = alerts({ saveFailure: 'Not saved: no answer.' })
    expect(failed.get('[data-test="save-error"]').text()).toBe('Not saved: no answer.')
    expect(failed.find('[data-test="save-error"] button').exists()).toBe(false)
    const retryable = alerts({ saveFailure: 'Not saved: no answer.', canRetry: true })
    await retryable.get('[data-test="save-error"] button').trigger('click')
    expect(retryable.emitted('retry')).toHaveLength(1)
  })

  it('shows why the picture could not be prepared', () => {
    expect(alerts({ prepareFailure: 'Not a picture.' }).get('[role="alert"]').text()).toBe(
      'Not a picture.',
    )
  })
})
