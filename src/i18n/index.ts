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

type Loader = () => Promise<Messages>
type Module = Promise<{ default: Messages }>

/** A file holding one group of strings, mounted under `key`. */
const under =
  (key: string, load: () => Module): Loader =>
  () =>
    load().then((m) => ({ [key]: m.default }))
/** A file holding several groups at once, each under its own key. */
const groups =
  (load: () => Module): Loader =>
  () =>
    load().then((m) => m.default)

/**
 * Strings of the screens behind sign-in, loaded with the screen that shows them (router meta
 * `messages`, src/router/screen-messages.ts): the sign-in screen carries only en.ts. A feature
 * is there once its own key is (`desk` for the desk's groups).
 */
const FEATURES = {
  desk: {
    en: groups(() => import('./desk.en.ts')),
    ko: groups(() => import('./desk.ko.ts')),
  },
  settings: {
    en: under('settings', () => import('./settings.en.ts')),
    ko: under('settings', () => import('./settings.ko.ts')),
  },
  camera: {
    en: under('camera', () => import('./camera.en.ts')),
    ko: under('camera', () => import('./camera.ko.ts')),
  },
  face: {
    en: under('face', () => import('./face.en.ts')),
    ko: under('face', () => import('./face.ko.ts')),
  },
  search: {
    en: under('search', () => import('./search.en.ts')),
    ko: under('search', () => import('./search.ko.ts')),
  },
  batch: {
    en: under('batch', () => import('./batch.en.ts')),
    ko: under('batch', () => import('./batch.ko.ts')),
  },
  diag: {
    en: under('diag', () => import('./diag.en.ts')),
    ko: under('diag', () => import('./diag.ko.ts')),
  },
  log: {
    en: under('log', () => import('./log.en.ts')),
    ko: under('log', () => import('./log.ko.ts')),
  },
  progress: {
    en: under('progress', () => import('./progress.en.ts')),
    ko: under('progress', () => import('./progress.ko.ts')),
  },
  review: {
    en: under('review', () => import('./review.en.ts')),
    ko: under('review', () => import('./review.ko.ts')),
  },
} satisfies Record<string, Record<Locale, Loader>>
export type Feature = keyof typeof FEATURES
export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[]

/** The features each translator has been asked for, so a language switch brings them too. */
const wanted = new WeakMap<Translator, Set<Feature>>()

async function loadInto(translator: Translator, locale: Locale, features: Iterable<Feature>) {
  const missing = [...new Set(features)].filter((f) => !translator.hasMessages(f, locale))
  const loaded = await Promise.all(missing.map((f) => FEATURES[f][locale]()))
  for (const messages of loaded) translator.mergeLocaleMessage(locale, messages)
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
