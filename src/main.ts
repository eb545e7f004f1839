import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router/index.ts'
import { createAppI18n, initialLocale, switchLocale } from './i18n/index.ts'
import { useSessionStore } from './stores/session.ts'
import { useSettingsStore } from './stores/settings.ts'
import { lastSeen, trackActivity } from './diagnostics/activity.ts'
import { registerServiceWorker } from './pwa/register.ts'
import { deleteDatabase } from './storage/databases.ts'
import { QUEUE_DB } from './batch/queue-db.ts'
import { readSiteSettings } from './settings/read-site.ts'
import './assets/main.css'

const app = createApp(App)
app.use(createPinia())
// The site's settings file, fetched beside the strings: a few seconds at most, and a missing or
// broken file only means the built-in defaults (Diagnostics says what was wrong).
const site = readSiteSettings().catch(() => null)
const i18n = createAppI18n()
// Korean readers get their language before the first paint, not a flash of English. If it
// cannot be fetched (a flaky network), the app starts in English; the language menu can retry.
const locale = switchLocale(i18n.global, initialLocale()).catch(() => undefined)
const read = await site
if (read) useSettingsStore().applySite(read)
// A tab restored after the idle time starts at the sign-in screen (shared PCs).
useSessionStore().restore({ idleMs: useSettingsStore().idleLockMs(), lastSeen: lastSeen() })
// A batch queue saved before a reload must go on sign-out even if /batch was not opened since.
useSessionStore().onSignOut(() => deleteDatabase(QUEUE_DB))
await locale
app.use(i18n)
app.use(createAppRouter(i18n.global))
app.mount('#app')
trackActivity()
registerServiceWorker()
