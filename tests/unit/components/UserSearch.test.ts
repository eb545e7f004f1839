// The "Search users" combobox as a clerk uses it: focus loads the list (with progress), typing
// searches, arrows move, Enter or a click picks, Esc closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createAppI18n } from '@/i18n/index.ts'
import type { UserSummary } from '@/api/types.ts'
import { ApiError } from '@/api/errors.ts'
import { listUsers } from '@/api/users.ts'
import UserSearch from '@/components/UserSearch.vue'
import en from '@/i18n/en.ts'
import ko from '@/i18n/ko.ts'
import searchEn from '@/i18n/search.en.ts'
import searchKo from '@/i18n/search.ko.ts'
import { useDirectoryStore } from '@/stores/directory.ts'

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

let pinia: Pinia

function mountSearch(locale: 'en' | 'ko' = 'en') {
  const i18n = createAppI18n(locale, {
    en: { ...en, search: searchEn },
    ko: { ...ko, search: searchKo },
  })
  return mount(UserSearch, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
}

type Wrapper = ReturnType<typeof mountSearch>

/** Types like a person and waits out the debounce. */
async function type(wrapper: Wrapper, text: string) {
  await wrapper.get('input').setValue(text)
  await new Promise((resolve) => setTimeout(resolve, 120))
  await flushPromises()
}

const key = (wrapper: Wrapper, name: string) =>
  wrapper.get('input').trigger('keydown', { key: name })
const options = (wrapper: Wrapper) => wrapper.findAll('[role="option"]')
const activeText = (wrapper: Wrapper) => {
  const id = wrapper.get('input').attributes('aria-activedescendant')
  return id ? document.getElementById(id)?.textContent : undefined
}

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  mockList.mockReset()
})

