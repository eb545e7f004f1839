// The clerk's flow on the desk: a lookup that would drop an unsaved picture waits for an answer,
// and after each step the focus goes where the keyboard flow (ID + Enter, Space, Enter) needs it,
// unless the clerk has asked for something else since. The steps themselves are the store's
// (tests/unit/stores/enrollment.test.ts); here the store's actions are spies.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, shallowRef } from 'vue'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createTestingPinia } from '@pinia/testing'
import { useDeskFlow } from '@/composables/useDeskFlow.ts'
import { createAppI18n } from '@/i18n/index.ts'
import en from '@/i18n/en.ts'
import type { CameraPort } from '@/desk/types.ts'
import { useEnrollmentStore } from '@/stores/enrollment.ts'
import type { UserDetail } from '@/api/types.ts'
import { kim } from '../../helpers/desk-mount.ts'

const route = vi.hoisted(() => ({ query: {} as Record<string, string> }))
vi.mock('vue-router', () => ({ useRoute: () => route }))

enableAutoUnmount(afterEach)
afterEach(() => {
  route.query = {}
})

/** Testing Pinia lets a test set the store's computed values (who is on the desk, and so on). */
function onDesk(
  desk: ReturnType<typeof useEnrollmentStore>,
  values: { user?: UserDetail; unsavedPicture?: boolean },
) {
  Object.assign(desk, values)
}

function setup() {
  const lookup = shallowRef({
    focus: vi.fn(),
    owns: vi.fn(() => false),
    typeFromElsewhere: vi.fn(),
  })
  const photo = shallowRef({ port: {} as CameraPort, focus: vi.fn(), hasFocus: vi.fn(() => true) })
  const actions = shallowRef({ focusSave: vi.fn(), focusCapture: vi.fn() })
  let flow!: ReturnType<typeof useDeskFlow>
  const Host = defineComponent({
    setup() {
      flow = useDeskFlow({ lookup, photo, actions })
      return () => h('div')
    },
  })
  const pinia = createTestingPinia({ createSpy: vi.fn })
  const desk = useEnrollmentStore(pinia)
  for (const step of ['find', 'capture', 'save', 'saveAnyway', 'retake'] as const)
    vi.mocked(desk[step]).mockResolvedValue(true)
  mount(Host, {
    attachTo: document.body,
    global: { plugins: [pinia, createAppI18n('en', { en })] },
  })
  return { flow, desk, lookup: lookup.value, photo: photo.value, actions: actions.value }
}

describe('useDeskFlow', () => {
  it('asks before a lookup drops an unsaved picture; "Discard" drops it, then looks up', async () => {
    const { flow, desk, photo } = setup()
    onDesk(desk, { user: kim, unsavedPicture: true })
    await flow.find('13')
    expect(flow.askingToFind.value).toBe('13')
    expect(desk.find).not.toHaveBeenCalled()

    vi.mocked(desk.discardPicture).mockImplementation(() => onDesk(desk, { unsavedPicture: false }))
    flow.findAnyway()
    await flushPromises()
    expect(flow.askingToFind.value).toBeNull()
    expect(desk.discardPicture).toHaveBeenCalled()
    expect(desk.find).toHaveBeenCalledWith('13')
    // Off the ID field at once, so Space and Enter reach the desk.
    expect(photo.focus).toHaveBeenCalled()

    // The same person again keeps the picture without asking.
    onDesk(desk, { unsavedPicture: true })
    await flow.find('12')
    expect(flow.askingToFind.value).toBeNull()
    expect(desk.find).toHaveBeenLastCalledWith('12')
  })

  it('"Keep" leaves the picture and puts the focus on Save', async () => {
    const { flow, desk, actions } = setup()
    onDesk(desk, { user: kim, unsavedPicture: true })
    await flow.find('13')
    flow.keepPicture()
    await nextTick()
    expect(flow.askingToFind.value).toBeNull()
    expect(actions.focusSave).toHaveBeenCalled()
    expect(desk.find).not.toHaveBeenCalled()
  })

  it('after a save, the focus goes back to the ID field, unless more steps are waiting', async () => {
    const { flow, desk, lookup } = setup()
    await flow.save()
    expect(lookup.focus).toHaveBeenCalledTimes(1)

    desk.pendingSteps = ['find']
    await flow.save()
    expect(lookup.focus).toHaveBeenCalledTimes(1)

    desk.pendingSteps = []
    vi.mocked(desk.save).mockResolvedValue(false)
    await flow.save()
    expect(lookup.focus).toHaveBeenCalledTimes(1)
  })

  it('capture puts the focus on Save; retake on Capture', async () => {
    const { flow, desk, photo, actions } = setup()
    await flow.capture()
    expect(desk.capture).toHaveBeenCalledWith(photo.port)
    expect(actions.focusSave).toHaveBeenCalledTimes(1)
    await flow.retake()
    expect(actions.focusCapture).toHaveBeenCalledTimes(1)
  })

  it('looks up the person of /?user=<id> ("Open on the desk")', async () => {
    route.query = { user: '7' }
    const { desk } = setup()
    await flushPromises()
    expect(desk.find).toHaveBeenCalledWith('7')
  })
})
