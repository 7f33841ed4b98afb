// Release Lab's service worker: after one visit the app opens with the
// network off. scripts/package-dist.mjs fills in the files the build wrote
// and a version that changes with any byte of them.
//
// The page itself (navigations) comes from the network first, so a new
// build is seen on the next online load; the browser then installs this
// worker's new version, which precaches the new files and deletes every
// older cache. Hashed files never change, so they come from the cache.
const VERSION = "__VERSION__";
const FILES = ["__FILES__"];
const CACHE = `release-lab-${VERSION}`;

// Hashed files never change, so the copy the page just loaded (in the
// HTTP cache) will do; the rest must be today's.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: HASHED.test(file) ? "default" : "reload" })))
        // The folder's own address, where the host serves index.html for it.
        .then(() => cache.add(new Request("./", { cache: "reload" })).catch(() => {})))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("release-lab-") && key !== CACHE).map((key) => caches.delete(key))))
      // The page's request starts while this worker boots, so a visit
      // with the worker is no slower than one without it.
      .then(() => self.registration.navigationPreload && self.registration.navigationPreload.enable())
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(request)).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((page) => page || cache.match("index.html")))),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((cached) => cached || fetch(request))));
});
