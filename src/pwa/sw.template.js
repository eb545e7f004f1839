// The service worker's source. Not bundled: server/service-worker.ts copies it into the build as
// /sw.js with BUILD filled in (the files of that build and a hash of their contents).
//
// - The app shell (index.html, the entry's JS and CSS, manifest, icons) is cached on install;
//   the other files of the build (screens loaded later) too, as far as the network allows.
// - Pages (navigations): network first, so a new deployment shows up at the next load; after
//   NAVIGATION_TIMEOUT_MS or on a network error, the cached index.html (the app opens offline).
// - /assets/ (hashed, never change) and the other files of the build: cache first.
// - Files too large to fetch on install (the 6.4 MB face recognition model, for the same-person
//   check): cached when first used, then offline too, and copied into the next build's cache
//   when their bytes did not change.
// - The site settings file (photo-desk.json, not part of any build): network first, so a changed
//   file takes effect at the next start; after SITE_TIMEOUT_MS or on a network error, the last
//   copy the server gave (an offline tablet keeps its site's settings). A 404 forgets the copy:
//   the site removed its file. Kept in a cache of its own, which no deployment deletes.
// - BioStar's API (/api) and the server's own files (/__photo-desk/) are never answered here:
//   a photo saved, a user read or a sign-in must always be the server's answer of the moment.
// - Each build has its own cache. A new worker takes over the open tabs at once, but a tab keeps
//   running the build it loaded until the operator reloads it, and its screens and dialogs load
//   later, from files the server no longer has after a deployment. So files are answered from
//   every build's cache, and an older build's cache is deleted only once no open tab runs that
//   build: each page says which build it runs (src/pwa/register.ts), and a page that has not
//   said keeps every cache.

/** @type {{ version: string, core: string[], lazy: string[], onDemand: { path: string, sha256: string }[] }} */
const BUILD = __PHOTO_DESK_BUILD__

const PREFIX = 'photo-desk-'
const CACHE = `${PREFIX}${BUILD.version}`
const NAVIGATION_TIMEOUT_MS = 4000
/** Shorter than the app's own wait for the file (src/api/site-file.ts), so offline it gets the copy. */
const SITE_TIMEOUT_MS = 2000
const SITE_FILE = 'photo-desk.json'
/** Not under PREFIX: the tidying of older builds' caches leaves it alone. */
const SITE_CACHE = 'photo-desk:site'
const SCOPE = new URL(self.registration.scope)
const INDEX = new URL('index.html', SCOPE).href
const PRECACHED = new Set([...BUILD.core, ...BUILD.lazy])
/** Too large to fetch on install (the face recognition model): cached when first used. */
const ON_DEMAND = new Map(BUILD.onDemand.map((file) => [file.path, file.sha256]))

// The conversation with the pages; src/pwa/register.ts uses the same names.
/** Page to worker: "I run the build whose entry script is `entry`". */
const PAGE_BUILD = 'photo-desk:page-build'
/** Worker to page: "which build do you run?" (after the worker was restarted, or took over). */
const ASK_BUILD = 'photo-desk:ask-build'
/** Closed tabs are noticed at the next page start, or at a request at most this often. */
const TIDY_EVERY_MS = 60_000

/**
 * Open pages (client id) and the caches holding the build each one runs. In memory only: the
 * browser stops an idle worker, and the pages are then asked again.
 */
const buildsInUse = new Map()
let lastTidy = 0

/** The path below the scope ("assets/x.js"), or null for another origin or outside the scope. */
function localPath(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null
  return url.pathname.slice(SCOPE.pathname.length)
}

function bypassed(path) {
  return (
    path === 'api' ||
    path.startsWith('api/') ||
    path.startsWith('__photo-desk/') ||
    path === 'sw.js'
  )
}

function fresh(path) {
  // Revalidate with the server (a 304 is enough): never fill a new cache from a stale HTTP cache.
  return new Request(new URL(path, SCOPE).href, { cache: 'no-cache' })
}

/** The caches of older builds, kept for the tabs still running them. */
async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE)
}

self.addEventListener('install', (event) => {
  // BioStar's API goes straight to the network, never through this worker, where the browser can
  // route it so (Chromium's static routing): the photo review makes thousands of calls, each of
  // which would otherwise wake this worker only to be let through (see bypassed()).
  if (event.addRoutes && typeof URLPattern === 'function')
    event.waitUntil(
      event
        .addRoutes({
          condition: { urlPattern: new URLPattern({ pathname: `${SCOPE.pathname}api/*` }) },
          source: 'network',
        })
        .catch(() => undefined),
    )
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll(BUILD.core.map(fresh))
      // Screens loaded later (and the site's settings) make offline use complete, but must not
      // keep the shell from installing.
      await Promise.allSettled([
        ...BUILD.lazy.map((path) => cache.add(fresh(path))),
        ...BUILD.onDemand.map((file) => carryOver(cache, file)),
        fetch(fresh(SITE_FILE)).then(keepSiteFile),
      ])
      await self.skipWaiting()
    })(),
  )
})

/** A large file an older build's cache already holds, copied over when its bytes are the same. */
async function carryOver(cache, file) {
  const url = new URL(file.path, SCOPE).href
  for (const name of await olderCaches()) {
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true })
    if (!hit) continue
    const body = await hit.arrayBuffer()
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body))
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
    if (hex !== file.sha256) continue
    await cache.put(url, new Response(body, { headers: hit.headers }))
    return
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Taking over makes each page say which build it runs; tidy() asks those that do not.
      await self.clients.claim()
      await tidy()
    })(),
  )
})

