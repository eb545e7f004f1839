// Every setting of a station, once: its type, range and built-in default. The station's own
// choices (localStorage), the site file (/photo-desk.json) and Diagnostics all follow this table,
// so a new setting is one entry here (plus its control in Settings and a line in
// docs/deploying.md, which a unit test holds to this list). Pure: no Vue, no browser.
import type { UserIdType } from '@/api/user-id.ts'
import type { Locale } from '@/i18n/translator.ts'

/**
 * The reader's photo slot (device SDK BS2_USER_PHOTO_SIZE). Never exceeded in device-safe mode.
 * The same as photo/limits.ts DEVICE_PHOTO_LIMIT, kept here on purpose: importing it would load
 * the photo pipeline's chunk on the sign-in screen (the bundler keeps src/photo together).
 */
export const DEVICE_SLOT_BYTES = 16_384

/** The longest idle time the idle lock allows (minutes): a working day. */
export const MAX_IDLE_LOCK_MIN = 600

export interface BooleanRule {
  type: 'boolean'
  default: boolean
}
/** A whole number from min to max. */
export interface IntegerRule {
  type: 'integer'
  min: number
  max: number
  default: number
}
/** One of a few values. */
export interface ChoiceRule<T extends string | number = string | number> {
  type: 'choice'
  values: readonly T[]
  default: T
}
export type Rule = BooleanRule | IntegerRule | ChoiceRule

const flag = (value: boolean): BooleanRule => ({ type: 'boolean', default: value })
const whole = (min: number, max: number, value: number): IntegerRule => ({
  type: 'integer',
  min,
  max,
  default: value,
})
const oneOf = <T extends string | number>(values: readonly T[], value: T): ChoiceRule<T> => ({
  type: 'choice',
  values,
  default: value,
})

/** The settings, in the order Diagnostics and the docs list them. */
export const SETTINGS_SCHEMA = {
  /** Crop aspect, width / height: 1 (square) or 0.75 (3:4 portrait). */
  aspect: oneOf([1, 0.75], 1),
  /** Longest side of the stored JPEG, px. */
  maxSide: whole(200, 1024, 400),
  /** JPEG byte budget; at most DEVICE_SLOT_BYTES while deviceSafe is on (settle()). */
  maxBytes: whole(4_000, 1_000_000, 16_000),
  /** When on, maxBytes can never go over the reader's 16 KiB slot. */
  deviceSafe: flag(true),
  /** Settings > Server > User ID Type on the BioStar server. */
  idType: oneOf<UserIdType>(['numeric', 'alphanumeric'], 'numeric'),
  /** Seconds before a call to BioStar is given up (each try). */
  timeoutSec: whole(5, 120, 20),
  /** Registration-point tablet: full screen, big buttons, resets after each save. */
  kiosk: flag(false),
  /** The kiosk's fixed language (no language menu in kiosk mode); '' lets visitors choose. */
  kioskLocale: oneOf<Locale | ''>(['', 'en', 'ko'], ''),
  /** Minutes without a key, touch or answered call before the idle lock signs out; 0 = off. */
  idleLockMin: whole(0, MAX_IDLE_LOCK_MIN, 15),
  /** Capture by itself when every face check passes for a second (needs face guidance). */
  autoCapture: flag(false),
  /** Face guidance on the live preview (off: centred crop, no model download). */
  faceGuide: flag(true),
  /** Warn when the new picture does not look like the person's current photo (needs faceGuide). */
  samePersonCheck: flag(true),
}

type Schema = typeof SETTINGS_SCHEMA
export type SettingKey = keyof Schema
/** A setting's value type, from its rule. */
type ValueOf<R> = R extends BooleanRule ? boolean : R extends ChoiceRule<infer T> ? T : number
export type Settings = { -readonly [K in SettingKey]: ValueOf<Schema[K]> }

export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[]

export const isSettingKey = (key: string): key is SettingKey => Object.hasOwn(SETTINGS_SCHEMA, key)

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, SETTINGS_SCHEMA[key].default])) as Settings,
)

/**
 * Why a value does not fit its rule, or null: `type` (not a boolean / a number / one of the
 * values), `integer` (a fraction), `range` (outside min..max). Strict: for the site file.
 */
export function ruleProblem(rule: Rule, value: unknown): 'type' | 'integer' | 'range' | null {
  if (rule.type === 'boolean') return typeof value === 'boolean' ? null : 'type'
  if (rule.type === 'choice') return (rule.values as unknown[]).includes(value) ? null : 'type'
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'type'
  if (!Number.isInteger(value)) return 'integer'
  return value < rule.min || value > rule.max ? 'range' : null
}

/** A stored or typed value made to fit its rule (numbers rounded into range), else `otherwise`. */
function fit(rule: Rule, value: unknown, otherwise: unknown): unknown {
  if (rule.type === 'integer') {
    // 0 is a value here (the idle lock off), not a missing one; NaN (an emptied field) is not.
    if (typeof value !== 'number' || !Number.isFinite(value)) return otherwise
    return Math.round(Math.min(rule.max, Math.max(rule.min, value)))
  }
  return ruleProblem(rule, value) ? otherwise : value
}

/** Rules between settings: device-safe mode caps the byte budget at the reader's slot. */
function settle(s: Settings): Settings {
  if (s.deviceSafe) s.maxBytes = Math.min(s.maxBytes, DEVICE_SLOT_BYTES)
  return s
}

/**
 * Keeps stored or typed values inside what the readers and the pipeline can handle; a missing or
 * broken value is the `defaults`' one (the built-in defaults, or the site's).
 */
export function sanitize(
  s: Partial<Record<SettingKey, unknown>>,
  defaults: Readonly<Settings> = DEFAULT_SETTINGS,
): Settings {
  const out = {} as Record<SettingKey, unknown>
  for (const key of SETTING_KEYS) out[key] = fit(SETTINGS_SCHEMA[key], s[key], defaults[key])
  return settle(out as Settings)
}
