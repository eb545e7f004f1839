import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { clientConfig } from '@/api/client.ts'
import type { SettingKey, Settings } from '@/settings/schema.ts'
import {
  changeStation,
  effective,
  NO_SITE_FILE,
  readStation,
  storedStation,
  type SiteSettings,
} from '@/settings/layers.ts'

export {
  DEFAULT_SETTINGS,
  DEVICE_SLOT_BYTES,
  MAX_IDLE_LOCK_MIN,
  sanitize,
  type Settings,
} from '@/settings/schema.ts'

/** The station's own choices (only those: the rest follows the site file and the defaults). */
const STORAGE_KEY = 'photo-desk:settings'

function loadStation(): Partial<Settings> {
  try {
    return readStation(JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null'))
  } catch {
    return {}
  }
}

/**
 * The desk's settings: built in, the site's file (src/settings/site-file.ts, read at start by
 * main.ts) and this browser's choices in localStorage; a key the site locks cannot be changed.
 */
export const useSettingsStore = defineStore('settings', () => {
  const site = shallowRef<SiteSettings>(NO_SITE_FILE)
  let station = loadStation()
  const first = effective(site.value, station)
  /** The settings in effect. */
  const settings = ref<Settings>(first.settings)
  /** Where each one comes from (Diagnostics). */
  const sources = shallowRef(first.sources)

  function apply(next: Partial<Settings>) {
    station = next
    const now = effective(site.value, station)
    settings.value = now.settings
    sources.value = now.sources
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(storedStation(station)))
  }

  /** Changes this station's settings; keys the site locks stay as they are. */
  function update(patch: Partial<Settings>) {
    apply(changeStation(site.value, station, patch))
  }

  /** Back to the site's defaults (the built-in ones without a site file). */
  function reset() {
    apply({})
  }

  /** The site file read at start: its values become the defaults, its locks hold. */
  function applySite(read: SiteSettings) {
    site.value = read
    // A station's old value of a locked key is dropped, not kept for when the lock goes.
    apply(changeStation(read, station, {}))
  }

  const isLocked = (key: SettingKey) => site.value.locked.includes(key)

  /** The idle lock's time in ms; 0 when it is off. */
  const idleLockMs = () => settings.value.idleLockMin * 60_000

  // The API client reads its timeout from here, so the setting applies to the next call.
  watch(settings, (value) => (clientConfig.timeoutMs = value.timeoutSec * 1000), {
    immediate: true,
    deep: true,
  })

  return { settings, sources, site, update, reset, applySite, isLocked, idleLockMs }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
