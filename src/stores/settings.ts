import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { UserIdType } from '@/api/user-id.ts'
import { clientConfig } from '@/api/client.ts'
import type { Locale } from '@/i18n/translator.ts'

const STORAGE_KEY = 'photo-desk:settings'

/**
 * The reader's photo slot (device SDK BS2_USER_PHOTO_SIZE). Never exceeded in device-safe mode.
 * The same as photo/limits.ts DEVICE_PHOTO_LIMIT, kept here on purpose: importing it would load
 * the photo pipeline's chunk on the sign-in screen (the bundler keeps src/photo together).
 */
export const DEVICE_SLOT_BYTES = 16_384

/** The longest idle time the idle lock allows (minutes): a working day. */
export const MAX_IDLE_LOCK_MIN = 600

export interface Settings {
  /** Crop aspect, width / height: 1 (square) or 0.75 (3:4 portrait). */
  aspect: number
  /** Longest side of the stored JPEG, px. */
  maxSide: number
  /** JPEG byte budget. */
  maxBytes: number
  /** When on, maxBytes can never go over the reader's 16 KiB slot. */
  deviceSafe: boolean
  /** Settings > Server > User ID Type on the BioStar server. */
  idType: UserIdType
  /** Seconds before a call to BioStar is given up (each try). */
  timeoutSec: number
  /** Registration-point tablet: full screen, big buttons, resets after each save. */
  kiosk: boolean
  /** The kiosk's fixed language (no language menu in kiosk mode); '' lets visitors choose. */
  kioskLocale: Locale | ''
  /** Minutes without a key, touch or answered call before the idle lock signs out; 0 = off. */
  idleLockMin: number
  /** Capture by itself when every face check passes for a second (needs face guidance). */
  autoCapture: boolean
  /** Face guidance on the live preview (off: centred crop, no model download). */
  faceGuide: boolean
  /** Warn when the new picture does not look like the person's current photo (needs faceGuide). */
  samePersonCheck: boolean
}

export const DEFAULT_SETTINGS: Settings = {
  aspect: 1,
  maxSide: 400,
  maxBytes: 16_000,
  deviceSafe: true,
  idType: 'numeric',
  timeoutSec: 20,
  kiosk: false,
  kioskLocale: '',
  idleLockMin: 15,
  autoCapture: false,
  faceGuide: true,
  samePersonCheck: true,
}

function load(): Settings {
  try {
    const saved = JSON.parse(
      globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null',
    ) as Partial<Settings> | null
    return sanitize({ ...DEFAULT_SETTINGS, ...saved })
  } catch {
    return { ...DEFAULT_SETTINGS }
  }
}

/** Keeps stored or typed values inside what the readers and the pipeline can handle. */
export function sanitize(s: Settings): Settings {
  const aspect = s.aspect === 0.75 ? 0.75 : 1
  const maxSide = Math.round(
    Math.min(1024, Math.max(200, Number(s.maxSide) || DEFAULT_SETTINGS.maxSide)),
  )
  let maxBytes = Math.round(Math.max(4_000, Number(s.maxBytes) || DEFAULT_SETTINGS.maxBytes))
  const deviceSafe = s.deviceSafe !== false
  if (deviceSafe) maxBytes = Math.min(maxBytes, DEVICE_SLOT_BYTES)
  else maxBytes = Math.min(maxBytes, 1_000_000)
  const idType = s.idType === 'alphanumeric' ? 'alphanumeric' : 'numeric'
  const timeoutSec = Math.round(
    Math.min(120, Math.max(5, Number(s.timeoutSec) || DEFAULT_SETTINGS.timeoutSec)),
  )
  // 0 is a value here (off), not a missing one.
  const idle = typeof s.idleLockMin === 'number' ? s.idleLockMin : NaN
  const idleLockMin = Number.isFinite(idle)
    ? Math.round(Math.min(MAX_IDLE_LOCK_MIN, Math.max(0, idle)))
    : DEFAULT_SETTINGS.idleLockMin
  return {
    aspect,
    maxSide,
    maxBytes,
    deviceSafe,
    idType,
    timeoutSec,
    kiosk: s.kiosk === true,
    kioskLocale: s.kioskLocale === 'en' || s.kioskLocale === 'ko' ? s.kioskLocale : '',
    idleLockMin,
    autoCapture: s.autoCapture === true,
    faceGuide: s.faceGuide !== false,
    samePersonCheck: s.samePersonCheck !== false,
  }
}

/** Per-browser preferences of the desk, kept in localStorage. */
export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>(load())

  function update(patch: Partial<Settings>) {
    settings.value = sanitize({ ...settings.value, ...patch })
  }

  function reset() {
    settings.value = { ...DEFAULT_SETTINGS }
  }

  /** The idle lock's time in ms; 0 when it is off. */
  const idleLockMs = () => settings.value.idleLockMin * 60_000

  // The API client reads its timeout from here, so the setting applies to the next call.
  watch(settings, (value) => (clientConfig.timeoutMs = value.timeoutSec * 1000), {
    immediate: true,
    deep: true,
  })

  watch(settings, (value) => globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(value)), {
    deep: true,
  })

  return { settings, update, reset, idleLockMs }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
