import en from './en.ts'
import {
  createI18n,
  type AppI18n,
  type Locale,
  type Messages,
  type Translator,
} from './translator.ts'

export type { Locale } from './translator.ts'
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

type Loader = () => Promise<{ default: Messages }>

/**
 * Strings of the screens behind sign-in, each under its own top-level key, loaded with the
 * screen that shows them (router meta `messages`): the sign-in screen carries only `en.ts`.
 */
const FEATURES = {
  camera: { en: () => import('./camera.en.ts'), ko: () => import('./camera.ko.ts') },
  face: { en: () => import('./face.en.ts'), ko: () => import('./face.ko.ts') },
  search: { en: () => import('./search.en.ts'), ko: () => import('./search.ko.ts') },
  batch: { en: () => import('./batch.en.ts'), ko: () => import('./batch.ko.ts') },
  diag: { en: () => import('./diag.en.ts'), ko: () => import('./diag.ko.ts') },
  log: { en: () => import('./log.en.ts'), ko: () => import('./log.ko.ts') },
} satisfies Record<string, Record<Locale, Loader>>
export type Feature = keyof typeof FEATURES
export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[]

/** The features each translator has been asked for, so a language switch brings them too. */
const wanted = new WeakMap<Translator, Set<Feature>>()

async function loadInto(translator: Translator, locale: Locale, features: Iterable<Feature>) {
  const missing = [...new Set(features)].filter((f) => !translator.hasMessages(f, locale))
  const loaded = await Promise.all(missing.map((f) => FEATURES[f][locale]()))
  const add: Messages = {}
  missing.forEach((f, i) => (add[f] = loaded[i]!.default))
  if (missing.length > 0) translator.mergeLocaleMessage(locale, add)
}

/** Makes `features`' strings available in the current language (the key-parity test keeps
 * Korean complete, so English is not fetched as a fallback). */
export async function loadMessages(translator: Translator, features: readonly Feature[]) {
  if (features.length === 0) return
  let set = wanted.get(translator)
  if (!set) wanted.set(translator, (set = new Set()))
  for (const f of features) set.add(f)
  await loadInto(translator, translator.locale.value, features)
}

/** English is built in (and the fallback); Korean and the features are fetched on demand. */
export function createAppI18n(
  locale: Locale = 'en',
  messages: Partial<Record<Locale, Messages>> = { en },
): AppI18n {
  return createI18n(locale, messages)
}

/** Loads a language's messages (and the features already in use), then switches to it. */
export async function switchLocale(translator: Translator, locale: Locale) {
  if (!translator.availableLocales.includes(locale)) {
    // Only Korean is ever missing: English ships in the first screen.
    const { default: ko } = await import('./ko.ts')
    translator.setLocaleMessage('ko', ko)
  }
  await loadInto(translator, locale, wanted.get(translator) ?? [])
  translator.locale.value = locale
  rememberLocale(locale)
}
