// The service worker's source. Not bundled: server/service-worker.ts copies it into the build as
// /sw.js with BUILD filled in (the files of that build and a hash of their contents).
//
// - The app shell (index.html, the entry's JS and CSS, manifest, icons) is cached on install;
//   the other files of the build (screens loaded later) too, as far as the network allows.
// - Pages (navigations): network first, so a new deployment shows up at the next load; after
//   NAVIGATION_TIMEOUT_MS or on a network error, the cached index.html (the app opens offline).
// - /assets/ (hashed, never change) and the other files of the build: cache first.
// - BioStar's API (/api) and the server's own files (/__photo-desk/) are never answered here:
//   a photo saved, a user read or a sign-in must always be the server's answer of the moment.
// - Each build has its own cache; activating a new worker deletes the caches of older builds.

/** @type {{ version: string, core: string[], lazy: string[] }} */
const BUILD = __PHOTO_DESK_BUILD__

const PREFIX = 'photo-desk-'
const CACHE = `${PREFIX}${BUILD.version}`
const NAVIGATION_TIMEOUT_MS = 4000
const SCOPE = new URL(self.registration.scope)
const INDEX = new URL('index.html', SCOPE).href
const PRECACHED = new Set([...BUILD.core, ...BUILD.lazy])

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

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll(BUILD.core.map(fresh))
      // Screens loaded later make offline use complete, but must not keep the shell from installing.
      await Promise.allSettled(BUILD.lazy.map((path) => cache.add(fresh(path))))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key)
      }
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const path = localPath(new URL(request.url))
  if (path === null || bypassed(path)) return
  if (request.mode === 'navigate') event.respondWith(navigate(event))
  else if (path.startsWith('assets/') || PRECACHED.has(path)) event.respondWith(cacheFirst(event))
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

async function cacheFirst(event) {
  const cache = await caches.open(CACHE)
  // ignoreVary: a module script asks with an Origin header (crossorigin), the install did not.
  const hit = await cache.match(event.request, { ignoreVary: true })
  if (hit) return hit
  const response = await fetch(event.request)
  // A missing file answered with the app's index.html must not be kept as a script or a style.
  if (response.ok && response.type === 'basic' && !isHtml(response)) {
    event.waitUntil(cache.put(event.request, response.clone()))
  }
  return response
}
