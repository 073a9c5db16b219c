// Service worker of the knowledge base. macros/offline.py writes it to the site root as sw.js and puts BUILD,
// PRECACHE and RUNTIME (paths relative to the site root) above this line. Hand-written rather than Workbox: the
// wasm is over Workbox's 2 MB precache limit, we want one versioned cache we control, and no build dependency.
// - One cache per build ("kb-offline:<scope>:<BUILD>"); activation deletes the other builds of this scope.
// - Install precaches every page, the search index, styles, scripts and icons: all or nothing.
// - The Python runtime (RUNTIME) joins the same cache when a tool page loads it (or on "cache-runtime").
// - Pages: network first (short timeout), else the cached copy of this build. A page that differs from the
//   cached one is newer than this build: its files then come from the network first too (no mixed versions).
// - Other files: this build's cache first, then the network. Only GET requests inside the scope are handled:
//   nothing leaves the origin.
/* global BUILD, PRECACHE, RUNTIME */

const SCOPE = self.registration.scope;
const PREFIX = `kb-offline:${SCOPE}:`;
const CACHE = PREFIX + BUILD;
const PAGE_TIMEOUT_MS = 3000;
// Clients (documents, and workers they start) whose page came from a newer deployment than this build.
const newer = new Set();

const inScope = (path) => new URL(path, SCOPE).href;
// This build's cache, or null once it is gone (removed by the reader or a newer worker): never recreate it.
const ownCache = async () => ((await caches.has(CACHE)) ? caches.open(CACHE) : null);

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => event.waitUntil(removeOtherBuilds().then(() => self.clients.claim())));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.headers.has("range")) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (newer.has(event.clientId)) {
    if (event.resultingClientId) newer.add(event.resultingClientId);
    event.respondWith(networkFirst(request));
  } else event.respondWith(cacheFirst(event));
});

self.addEventListener("message", (event) => {
  const type = event.data?.type;
  const reply = (answer) => answer.then((value) => event.ports[0]?.postMessage(value));
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "status") event.waitUntil(reply(status()));
  else if (type === "cache-runtime") event.waitUntil(reply(cacheRuntime().then(status)));
});

/** Fetch every file of PRECACHE into this build's cache; on any failure drop the cache (install fails). */
async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await cache.addAll(PRECACHE.map((path) => new Request(inScope(path), { cache: "no-cache" })));
  } catch (error) {
    await caches.delete(CACHE);
    throw error;
  }
}

async function removeOtherBuilds() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

/** Network first with a timeout, then this build's copy; a page unlike the cached copy marks its client newer. */
async function page(event) {
  const cached = await (await ownCache())?.match(event.request, { ignoreSearch: true });
  try {
    const response = await withTimeout(fetch(event.request), cached ? PAGE_TIMEOUT_MS : 0);
    if (!response.ok && cached) return cached;
    if (cached && response.ok) return await compare(event, response, cached);
    return response;
  } catch {
    return cached || Response.error();
  }
}

async function compare(event, response, cached) {
  const body = await response.clone().text();
  if (body !== (await cached.clone().text())) {
    if (event.resultingClientId) newer.add(event.resultingClientId);
    self.registration.update().catch(() => {});
  }
  return response;
}

function withTimeout(promise, ms) {
  if (!ms) return promise;
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);
}

/** This build's copy, else the network (kept in this build's cache: the Python runtime arrives this way). */
async function cacheFirst(event) {
  const cache = await ownCache();
  const hit = await cache?.match(event.request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(event.request);
  if (cache && response.ok && response.type === "basic") event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch {
    return (await (await ownCache())?.match(request, { ignoreSearch: true })) || Response.error();
  }
}

/** Keep the Python runtime files of this build (after a tool page loaded them before this worker took over). */
async function cacheRuntime() {
  const cache = await ownCache();
  if (!cache) return;
  const present = await cachedURLs(cache);
  for (const path of RUNTIME) {
    const url = inScope(path);
    if (present.has(url)) continue;
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
  }
}

async function cachedURLs(cache) {
  return new Set((await cache.keys()).map((request) => request.url));
}

async function status() {
  const cache = await ownCache();
  const present = cache ? await cachedURLs(cache) : new Set();
  const all = (paths) => paths.every((path) => present.has(inScope(path)));
  return { build: BUILD, pages: all(PRECACHE), runtime: all(RUNTIME) };
}