describe('UserSearch', () => {
  it('is a combobox labelled "Search users" that controls a listbox', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    const input = wrapper.get('input')
    const label = wrapper.get('label')
    expect(label.text()).toBe('Search users')
    expect(label.attributes('for')).toBe(input.attributes('id'))
    expect(input.attributes('role')).toBe('combobox')
    expect(input.attributes('aria-expanded')).toBe('false')
    const listbox = wrapper.get('[role="listbox"]')
    expect(input.attributes('aria-controls')).toBe(listbox.attributes('id'))
    expect(input.attributes('aria-activedescendant')).toBeUndefined()
  })

  it('loads the list on first focus, once', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    expect(mockList).not.toHaveBeenCalled()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await wrapper.get('input').trigger('blur')
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(1)
    expect(useDirectoryStore().users).toHaveLength(5)
    expect(wrapper.text()).toContain('Users in the list: 5')
  })

  it('shows progress while loading and searches the part loaded so far', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => user(String(i + 1), `Person ${i + 1}`))
    const waiting: Array<() => void> = []
    serve(many, () => new Promise<void>((resolve) => waiting.push(resolve)))
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
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
    expect(wrapper.get('[data-test="search-status"]').text()).toBe(
      'No matches so far; still loading users.',
    )
    await type(wrapper, 'person 99')
    expect(options(wrapper).map((o) => o.find('.name').text())).toContain('Person 999')
    expect(wrapper.get('[data-test="search-status"]').text()).toBe('11 matches')
    // The next page widens the results without retyping.
    await type(wrapper, 'person 1')
    const status = () => wrapper.get('[data-test="search-status"]').text()
    expect(status()).toBe('Showing 50 of 112 matches — type more to narrow')
    waiting.shift()?.()
    await flushPromises()
    expect(status()).toBe('Showing 50 of 612 matches — type more to narrow')
    while (waiting.length || useDirectoryStore().loading) {
      waiting.shift()?.()
      await flushPromises()
    }
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Users in the list: 20,000')
  })

  it('formats numbers and words for Korean', async () => {
    const waiting: Array<() => void> = []
    const many = Array.from({ length: 1500 }, (_, i) => user(String(i + 1), `이용자${i + 1}`))
    serve(many, () => new Promise<void>((resolve) => waiting.push(resolve)))
    const wrapper = mountSearch('ko')
    expect(wrapper.get('label').text()).toBe('사용자 검색')
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    waiting.shift()?.()
    await flushPromises()
    expect(wrapper.get('[data-test="users-progress"]').text()).toBe(
      '사용자 불러오는 중: 1,500명 중 500명',
    )
  })

  it('moves with Down and Up, picks with Enter and emits select', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await type(wrapper, 'lee')
    const input = wrapper.get('input')
    expect(input.attributes('aria-expanded')).toBe('true')
    expect(options(wrapper).map((o) => o.find('.name').text())).toEqual([
      'Lee Annabel',
      'Annabel Lee',
      'Kathleen Smith',
    ])
    // The best match is highlighted at once, so typing and Enter is enough.
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
    expect(wrapper.emitted('select')).toEqual([[STAFF[2]]])
    expect(input.attributes('aria-expanded')).toBe('false')
    expect((input.element as HTMLInputElement).value).toBe('Kathleen Smith')
  })

  it('Enter right after typing picks the best match of everything typed', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await wrapper.get('input').setValue('민준')
    await key(wrapper, 'Enter')
    expect(wrapper.emitted('select')).toEqual([[STAFF[3]]])
  })

  it('picks with a click or tap, and shows ID, group and badges', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await type(wrapper, 'annabel')
    const second = options(wrapper)[1]
    expect(second?.text()).toContain('ID 102')
    expect(second?.text()).toContain('No group')
    expect(second?.text()).toContain('No photo')
    expect(options(wrapper)[0]?.text()).toContain('Engineering')
    await second?.trigger('click')
    expect(wrapper.emitted('select')).toEqual([[STAFF[1]]])
  })

  it('Esc closes the list, a second Esc clears the text', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await type(wrapper, 'smith')
    const input = wrapper.get('input')
    expect(input.attributes('aria-expanded')).toBe('true')
    await key(wrapper, 'Escape')
    expect(input.attributes('aria-expanded')).toBe('false')
    expect(input.attributes('aria-activedescendant')).toBeUndefined()
    expect((input.element as HTMLInputElement).value).toBe('smith')
    await key(wrapper, 'ArrowDown')
    expect(input.attributes('aria-expanded')).toBe('true')
    await key(wrapper, 'Escape')
    await key(wrapper, 'Escape')
    expect((input.element as HTMLInputElement).value).toBe('')
    expect(wrapper.emitted('select')).toBeUndefined()
  })

  it('says "No matches", and how many are hidden when capped', async () => {
    serve(Array.from({ length: 312 }, (_, i) => user(String(i + 1), `Staff ${i + 1}`)))
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    await type(wrapper, 'zzz')
    expect(wrapper.get('[data-test="search-status"]').text()).toBe('No matches')
    expect(wrapper.get('input').attributes('aria-expanded')).toBe('false')
    await type(wrapper, 'staff')
    expect(options(wrapper)).toHaveLength(50)
    expect(wrapper.get('[data-test="search-status"]').text()).toBe(
      'Showing 50 of 312 matches — type more to narrow',
    )
    await type(wrapper, 'staff 31')
    expect(wrapper.get('[data-test="search-status"]').text()).toBe('4 matches')
  })

  it('"Refresh list" loads again; a failure is explained with a retry', async () => {
    serve(STAFF)
    const wrapper = mountSearch()
    await wrapper.get('input').trigger('focus')
    await flushPromises()
    mockList.mockRejectedValueOnce(new ApiError({ kind: 'server', status: 500 }))
    const refresh = wrapper.get('[data-test="refresh-users"]')
    expect(refresh.text()).toBe('Refresh list')
    await refresh.trigger('click')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[role="alert"]').text()).toContain(
      'The user list could not be loaded. The BioStar server had a problem (HTTP 500).',
    )
    // The old list is still there to search.
    await type(wrapper, 'annabel')
    expect(options(wrapper)).toHaveLength(2)
    await wrapper.get('[role="alert"] button').trigger('click')
    await flushPromises()
    expect(mockList).toHaveBeenCalledTimes(3)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })
})
