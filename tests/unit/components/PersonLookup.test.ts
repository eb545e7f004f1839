// The desk's one lookup box as a clerk uses it: an ID and Enter finds at once, part of a name
// shows the directory's matches (arrows move, Enter or a click picks, Esc closes), the list loads
// on focus and refreshes by itself, and a typo is refused before any request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { defineComponent, h, ref } from 'vue'
import { createAppI18n } from '@/i18n/index.ts'
import { messages } from '@/i18n/messages.ts'
import type { UserSummary } from '@/api/types.ts'
import type { UserIdType } from '@/api/user-id.ts'
import { ApiError } from '@/api/errors.ts'
import { listUsers } from '@/api/users.ts'
import PersonLookup from '@/components/PersonLookup.vue'
import { useDirectoryStore } from '@/stores/directory.ts'
import { useDeskKeys } from '@/composables/useDeskKeys.ts'

vi.mock('@/api/users.ts', () => ({ listUsers: vi.fn() }))

const mockList = vi.mocked(listUsers)
enableAutoUnmount(afterEach)

function user(userId: string, name: string, extra: Partial<UserSummary> = {}): UserSummary {
  return {
    userId,
    name,
    group: { id: '1002', name: 'Engineering' },
    hasPhoto: true,
    disabled: false,
    expired: false,
    ...extra,
  }
}

const STAFF = [
  user('101', 'Annabel Lee'),
  user('102', 'Lee Annabel', { group: null, hasPhoto: false }),
  user('103', 'Kathleen Smith', { disabled: true }),
  user('104', '김민준', { expired: true }),
  user('105', '이서연'),
]

function serve(list: UserSummary[], gate?: () => Promise<void>) {
  mockList.mockImplementation(async ({ limit, offset }) => {
    await gate?.()
    return { total: list.length, rows: list.slice(offset, offset + limit) }
  })
}

/** Pages wait here until the test lets them through. */
function gated() {
  const waiting: Array<() => void> = []
  return {
    waiting,
    gate: () => new Promise<void>((resolve) => waiting.push(resolve)),
  }
}

let pinia: Pinia

interface Options {
  locale?: 'en' | 'ko'
  idType?: UserIdType
  busy?: boolean
  error?: string
  autofocus?: boolean
  names?: boolean
}

