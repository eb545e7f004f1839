// The app's own translator: what a message reads like, which language and form it picks, and that
// a screen's strings arrive with it (and follow a language switch).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import { createTranslator, useI18n } from '@/i18n/translator.ts'
import { createAppI18n, FEATURE_NAMES, loadMessages, switchLocale } from '@/i18n/index.ts'
import { messages as allMessages } from '@/i18n/messages.ts'
import en from '@/i18n/en.ts'
import ko from '@/i18n/ko.ts'
import I18nText from '@/components/I18nText.vue'
import cameraKo from '@/i18n/camera.ko.ts'
import searchEn from '@/i18n/search.en.ts'

afterEach(() => {
  vi.restoreAllMocks()
  localStorage.clear()
})

const messages = {
  en: {
    greet: 'Hello {name}, you have {count} new',
    nested: { deep: { key: 'Deep' } },
    photos: '{count} photo waiting | {count} photos waiting',
    three: 'none | one item | {n} items',
    onlyEnglish: 'Only in English',
    link: 'Open {url} instead, or {other}.',
  },
  ko: {
    greet: '{name}님, 새 항목 {count}개',
    nested: { deep: { key: '깊은' } },
    photos: '사진 {count}장 대기 | 사진 {count}장 대기',
    three: '없음 | 하나 | {n}개',
    link: '대신 {url} 을 여세요. {other}',
  },
}

describe('t()', () => {
  it('fills placeholders, and leaves none behind for a missing value', () => {
    const { t } = createTranslator('en', messages)
    expect(t('greet', { name: 'Ana', count: 3 })).toBe('Hello Ana, you have 3 new')
    expect(t('greet', { name: 'Ana' })).toBe('Hello Ana, you have  new')
    expect(t('nested.deep.key')).toBe('Deep')
  })

  it('never interprets a value: markup and braces come out as typed', () => {
    const { t } = createTranslator('en', messages)
    expect(t('greet', { name: '<b>{count}</b>', count: 1 })).toBe(
      'Hello <b>{count}</b>, you have 1 new',
    )
  })

  it('chooses the plural form by the language rules and fills {count} / {n}', () => {
    const { t, locale } = createTranslator('en', messages)
    expect(t('photos', {}, 1)).toBe('1 photo waiting')
    expect(t('photos', {}, 0)).toBe('0 photos waiting')
    expect(t('photos', {}, 2)).toBe('2 photos waiting')
    expect(t('three', {}, 0)).toBe('none')
    expect(t('three', {}, 1)).toBe('one item')
    expect(t('three', {}, 5)).toBe('5 items')
    locale.value = 'ko'
    // Korean has one form for every number.
    expect(t('photos', {}, 1)).toBe('사진 1장 대기')
    expect(t('photos', {}, 7)).toBe('사진 7장 대기')
  })

  it('falls back to English, then to the key itself', () => {
    const { t, te } = createTranslator('ko', messages)
    expect(t('greet', { name: '민수', count: 2 })).toBe('민수님, 새 항목 2개')
    expect(t('onlyEnglish')).toBe('Only in English')
    expect(te('onlyEnglish')).toBe(false)
    expect(te('onlyEnglish', 'en')).toBe(true)
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(t('no.such.key')).toBe('no.such.key')
    // A group is not a message.
    expect(t('nested.deep')).toBe('nested.deep')
  })

  it('merges strings key by key without losing what was there', () => {
    const tr = createTranslator('en', { en: { a: { x: 'X' } } })
    tr.mergeLocaleMessage('en', { a: { y: 'Y' }, b: 'B' })
    expect([tr.t('a.x'), tr.t('a.y'), tr.t('b')]).toEqual(['X', 'Y', 'B'])
    expect(tr.hasMessages('a', 'en')).toBe(true)
    expect(tr.hasMessages('a', 'ko')).toBe(false)
  })

  it('splits a message at its placeholders for elements in a sentence', () => {
    const { parts } = createTranslator('en', messages)
    expect(parts('link')).toEqual([
      'Open ',
      { slot: 'url' },
      ' instead, or ',
      { slot: 'other' },
      '.',
    ])
  })
})

describe('in components', () => {
  const Shows = defineComponent({
    setup() {
      const { t } = useI18n()
      return () => h('p', t('greet', { name: 'Ana', count: 1 }))
    },
  })

  it('re-renders when the language or the strings change', async () => {
    const i18n = createAppI18n('en', { en: messages.en })
    const wrapper = mount(Shows, { global: { plugins: [i18n] } })
    expect(wrapper.text()).toBe('Hello Ana, you have 1 new')
    i18n.global.setLocaleMessage('ko', messages.ko)
    i18n.global.locale.value = 'ko'
    await nextTick()
    expect(wrapper.text()).toBe('Ana님, 새 항목 1개')
    i18n.global.mergeLocaleMessage('ko', { greet: '안녕 {name}' })
    await nextTick()
    expect(wrapper.text()).toBe('안녕 Ana')
  })

  it('says what is missing when no translator was installed', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => mount(Shows)).toThrow(/useI18n\(\) needs app.use\(createAppI18n\(\)\)/)
  })

  it('I18nText puts slot content where the placeholders are', () => {
    const wrapper = mount(I18nText, {
      props: { keypath: 'link', tag: 'p' },
      slots: { url: '<a href="https://x.test">https://x.test</a>', other: '<em>call us</em>' },
      global: { plugins: [createAppI18n('en', { en: messages.en })] },
    })
    expect(wrapper.element.tagName).toBe('P')
    expect(wrapper.html()).toContain('Open <a href="https://x.test">https://x.test</a> instead')
    expect(wrapper.find('em').text()).toBe('call us')
    expect(wrapper.text()).toBe('Open https://x.test instead, or call us.')
  })
})

describe('strings that come with their screen', () => {
  it('loads a feature once, in the current language only', async () => {
    const { global: tr } = createAppI18n('en')
    expect(tr.hasMessages('search', 'en')).toBe(false)
    await loadMessages(tr, ['search', 'search'])
    expect(tr.t('search.results')).toBe(searchEn.results)
    expect(tr.hasMessages('search', 'ko')).toBe(false)
    // Core strings are still there.
    expect(tr.t('app.title')).toBe('Photo Desk')
  })

  it('brings Korean and every feature in use on a language switch', async () => {
    const { global: tr } = createAppI18n('en')
    await loadMessages(tr, ['camera'])
    await switchLocale(tr, 'ko')
    expect(tr.locale.value).toBe('ko')
    expect(tr.t('camera.title')).toBe(cameraKo.title)
    expect(tr.t('app.skipToContent')).toBe('본문으로 건너뛰기')
    expect(localStorage.getItem('photo-desk:locale')).toBe('ko')
    expect(document.documentElement.lang).toBe('ko')
  })

  it('loads, feature by feature, every string the key-parity test checks', async () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value !== 'object' || value === null
        ? [prefix]
        : Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    for (const locale of ['en', 'ko'] as const) {
      const { global: tr } = createAppI18n(locale, { en, ko })
      await loadMessages(tr, FEATURE_NAMES)
      const missing = keys(allMessages[locale]).filter((key) => !tr.te(key, locale))
      expect(missing, locale).toEqual([])
    }
  })
})
