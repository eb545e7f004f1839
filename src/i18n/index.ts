import { createI18n } from 'vue-i18n'
import en from './en.ts'
import ko from './ko.ts'

export type Locale = 'en' | 'ko'
export const LOCALES: Locale[] = ['en', 'ko']
const STORAGE_KEY = 'photo-desk:locale'

/** The remembered choice, else the browser's language, else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'ko') return saved
  const languages = globalThis.navigator?.languages ?? []
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en'
}

export function rememberLocale(locale: Locale) {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

export const messages = { en, ko }

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages })
}