function mountLookup(options: Options = {}) {
  const i18n = createAppI18n(options.locale ?? 'en', messages)
  return mount(PersonLookup, {
    props: {
      idType: options.idType ?? 'numeric',
      busy: options.busy ?? false,
      error: options.error,
      autofocus: options.autofocus,
      names: options.names,
    },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
}

type Wrapper = ReturnType<typeof mountLookup>

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Types like a person and waits out the debounce. */
async function type(wrapper: Wrapper, text: string) {
  await wrapper.get('input').setValue(text)
  await wait(120)
  await flushPromises()
}

/** Mounted (the field takes the focus, which loads the list) and the list loaded. */
async function ready(list: UserSummary[] = STAFF, options: Options = {}) {
  serve(list)
  const wrapper = mountLookup(options)
  await flushPromises()
  return wrapper
}

const key = (wrapper: Wrapper, name: string) =>
  wrapper.get('input').trigger('keydown', { key: name })
const input = (wrapper: Wrapper) => wrapper.get('input').element as HTMLInputElement
const options = (wrapper: Wrapper) => wrapper.findAll('[role="option"]')
const names = (wrapper: Wrapper) => options(wrapper).map((o) => o.find('.name').text())
const status = (wrapper: Wrapper) => wrapper.get('[data-test="search-status"]').text()
const found = (wrapper: Wrapper) => wrapper.emitted('find') ?? []
const activeText = (wrapper: Wrapper) => {
  const id = wrapper.get('input').attributes('aria-activedescendant')
  return id ? document.getElementById(id)?.textContent : undefined
}

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  mockList.mockReset()
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('PersonLookup: what people and scripts find', () => {
  it('is one combobox "User ID or name" (id user-id) with a Find button', async () => {
    const wrapper = await ready()
    const field = wrapper.get('input')
    const label = wrapper.get('label')
    expect(label.text()).toBe('User ID or name')
    expect(label.attributes('for')).toBe('user-id')
    expect(field.attributes('id')).toBe('user-id')
    expect(field.attributes('role')).toBe('combobox')
    expect(field.attributes('aria-expanded')).toBe('false')
    const listbox = wrapper.get('[role="listbox"]')
    expect(field.attributes('aria-controls')).toBe(listbox.attributes('id'))
    expect(field.attributes('aria-activedescendant')).toBeUndefined()
    expect(field.attributes('aria-describedby')?.split(' ')).toContain('user-id-message')
    const buttons = wrapper.findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(['Find'])
    expect(buttons[0]?.attributes('type')).toBe('submit')
    // No "Refresh list" any more: the list refreshes by itself.
    expect(wrapper.text()).not.toContain('Refresh')
  })

  it('is labelled "사용자 ID 또는 이름" in Korean, with "찾기"', async () => {
    const wrapper = await ready(STAFF, { locale: 'ko' })
    expect(wrapper.get('label').text()).toBe('사용자 ID 또는 이름')
    expect(wrapper.get('button').text()).toBe('찾기')
  })

  it('takes the focus on arrival, unless told not to (touch devices)', async () => {
    const first = await ready()
    expect(document.activeElement).toBe(first.get('input').element)
    first.unmount()
    const second = mountLookup({ autofocus: false })
    await flushPromises()
    expect(document.activeElement).not.toBe(second.get('input').element)
    expect(mockList).toHaveBeenCalledTimes(1)
  })

  it("shows the desk's error as the field's alert, and marks the field invalid", async () => {
    const wrapper = await ready(STAFF, { error: 'No user with ID 9.' })
    const message = wrapper.get('#user-id-message')
    expect(message.attributes('role')).toBe('alert')
    expect(message.text()).toBe('No user with ID 9.')
    expect(wrapper.get('input').attributes('aria-invalid')).toBe('true')
    await wrapper.setProps({ error: '' })
    expect(wrapper.get('#user-id-message').attributes('role')).toBeUndefined()
    expect(wrapper.get('input').attributes('aria-invalid')).toBeUndefined()
  })
})

describe('PersonLookup: Enter', () => {
  it('finds a valid ID at once, even while matches are shown', async () => {
    const wrapper = await ready()
    await type(wrapper, '10')
    expect(names(wrapper)).toHaveLength(5)
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('true')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['10']])
    expect(input(wrapper).value).toBe('10')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
  })

  it('finds an ID before the list has loaded, and before the debounce', async () => {
    const { gate, waiting } = gated()
    serve(STAFF, gate)
    const wrapper = mountLookup()
    await flushPromises()
    expect(waiting).toHaveLength(1)
    await wrapper.get('input').setValue(' 23 ')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['23']])
    expect(input(wrapper).value).toBe('23')
  })

  it('picks the row the clerk moved to with the arrows, even when the text is an ID', async () => {
    const wrapper = await ready()
    await type(wrapper, '10')
    await key(wrapper, 'ArrowDown')
    await key(wrapper, 'ArrowDown')
    expect(activeText(wrapper)).toContain('Lee Annabel')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['102']])
    // The field keeps the ID of the lookup made; the card shows the name.
    expect(input(wrapper).value).toBe('102')
  })

  it('picks the row under the mouse', async () => {
    const wrapper = await ready()
    await type(wrapper, '10')
    await options(wrapper)[1]?.trigger('mousemove')
    expect(activeText(wrapper)).toContain('Kathleen Smith')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['103']])
  })

  it('forgets a moved highlight once the text changes', async () => {
    const wrapper = await ready()
    await type(wrapper, '10')
    await key(wrapper, 'ArrowDown')
    await key(wrapper, 'ArrowDown')
    await type(wrapper, '101')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['101']])
  })

  it('picks the best match of a name, right after typing it', async () => {
    const wrapper = await ready()
    await wrapper.get('input').setValue('민준')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['104']])
    expect(input(wrapper).value).toBe('104')
  })

  it('refuses what is neither an ID nor a name in the list, without a request', async () => {
    const wrapper = await ready()
    await type(wrapper, 'zzz')
    expect(status(wrapper)).toBe('No matches')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([])
    const message = wrapper.get('#user-id-message')
    expect(message.attributes('role')).toBe('alert')
    expect(message.text()).toBe(
      'User IDs on this server are numbers (1 to 4294967294). Check what you typed.',
    )
    expect(wrapper.get('input').attributes('aria-invalid')).toBe('true')
    await wrapper.get('input').setValue('')
    expect(wrapper.get('#user-id-message').text()).toBe('')
    await key(wrapper, 'Enter')
    expect(wrapper.get('#user-id-message').text()).toBe('Type a user ID.')
    await wrapper.get('input').setValue('0000')
    await key(wrapper, 'Enter')
    expect(wrapper.get('#user-id-message').text()).toBe('A user ID cannot be only zeros.')
    expect(found(wrapper)).toEqual([])
  })

  it('never drops Enter or Find while a lookup is under way: the desk queues the next one', async () => {
    // A clerk types the next ID while the last lookup is still answering (issue 12: keys are
    // never lost); the desk's step queue runs it after the one under way.
    const wrapper = await ready(STAFF, { busy: true })
    const button = wrapper.get('button[type="submit"]')
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.attributes('aria-busy')).toBe('true')
    await wrapper.get('input').setValue('12')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['12']])
    await wrapper.get('input').setValue('13')
    await wrapper.get('form').trigger('submit')
    expect(found(wrapper)).toEqual([['12'], ['13']])
  })

  it('Find follows the same rules as Enter', async () => {
    const wrapper = await ready()
    await wrapper.get('input').setValue('42')
    await wrapper.get('form').trigger('submit')
    expect(found(wrapper)).toEqual([['42']])
    await wrapper.get('input').setValue('smith')
    await wrapper.get('form').trigger('submit')
    expect(found(wrapper)).toEqual([['42'], ['103']])
  })

  describe('on servers with alphanumeric IDs, where "Kim" is a valid ID too', () => {
    const alnum = (list: UserSummary[]) => ready(list, { idType: 'alphanumeric' })

    it('prefers the user whose ID is exactly the text', async () => {
      const wrapper = await alnum([user('A100', 'Kim Min-jun'), user('Kim', 'Park Ji-hoon')])
      await wrapper.get('input').setValue('Kim')
      await key(wrapper, 'Enter')
      expect(found(wrapper)).toEqual([['Kim']])
    })

    it('else picks the best name match', async () => {
      const wrapper = await alnum([user('A100', 'Kim Min-jun'), user('B7', 'Lee Seo-yeon')])
      await wrapper.get('input').setValue('kim')
      await key(wrapper, 'Enter')
      expect(found(wrapper)).toEqual([['A100']])
    })

    it('else finds it as an ID: an ID prefix is no name match', async () => {
      const wrapper = await alnum([user('A100', 'Kim Min-jun'), user('A101', 'Lee Seo-yeon')])
      await type(wrapper, 'A10')
      expect(names(wrapper)).toHaveLength(2)
      await key(wrapper, 'Enter')
      expect(found(wrapper)).toEqual([['A10']])
      await wrapper.get('input').setValue('Zed')
      await key(wrapper, 'Enter')
      expect(found(wrapper)).toEqual([['A10'], ['Zed']])
    })

    it('refuses characters no ID has when no name matches', async () => {
      const wrapper = await alnum([user('A100', 'Kim Min-jun')])
      await wrapper.get('input').setValue('no such')
      await key(wrapper, 'Enter')
      expect(found(wrapper)).toEqual([])
      expect(wrapper.get('#user-id-message').text()).toBe(
        'User IDs may only have letters, digits, - and _.',
      )
    })
  })
})

