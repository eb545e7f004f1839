import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { UserIdType } from '@/api/user-id.ts'

const STORAGE_KEY = 'photo-desk:settings'

/** The reader's photo slot (device SDK BS2_USER_PHOTO_SIZE). Never exceeded in device-safe mode. */
export const DEVICE_SLOT_BYTES = 16_384

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
}

export const DEFAULT_SETTINGS: Settings = {
  aspect: 1,
  maxSide: 400,
  maxBytes: 16_000,
  deviceSafe: true,
  idType: 'numeric',
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
  return { aspect, maxSide, maxBytes, deviceSafe, idType }
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

  watch(settings, (value) => globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(value)), {
    deep: true,
  })

  return { settings, update, reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