self.addEventListener('message', (event) => {
  const data = event.data
  const page = event.source
  if (!page || !data || data.type !== PAGE_BUILD) return
  event.waitUntil(
    (async () => {
      buildsInUse.set(page.id, await cachesHolding(data.entry))
      await tidy()
    })(),
  )
})

/** The caches (of this build or older ones) holding a page's entry script: what it may load. */
async function cachesHolding(entry) {
  const found = []
  if (typeof entry !== 'string') return found
  for (const name of [CACHE, ...(await olderCaches())]) {
    const cache = await caches.open(name)
    if (await cache.match(entry, { ignoreVary: true }).catch(() => undefined)) found.push(name)
  }
  return found
}

/** Whether a window is a page of the app (one that can say which build it runs). */
function isAppPage(client) {
  const path = localPath(new URL(client.url))
  return path !== null && !bypassed(path)
}

/**
 * Deletes the caches of older builds that no open page runs. A page that has not said which
 * build it runs is asked, and nothing is deleted until it answers.
 */
async function tidy() {
  lastTidy = Date.now()
  const pages = (await self.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter(
    isAppPage,
  )
  const open = new Set(pages.map((page) => page.id))
  for (const id of buildsInUse.keys()) if (!open.has(id)) buildsInUse.delete(id)

  const keep = new Set([CACHE])
  let unknown = false
  for (const page of pages) {
    const used = buildsInUse.get(page.id)
    if (used) for (const name of used) keep.add(name)
    else {
      unknown = true
      page.postMessage({ type: ASK_BUILD })
    }
  }
  if (unknown) return
  for (const name of await olderCaches()) if (!keep.has(name)) await caches.delete(name)
}

self.addEventListener('fetch', (event) => {
  // Tabs closed since the last look free their builds' caches.
  if (Date.now() - lastTidy > TIDY_EVERY_MS) event.waitUntil(tidy().catch(() => undefined))
  const request = event.request
  if (request.method !== 'GET') return
  const path = localPath(new URL(request.url))
  if (path === null || bypassed(path)) return
  if (path === SITE_FILE) event.respondWith(siteFile(event))
  else if (request.mode === 'navigate') event.respondWith(navigate(event))
  else if (path.startsWith('assets/') || PRECACHED.has(path) || ON_DEMAND.has(path))
    event.respondWith(cacheFirst(event, path))
})

function isHtml(response) {
  return (response.headers.get('content-type') || '').includes('text/html')
}

/** Resolves null after ms: the page waited long enough for the network. */
function later(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms))
}

async function navigate(event) {
  const cache = await caches.open(CACHE)
  const network = fetch(event.request).then((response) => {
    // Every page of the app is index.html: keep the newest copy for offline starts.
    if (response.ok && response.type === 'basic' && isHtml(response)) {
      event.waitUntil(cache.put(INDEX, response.clone()))
    }
    return response
  })
  // Keep the worker alive until the page has arrived, even when the cached copy answered first.
  event.waitUntil(network.catch(() => undefined))
  try {
    const response = await Promise.race([network, later(NAVIGATION_TIMEOUT_MS)])
    if (response && response.status < 500) return response
  } catch {
    // offline, or too slow: the cached shell below
  }
  const cached = await cache.match(INDEX, { ignoreVary: true })
  return cached || network
}

/** Keeps the server's copy of the site file for offline starts, or forgets it on a 404. */
async function keepSiteFile(response) {
  const cache = await caches.open(SITE_CACHE)
  const url = new URL(SITE_FILE, SCOPE).href
  if (response.status === 404) await cache.delete(url)
  else if (response.ok && response.type === 'basic' && !isHtml(response))
    await cache.put(url, response.clone())
  return response
}

async function siteFile(event) {
  const network = fetch(event.request).then(keepSiteFile)
  event.waitUntil(network.catch(() => undefined))
  try {
    const response = await Promise.race([network, later(SITE_TIMEOUT_MS)])
    if (response && response.status < 500) return response
  } catch {
    // offline, or too slow: the copy below
  }
  const cached = await (await caches.open(SITE_CACHE)).match(new URL(SITE_FILE, SCOPE).href)
  return cached || network
}

/** This build's copy, else an older build's: a tab opened before a deployment still runs it. */
async function fromCaches(request) {
  // ignoreVary: a module script asks with an Origin header (crossorigin), the install did not.
  const own = await (await caches.open(CACHE)).match(request, { ignoreVary: true })
  if (own) return own
  for (const name of await olderCaches()) {
    const hit = await (await caches.open(name)).match(request, { ignoreVary: true })
    if (hit) return hit
  }
  return undefined
}

async function cacheFirst(event, path) {
  // A large file without a hashed name may differ between builds: only this build's copy.
  const hit = ON_DEMAND.has(path)
    ? await (await caches.open(CACHE)).match(event.request, { ignoreVary: true })
    : await fromCaches(event.request)
  if (hit) return hit
  const response = await fetch(event.request)
  // Only this build's files go into its cache (another build's would stay until the next one).
  // A missing file answered with the app's index.html must not be kept as a script or a style.
  const ours = PRECACHED.has(path) || ON_DEMAND.has(path)
  if (ours && response.ok && response.type === 'basic' && !isHtml(response)) {
    const cache = await caches.open(CACHE)
    event.waitUntil(cache.put(event.request, response.clone()))
  }
  return response
}