describe('PersonLookup: the list of matches', () => {
  it('moves with Down and Up around the list; the best match starts highlighted', async () => {
    const wrapper = await ready()
    await type(wrapper, 'lee')
    expect(names(wrapper)).toEqual(['Lee Annabel', 'Annabel Lee', 'Kathleen Smith'])
    expect(activeText(wrapper)).toContain('Lee Annabel')
    expect(options(wrapper)[0]?.attributes('aria-selected')).toBe('true')
    await key(wrapper, 'ArrowDown')
    expect(activeText(wrapper)).toContain('Annabel Lee')
    await key(wrapper, 'ArrowDown')
    await key(wrapper, 'ArrowDown')
    expect(activeText(wrapper)).toContain('Lee Annabel')
    await key(wrapper, 'ArrowUp')
    expect(activeText(wrapper)).toContain('Kathleen Smith')
    expect(options(wrapper)[2]?.attributes('aria-selected')).toBe('true')
    expect(options(wrapper)[2]?.text()).toContain('ID 103')
    expect(options(wrapper)[2]?.text()).toContain('Disabled')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['103']])
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
  })

  it('picks with a click or tap, and shows ID, group and badges', async () => {
    const wrapper = await ready()
    await type(wrapper, 'annabel')
    const second = options(wrapper)[1]
    expect(second?.text()).toContain('ID 102')
    expect(second?.text()).toContain('No group')
    expect(second?.text()).toContain('No photo')
    expect(options(wrapper)[0]?.text()).toContain('Engineering')
    await second?.trigger('click')
    expect(found(wrapper)).toEqual([['102']])
  })

  it('Esc closes the list, a second Esc clears the text', async () => {
    const wrapper = await ready()
    await type(wrapper, 'smith')
    const field = wrapper.get('input')
    expect(field.attributes('aria-expanded')).toBe('true')
    await key(wrapper, 'Escape')
    expect(field.attributes('aria-expanded')).toBe('false')
    expect(field.attributes('aria-activedescendant')).toBeUndefined()
    expect(input(wrapper).value).toBe('smith')
    await key(wrapper, 'ArrowDown')
    expect(field.attributes('aria-expanded')).toBe('true')
    await key(wrapper, 'Escape')
    await key(wrapper, 'Escape')
    expect(input(wrapper).value).toBe('')
    expect(found(wrapper)).toEqual([])
  })

  it('Tab and leaving the field close the list', async () => {
    const wrapper = await ready()
    await type(wrapper, 'lee')
    await key(wrapper, 'Tab')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
    await wrapper.get('input').trigger('click')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('true')
    await wrapper.get('input').trigger('blur')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
  })

  it('says "No matches", and how many are hidden when capped', async () => {
    const wrapper = await ready(
      Array.from({ length: 312 }, (_, i) => user(String(i + 1), `Staff ${i + 1}`)),
    )
    await type(wrapper, 'zzz')
    expect(status(wrapper)).toBe('No matches')
    expect(wrapper.get('[data-test="search-status"]').attributes('role')).toBe('status')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
    await type(wrapper, 'staff')
    expect(options(wrapper)).toHaveLength(50)
    expect(status(wrapper)).toBe('Showing 50 of 312 matches — type more to narrow')
    await type(wrapper, 'staff 31')
    expect(status(wrapper)).toBe('4 matches')
    await type(wrapper, 'staff 312')
    expect(status(wrapper)).toBe('1 match')
  })

  it('shows no list after a lookup until the clerk types again', async () => {
    const wrapper = await ready()
    await type(wrapper, '101')
    await key(wrapper, 'Enter')
    await wrapper.get('input').trigger('click')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
    expect(status(wrapper)).toBe('')
  })
})

