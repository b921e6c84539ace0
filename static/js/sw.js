// sw.js: the service worker that lets a practitioner open the procedure
// pages and the record form without a network once they have visited the
// site. The build writes it to the site's base path (so its scope is the
// whole site), unfingerprinted, with CONFIG filled in:
//   build     a hash of every file of the build: a new build is a new cache
//   base      the site's base path, "/" or "/procedures/"
//   offline   the page shown for a page that was never saved
//   precache  what is saved at once: the home page, each procedure and its
//             record form, the CSS and JS, and the form's WebAssembly module
// Pages are fetched from the network first and saved as they are read, so a
// reader online always sees the current procedure; offline, the saved copy
// is shown. Fingerprinted files never change, so the saved copy is used.
//
// Nothing of a record is ever saved: records live in the page and in files
// the practitioner downloads (blob: URLs, which never pass through here).
// Only GET requests to this site are handled, never requests with a query
// string (search terms), never other sites, and only complete, successful,
// storable answers are saved.
"use strict";

var CONFIG = __RESOLVE_CONFIG__;
var PREFIX = "resolve:" + CONFIG.base + ":";
var CACHE = PREFIX + CONFIG.build;
var FINGERPRINTED = /\.[0-9a-f]{8,64}\.[a-z0-9]+$/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // reload: the copies saved must come from the server, not an old
      // HTTP cache entry from before this build.
      return cache.addAll(CONFIG.precache.map(function (u) {
        return new Request(u, { cache: "reload" });
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        // Only this site's old builds: other sites on the same origin
        // (other GitHub Pages projects) keep their caches.
        return k.indexOf(PREFIX) === 0 && k !== CACHE;
      }).map(function (k) {
        return caches.delete(k);
      }));
    }).then(function () {
      return self.clients.claim();
    }).then(function () {
      // The page that registered this worker was read before it could be
      // saved: save it, and any other open page of the site, now.
      return self.clients.matchAll({ type: "window" });
    }).then(function (windows) {
      return caches.open(CACHE).then(function (cache) {
        return Promise.all(windows.map(function (w) {
          var u = new URL(w.url);
          if (u.origin !== self.location.origin || u.search || u.pathname.indexOf(CONFIG.base) !== 0) return null;
          return cache.match(u.pathname).then(function (hit) {
            return hit || cache.add(u.pathname).catch(function () { /* offline now: it is saved next time */ });
          });
        }));
      });
    })
  );
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET" || req.headers.has("range")) return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf(CONFIG.base) !== 0) return;
  if (req.headers.get("accept") === "text/event-stream") return; // the dev server's reload stream
  if (req.mode === "navigate") {
    event.respondWith(page(event, req, url));
  } else if (!url.search) {
    event.respondWith(FINGERPRINTED.test(url.pathname) ? saved(event, req) : fresh(event, req));
  }
});

// page answers a navigation: the network's answer, saved; else the saved
// copy (a query string, such as a search, is ignored offline); else the
// offline page.
function page(event, req, url) {
  return fetch(req).then(function (res) {
    if (!url.search) keep(event, req, res);
    return res;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(req, { ignoreSearch: true }).then(function (hit) {
        return hit || cache.match(CONFIG.offline).then(function (off) {
          return off || Response.error();
        });
      });
    });
  });
}

// saved answers a fingerprinted file from the cache, or fetches and saves it.
function saved(event, req) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        keep(event, req, res);
        return res;
      });
    });
  });
}

// fresh answers any other file from the network, saving it, or from the
// cache when the network fails.
function fresh(event, req) {
  return fetch(req).then(function (res) {
    keep(event, req, res);
    return res;
  }).catch(function (err) {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(req).then(function (hit) {
        if (hit) return hit;
        throw err;
      });
    });
  });
}

// keep saves a copy of a complete, successful answer from this site that
// the server allows to be stored.
function keep(event, req, res) {
  // A redirected answer cannot answer a later navigation: it is not kept.
  if (!res || res.status !== 200 || res.type !== "basic" || res.redirected) return;
  var cc = res.headers.get("cache-control") || "";
  var type = res.headers.get("content-type") || "";
  if (/no-store/i.test(cc) || type.indexOf("text/event-stream") === 0) return;
  var copy = res.clone();
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.put(req, copy);
  }).catch(function () { /* storage full or refused: the page still works online */ }));
}
