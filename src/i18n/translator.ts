import { inject, ref, shallowReactive, type App, type InjectionKey, type Ref } from 'vue'

/**
 * The app's translator: dot-path keys into nested message objects, `{name}` placeholders and
 * `one | other` plural forms chosen by the platform's Intl.PluralRules. That is every message
 * feature Photo Desk uses. vue-i18n did the same job with a message compiler, datetime and number
 * formats and legacy APIs the app never calls, and cost 15 kB gzip of the 60 kB first screen
 * (issue 8); its call shape (`useI18n()`, `t(key, values, count)`, `i18n.global`) is kept so a
 * component reads the same either way.
 */
export type Locale = 'en' | 'ko'
export interface Messages {
  [key: string]: string | Messages
}
export type Named = Record<string, unknown>
/** A message split at its placeholders: text, or the name of a slot to put there. */
export type MessagePart = string | { slot: string }

export interface Translator {
  /** The language shown; reactive, so every `t()` in a template follows it. */
  readonly locale: Ref<Locale>
  /** Languages with messages loaded. */
  readonly availableLocales: Locale[]
  /**
   * The message at `key` in the current language (English if missing there, the key itself if
   * missing in both), with `{name}` filled from `named`. With `plural`, one of the `|`-separated
   * forms is chosen for that number and `{count}` / `{n}` default to it.
   */
  t(key: string, named?: Named, plural?: number): string
  /** Whether `key` has a message in `locale` (default: the current one). */
  te(key: string, locale?: Locale): boolean
  /** Whether `locale` has a message or a group of messages at `key`. */
  hasMessages(key: string, locale: Locale): boolean
  /** The message at `key` split at its placeholders, for text with elements inside. */
  parts(key: string): MessagePart[]
  setLocaleMessage(locale: Locale, messages: Messages): void
  /** Adds `messages` to what `locale` has, key by key (a loaded feature's strings). */
  mergeLocaleMessage(locale: Locale, messages: Messages): void
}

/** What `app.use()` takes; `global` is the translator, as with vue-i18n. */
export interface AppI18n {
  global: Translator
  install(app: App): void
}

const KEY: InjectionKey<Translator> = Symbol('photo-desk:i18n')

function node(messages: Messages | undefined, key: string): string | Messages | undefined {
  let at: string | Messages | undefined = messages
  for (const segment of key.split('.')) {
    if (at === undefined || typeof at === 'string') return undefined
    at = at[segment]
  }
  return at
}

function lookup(messages: Messages | undefined, key: string): string | undefined {
  const found = node(messages, key)
  return typeof found === 'string' ? found : undefined
}

function merge(into: Messages, from: Messages): Messages {
  const out: Messages = { ...into }
  for (const [key, value] of Object.entries(from)) {
    const current = out[key]
    out[key] =
      typeof value === 'object' && typeof current === 'object' ? merge(current, value) : value
  }
  return out
}

const pluralRules = new Map<Locale, Intl.PluralRules>()

/** The form for `count` among `forms` (`one | other`, or `zero | one | other` as in vue-i18n). */
export function pluralForm(forms: string[], count: number, locale: Locale): string {
  let rules = pluralRules.get(locale)
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)))
  const one = rules.select(count) === 'one'
  if (forms.length >= 3) return forms[count === 0 ? 0 : one ? 1 : 2]!
  return forms[one || forms.length === 1 ? 0 : 1]!
}

const PLACEHOLDER = /\{\s*([\w.-]+)\s*\}/g

function interpolate(message: string, named: Named): string {
  return message.replace(PLACEHOLDER, (_, name: string) => {
    const value = named[name]
    return value === undefined || value === null ? '' : String(value)
  })
}

export function createTranslator(locale: Locale, messages: Partial<Record<Locale, Messages>>) {
  const current = ref(locale) as Ref<Locale>
  // Replaced, never mutated, per language: a template re-renders when strings arrive.
  const store = shallowReactive<Partial<Record<Locale, Messages>>>({ ...messages })

  function find(key: string): string | undefined {
    const found = lookup(store[current.value], key) ?? lookup(store.en, key)
    if (found === undefined && import.meta.env.DEV) {
      console.warn(`[i18n] no message "${key}" in ${current.value}`)
    }
    return found
  }

  const translator: Translator = {
    locale: current,
    get availableLocales() {
      return Object.keys(store) as Locale[]
    },
    t(key, named = {}, plural) {
      let message = find(key)
      if (message === undefined) return key
      if (plural !== undefined) {
        const forms = message.split('|').map((f) => f.trim())
        message = pluralForm(forms, plural, current.value)
        named = { count: plural, n: plural, ...named }
      }
      return interpolate(message, named)
    },
    te(key, l = current.value) {
      return lookup(store[l], key) !== undefined
    },
    hasMessages(key, l) {
      return node(store[l], key) !== undefined
    },
    parts(key) {
      const message = find(key) ?? key
      const out: MessagePart[] = []
      let last = 0
      for (const m of message.matchAll(PLACEHOLDER)) {
        if (m.index > last) out.push(message.slice(last, m.index))
        out.push({ slot: m[1]! })
        last = m.index + m[0].length
      }
      if (last < message.length) out.push(message.slice(last))
      return out
    },
    setLocaleMessage(l, value) {
      store[l] = value
    },
    mergeLocaleMessage(l, value) {
      store[l] = merge(store[l] ?? {}, value)
    },
  }
  return translator
}

/** The translator and its Vue plugin: `app.use(createI18n(...))`, then `useI18n()` anywhere. */
export function createI18n(locale: Locale, messages: Partial<Record<Locale, Messages>>): AppI18n {
  const global = createTranslator(locale, messages)
  return { global, install: (app) => void app.provide(KEY, global) }
}

/** The app's translator, from a component's setup (or a composable it calls). */
export function useI18n(): Translator {
  const translator = inject(KEY, null)
  if (!translator) throw new Error('useI18n() needs app.use(createAppI18n()) first')
  return translator
}