describe('PersonLookup: the directory loads and refreshes by itself', () => {
  it('loads on first focus, once, and says how many users it has', async () => {
    serve(STAFF)
    const wrapper = mountLookup({ autofocus: false })
    expect(mockList).not.toHaveBeenCalled()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await wrapper.get('input').trigger('blur')
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(1)
    expect(useDirectoryStore().users).toHaveLength(5)
    expect(wrapper.get('[data-test="users-count"]').text()).toBe('Users in the list: 5')
  })

  it('loads again on focus once the list is 5 minutes old, quietly, one load at a time', async () => {
    let clock = 1_000_000
    vi.spyOn(Date, 'now').mockImplementation(() => clock)
    const wrapper = await ready()
    const field = wrapper.get('input')
    expect(mockList).toHaveBeenCalledTimes(1)
    clock += 5 * 60_000 - 1
    await field.trigger('blur')
    await field.trigger('focus')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(1)

    clock += 1
    const { gate, waiting } = gated()
    serve([...STAFF, user('106', 'Newcomer Park')], gate)
    await field.trigger('blur')
    await field.trigger('focus')
    await field.trigger('blur')
    await field.trigger('focus')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(2)
    // A refresh shows no progress: the old list stays searchable meanwhile.
    expect(wrapper.find('[data-test="users-progress"]').exists()).toBe(false)
    await type(wrapper, 'annabel')
    expect(options(wrapper)).toHaveLength(2)
    await type(wrapper, 'newcomer')
    expect(status(wrapper)).toBe('No matches')
    waiting.shift()?.()
    await flushPromises()
    await type(wrapper, 'newcomer ')
    expect(names(wrapper)).toEqual(['Newcomer Park'])
    expect(wrapper.get('[data-test="users-count"]').text()).toBe('Users in the list: 6')
  })

  it('shows progress on the first load and searches the part loaded so far', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => user(String(i + 1), `Person ${i + 1}`))
    const { gate, waiting } = gated()
    serve(many, gate)
    const wrapper = mountLookup()
    await flushPromises()
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBeUndefined()
    expect(wrapper.text()).toContain('Loading users…')
    waiting.shift()?.()
    await flushPromises()
    waiting.shift()?.()
    await flushPromises()
    const bar = wrapper.get('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe('1000')
    expect(bar.attributes('aria-valuemax')).toBe('20000')
    expect(bar.attributes('aria-label')).toBe('Loading the user list')
    expect(wrapper.get('[data-test="users-progress"]').text()).toBe(
      'Loading users: 1,000 of 20,000',
    )
    await type(wrapper, 'person 1999')
    expect(status(wrapper)).toBe('No matches so far; still loading users.')
    await type(wrapper, 'person 99')
    expect(names(wrapper)).toContain('Person 999')
    expect(status(wrapper)).toBe('11 matches')
    // The next page widens the results without retyping.
    await type(wrapper, 'person 1')
    expect(status(wrapper)).toBe('Showing 50 of 112 matches — type more to narrow')
    waiting.shift()?.()
    await flushPromises()
    expect(status(wrapper)).toBe('Showing 50 of 612 matches — type more to narrow')
    while (waiting.length || useDirectoryStore().loading) {
      waiting.shift()?.()
      await flushPromises()
    }
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Users in the list: 20,000')
  })

  it('formats numbers and words for Korean', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => user(String(i + 1), `이용자${i + 1}`))
    const { gate, waiting } = gated()
    serve(many, gate)
    const wrapper = mountLookup({ locale: 'ko' })
    await flushPromises()
    waiting.shift()?.()
    await flushPromises()
    expect(wrapper.get('[data-test="users-progress"]').text()).toBe(
      '사용자 불러오는 중: 1,500명 중 500명',
    )
  })

  it('explains a failed load with a way out (Try again); IDs still work meanwhile', async () => {
    mockList.mockRejectedValueOnce(new ApiError({ kind: 'server', status: 500 }))
    const wrapper = mountLookup()
    await flushPromises()
    const failed = wrapper.get('[data-test="users-error"]')
    expect(failed.text()).toContain(
      'The user list could not be loaded. The BioStar server had a problem (HTTP 500).',
    )
    // The field's own message stays free for the lookup.
    expect(wrapper.get('#user-id-message').text()).toBe('')
    await wrapper.get('input').setValue('7')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['7']])
    serve(STAFF)
    await failed.get('button').trigger('click')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-test="users-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="users-count"]').text()).toBe('Users in the list: 5')
  })

  it('says when the server sent only part of the list', async () => {
    mockList.mockImplementation(async ({ offset }) => ({
      total: 9,
      rows: offset === 0 ? STAFF : [],
    }))
    const wrapper = mountLookup()
    await flushPromises()
    expect(wrapper.get('[data-test="users-partial"]').text()).toBe(
      'The server sent only 5 of 9 users, so some names may be missing. An ID still finds anyone.',
    )
  })
})

