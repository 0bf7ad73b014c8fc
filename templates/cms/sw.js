/* Nhà Rông's service worker (served at /sw.js by cms/pwa.py; plain JS, no build step).
   version {{ version }}

   Caches:
   - nr-shell-<version>: CSS, scripts, icons and the offline page of each language,
     fetched at install; a new version (new static file names) replaces it.
   - nr-pages / nr-media: public pages visited and their pictures. Network first for
     pages, so an online visit always gets the current page (an unpublished page is a
     404 and leaves this cache); cache first for pictures (their file names change with
     their content). A response that says private or no-store, varies on Cookie, or
     comes from a learner's, an account's, the admin's or the API's address is never kept.
   - nr-course-<id>-<lang> (nr-course-s-… for a sensitive course): a course the learner
     saved with "Save for offline" (static/js/offline.js fills and refreshes it).
   Quick exit and sign-out send a message that removes the sensitive courses and every
   page and picture kept while browsing. */
"use strict";

const VERSION = "{{ version }}";
const SHELL = "nr-shell-" + VERSION;
const PAGES = "nr-pages";
const MEDIA = "nr-media";
const SAVED = "nr-course-";
const SENSITIVE = "nr-course-s-";
const SHELL_URLS = {{ shell_urls|safe }};
const OFFLINE_PAGES = {{ offline_pages|safe }};
const DEFAULT_LANGUAGE = "{{ default_language }}";
const MAX_PAGES = 60;
const MAX_MEDIA = 150;
const NEVER = [
  /^\/admin\//, /^\/django-admin\//, /^\/api\//, /^\/accounts\//, /^\/i18n\//,
  /^\/[a-z]{2,3}\/learn\//, /^\/[a-z]{2,3}\/certificates\//, /^\/sw\.js$/,
];
const PICTURE = /\.fill-(720x405|1080x608)\.format-webp\./;
const LIGHTEST = ".fill-360x203.format-webp.";
let lightPictures = false;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      cache.addAll(SHELL_URLS.map((url) => new Request(url, { credentials: "omit" })))
    ).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(
      names.filter((name) => name.startsWith("nr-shell-") && name !== SHELL).map((name) => caches.delete(name))
    )).then(() => self.clients.claim())
  );
});

function keepable(response) {
  if (!response || response.status !== 200 || response.type !== "basic") { return false; }
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  const vary = (response.headers.get("Vary") || "").toLowerCase();
  return !/private|no-store/.test(control) && !/cookie|\*/.test(vary);
}

async function trim(name, most) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - most))) { await cache.delete(key); }
}

function offlinePage(path) {
  const language = path.split("/")[1];
  return OFFLINE_PAGES[language] || OFFLINE_PAGES[DEFAULT_LANGUAGE];
}

async function page(request, url) {
  try {
    const response = await fetch(request);
    if (keepable(response) && !url.search) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(url.pathname, copy)).then(() => trim(PAGES, MAX_PAGES));
    } else if (response.status === 404 || response.status === 410) {
      caches.open(PAGES).then((cache) => cache.delete(url.pathname));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(url.pathname, { ignoreSearch: false, ignoreVary: true });
    if (kept) { return kept; }
    const fallback = await caches.match(offlinePage(url.pathname), { ignoreVary: true });
    return fallback || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}

async function sameImage(url) {
  /* Offline, another size of the same picture (a saved course keeps one size with Save-Data). */
  const stem = url.pathname.split(".fill-")[0];
  if (stem === url.pathname) { return undefined; }
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      if (new URL(key.url).pathname.startsWith(stem + ".fill-")) { return cache.match(key); }
    }
  }
  return undefined;
}

async function ranged(request, response) {
  /* <audio> asks for byte ranges; a kept file answers them from its bytes. */
  const range = /bytes=(\d*)-(\d*)/.exec(request.headers.get("Range") || "");
  if (!range || response.status !== 200) { return response; }
  const body = await response.arrayBuffer();
  const start = range[1] ? Number(range[1]) : Math.max(0, body.byteLength - Number(range[2] || 0));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), body.byteLength - 1) : body.byteLength - 1;
  const headers = new Headers(response.headers);
  headers.set("Content-Range", `bytes ${start}-${end}/${body.byteLength}`);
  headers.set("Content-Length", String(end - start + 1));
  return new Response(body.slice(start, end + 1), { status: 206, headers: headers });
}

async function media(request, url) {
  if (lightPictures || request.headers.get("Save-Data") === "on") {
    if (PICTURE.test(url.pathname)) {
      const light = await caches.match(url.pathname.replace(PICTURE, LIGHTEST), { ignoreVary: true });
      if (light) { return light; }
    }
  }
  const kept = await caches.match(url.pathname, { ignoreVary: true });
  if (kept) { return ranged(request, kept); }
  try {
    const response = await fetch(request);
    if (keepable(response) && url.pathname.startsWith("/media/images/") && !request.headers.get("Range")) {
      const copy = response.clone();
      caches.open(MEDIA).then((cache) => cache.put(url.pathname, copy)).then(() => trim(MEDIA, MAX_MEDIA));
    }
    return response;
  } catch (error) {
    const other = await sameImage(url);
    if (other) { return other; }
    throw error;
  }
}

async function staticFile(request, url) {
  const kept = await caches.match(url.pathname, { ignoreVary: true });
  if (kept) { return kept; }
  const response = await fetch(request);
  if (keepable(response)) {
    const copy = response.clone();
    caches.open(SHELL).then((cache) => cache.put(url.pathname, copy));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.some((rule) => rule.test(url.pathname))) { return; }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request, url));
  } else if (url.pathname.startsWith("/media/") || url.pathname.startsWith("/documents/")) {
    event.respondWith(media(request, url));
  } else if (request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html")) {
    event.respondWith(page(request, url));
  }
});

async function forget(sensitiveOnly) {
  const names = await caches.keys();
  await Promise.all(names.filter((name) =>
    name.startsWith(SENSITIVE) || (!sensitiveOnly && (name === PAGES || name === MEDIA))
  ).map((name) => caches.delete(name)));
  await new Promise((resolve) => {
    const opening = indexedDB.open("nharong-offline", 1);
    opening.onupgradeneeded = () => opening.transaction.abort();
    opening.onerror = () => resolve();
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains("courses")) { db.close(); resolve(); return; }
      const store = db.transaction("courses", "readwrite").objectStore("courses");
      store.openCursor().onsuccess = (e) => {
        const cursor = e.target.result;
        if (!cursor) { db.close(); resolve(); return; }
        if (cursor.value.sensitive) { cursor.delete(); }
        cursor.continue();
      };
    };
  });
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "quick-exit" || data.type === "sign-out") {
    event.waitUntil(forget(false).then(() => event.source && event.source.postMessage({ type: "forgotten" })));
  } else if (data.type === "settings") {
    lightPictures = Boolean(data.light);
  }
});
