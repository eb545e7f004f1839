import { createI18n, type Composer } from 'vue-i18n'
import en from './en.ts'

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

/** English is built in (and the fallback); Korean is fetched from the app's origin on demand. */
export function createAppI18n(locale: Locale = 'en') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { en } })
}

/** Loads a language's messages if needed, then switches to it and remembers the choice. */
export async function switchLocale(
  composer: Pick<Composer, 'locale' | 'availableLocales' | 'setLocaleMessage'>,
  locale: Locale,
) {
  if (!composer.availableLocales.includes(locale)) {
    // Only Korean is ever missing: English ships in the first screen.
    const { default: ko } = await import('./ko.ts')
    composer.setLocaleMessage('ko', ko)
  }
  composer.locale.value = locale
  rememberLocale(locale)
}
