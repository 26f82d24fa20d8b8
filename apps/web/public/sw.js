// The app shell, cached so the intake form opens with no signal. Only /app/ files are cached: never
// /api or /auth answers, which carry survivors' details. A new release replaces the cache (the page
// and this file are served with no-cache, so phones pick it up on their next load with a signal).
const CACHE = 'haki-shell-v1';
const SHELL = '/app/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(SHELL, { cache: 'no-cache' });
      const html = await page.clone().text();
      await cache.put(SHELL, page);
      // The hashed script and style the page names, so the first offline load needs nothing else.
      const assets = [...html.matchAll(/(?:src|href)="(\/app\/[^"]+)"/g)].map((match) => match[1]);
      await cache.addAll([...new Set(assets)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  if (event.request.mode === 'navigate') {
    // The network first (a new release), the cached shell when there is none.
    event.respondWith(
      (async () => {
        try {
          const page = await fetch(event.request);
          if (page.ok) (await caches.open(CACHE)).put(SHELL, page.clone());
          return page;
        } catch {
          return (await caches.match(SHELL)) ?? Response.error();
        }
      })(),
    );
    return;
  }
  // Hashed files never change: the cache first, then the network (and keep what came).
  event.respondWith(
    (async () => {
      const cached = await caches.match(event.request);
      if (cached) return cached;
      const response = await fetch(event.request);
      if (response.ok) (await caches.open(CACHE)).put(event.request, response.clone());
      return response;
    })(),
  );
});