describe('PersonLookup: on the desk', () => {
  it('focus() selects the text, so the next ID replaces the last', async () => {
    const wrapper = await ready()
    await wrapper.get('input').setValue('101')
    await key(wrapper, 'Enter')
    ;(document.activeElement as HTMLElement).blur()
    wrapper.vm.focus()
    const field = input(wrapper)
    expect(document.activeElement).toBe(field)
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 3])
  })

  it('types keys pressed elsewhere: a new lookup replaces the old ID, then keys follow', async () => {
    const wrapper = await ready()
    await wrapper.get('input').setValue('101')
    await key(wrapper, 'Enter')
    ;(document.activeElement as HTMLElement).blur()
    wrapper.vm.typeFromElsewhere('l')
    wrapper.vm.typeFromElsewhere('e')
    await flushPromises()
    expect(input(wrapper).value).toBe('le')
    expect(document.activeElement).toBe(input(wrapper))
    expect(input(wrapper).selectionStart).toBe(2)
    await wait(120)
    await flushPromises()
    expect(names(wrapper)).toEqual(['Lee Annabel', 'Annabel Lee', 'Kathleen Smith'])
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['101'], ['102']])
  })

  it('owns() tells its own field from anything else', async () => {
    const wrapper = await ready()
    expect(wrapper.vm.owns(wrapper.get('input').element)).toBe(true)
    expect(wrapper.vm.owns(wrapper.get('button').element)).toBe(false)
    expect(wrapper.vm.owns(null)).toBe(false)
  })

  it("keeps Space for a name being typed, and leaves it to the desk's capture otherwise", async () => {
    serve(STAFF)
    const captures = ref(0)
    const Desk = defineComponent(() => {
      const lookup = ref<InstanceType<typeof PersonLookup> | null>(null)
      useDeskKeys({
        capture: () => captures.value++,
        save: () => undefined,
        retake: () => undefined,
        undo: () => undefined,
        paste: () => undefined,
        isLookupField: (target) => !!lookup.value?.owns(target),
        typeInLookup: (k) => lookup.value?.typeFromElsewhere(k),
      })
      return () => h(PersonLookup, { ref: lookup, idType: 'alphanumeric', busy: false })
    })
    const wrapper = mount(Desk, {
      global: { plugins: [pinia, createAppI18n('en', messages)] },
      attachTo: document.body,
    })
    await flushPromises()
    const field = wrapper.get('input')
    const space = async () => {
      const event = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true })
      field.element.dispatchEvent(event)
      await flushPromises()
      return event.defaultPrevented
    }
    // Empty field: Space captures (and types nothing).
    expect(await space()).toBe(true)
    expect(captures.value).toBe(1)
    // "Annabel" matches a name: the space is part of it.
    await field.setValue('Annabel')
    expect(await space()).toBe(false)
    expect(captures.value).toBe(1)
    // "A-1" is an ID no name contains: Space captures.
    await field.setValue('A-1')
    expect(await space()).toBe(true)
    expect(captures.value).toBe(2)
    // Text that can be no ID ("Lee A") is a name.
    await field.setValue('Lee A')
    expect(await space()).toBe(false)
    expect(captures.value).toBe(2)
  })
})

describe('PersonLookup in a kiosk (names off)', () => {
  it('is "User ID" only: no directory load, no list, and an ID still finds at once', async () => {
    const wrapper = await ready(STAFF, { names: false })
    expect(wrapper.get('label').text()).toBe('User ID')
    expect(mockList).not.toHaveBeenCalled()
    await type(wrapper, 'Kim')
    expect(options(wrapper)).toHaveLength(0)
    await type(wrapper, '101')
    await key(wrapper, 'Enter')
    expect(found(wrapper)).toEqual([['101']])
  })
})
