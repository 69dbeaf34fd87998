// The offline worker, served at /sw.js with its version and file list filled in. Static files
// and exercise pictures come from the cache first; the session and today pages come from the
// network first and from the cache when offline. POSTs never pass through here: the page sends
// them itself and retries, which stays reliable when the connection comes and goes.

const VERSION = "__VERSION__";
const CACHE = `rollcoach-${VERSION}`;
const PRECACHE = ["__PRECACHE__"];
const PAGES = ["__PAGES__"];
const PICTURE = /^\/exercises\/[a-z0-9-]+\/picture\.svg$/;

async function keepPage(cache, path) {
  try {
    // A redirect (not logged in, check due) must not be kept as the page.
    const response = await fetch(path, { credentials: "same-origin", redirect: "manual" });
    if (response.ok && response.type === "basic") await cache.put(path, response);
  } catch {
    // Offline while installing: the page is kept on the next visit instead.
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE);
      await Promise.all(PAGES.map((path) => keepPage(cache, path)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith("rollcoach-") && name !== CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

async function refresh(cache, request) {
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function cacheFirst(request, path) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (!hit) return refresh(cache, request);
  // Files outside the versioned list are refreshed behind the scenes for the next visit.
  if (!PRECACHE.includes(path)) refresh(cache, request).catch(() => {});
  return hit;
}

function offlinePage() {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>Offline · rollcoach</title><main><h1>You are offline</h1>" +
    "<p>This page has not been saved on this device yet. Connect once and open it again.</p>" +
    "</main></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html" } });
}

async function networkFirst(request, path) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !response.redirected) {
      await cache.put(path, response.clone());
    }
    return response;
  } catch {
    return (await cache.match(path)) || offlinePage();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/") || PICTURE.test(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  } else if (request.mode === "navigate" && PAGES.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep-pictures" || !Array.isArray(data.urls)) return;
  const wanted = data.urls
    .map((raw) => new URL(raw, self.location.origin))
    .filter((url) => url.origin === self.location.origin && PICTURE.test(url.pathname));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        wanted.map(async (url) => {
          if (await cache.match(url.pathname)) return;
          await refresh(cache, url.pathname).catch(() => {});
        }),
      ),
    ),
  );
});
