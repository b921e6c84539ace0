// resolve serve's live reload, added to every page only by the development
// server (never to a built site). It listens to the server's events and,
// after each build that changed the page it is on (or every page: a full
// build, a failed one, or the one after it), reloads the page.
//
// It keeps the reader's place: not the same number of pixels from the top,
// which text added above would move, but the same paragraph (or heading,
// list, table...) at the same height in the window. When the page is left
// it notes the block at the top of the window, its text and how far down
// the window it is, in sessionStorage; when the page is loaded again by a
// reload or the back and forward buttons, it finds that block by its text
// (the nearest to where it was, when the text is there more than once),
// else the heading above it by its id, else it goes back to the same
// pixels. A page reached by a link starts at the top, as usual. So that
// the browser does not move the page after it, it asks the browser not to
// restore scroll positions itself on these pages.
//
// Served from the site's own origin as a file, so the pages'
// Content-Security-Policy, which allows no inline script, allows it.
(function () {
  "use strict";
  var events = "/_resolve/events";
  var here = location.pathname.replace(/index\.html$/, "");
  var key = "resolve-serve-place:" + here;
  var blocks = "p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, table, dt, dd, figure";

  function top(el) {
    return el.getBoundingClientRect().top;
  }

  // The reader's place: the block at the top of the window, found where
  // the window's top edge meets the page, or else the first block whose
  // bottom is in the window.
  function place() {
    var at = { x: window.scrollX, y: window.scrollY };
    var all = document.querySelectorAll(blocks);
    var hit = document.elementFromPoint(window.innerWidth / 2, 2);
    var i = Array.prototype.indexOf.call(all, hit && hit.closest(blocks));
    for (var k = 0; i < 0 && k < all.length; k++) {
      var r = all[k].getBoundingClientRect();
      if (r.bottom > 0 && r.height > 0) {
        i = k;
      }
    }
    if (i < 0) {
      return at;
    }
    at.tag = all[i].tagName;
    at.text = all[i].textContent.slice(0, 300);
    at.index = i;
    at.offset = top(all[i]);
    for (var j = i; j >= 0; j--) {
      if (/^H[1-6]$/.test(all[j].tagName) && all[j].id) {
        at.heading = all[j].id;
        at.headingOffset = top(all[j]);
        break;
      }
    }
    return at;
  }

  function restore() {
    var saved;
    try {
      saved = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
    } catch (e) {
      return;
    }
    var nav = performance.getEntriesByType("navigation")[0];
    if (!saved || !nav || (nav.type !== "reload" && nav.type !== "back_forward")) {
      return;
    }
    var at = JSON.parse(saved);
    var all = document.querySelectorAll(blocks);
    var best = null;
    for (var i = 0; i < all.length; i++) {
      if (all[i].tagName === at.tag && all[i].textContent.slice(0, 300) === at.text &&
          (!best || Math.abs(i - at.index) < Math.abs(best.i - at.index))) {
        best = { el: all[i], i: i };
      }
    }
    var heading = at.heading && document.getElementById(at.heading);
    if (best) {
      window.scrollTo(at.x, window.scrollY + top(best.el) - at.offset);
    } else if (heading) {
      window.scrollTo(at.x, window.scrollY + top(heading) - at.headingOffset);
    } else {
      window.scrollTo(at.x, at.y);
    }
  }

  if ("scrollRestoration" in history) {
    history.scrollRestoration = "manual";
  }
  if (document.readyState === "complete") {
    restore();
  } else {
    window.addEventListener("load", restore);
  }
  window.addEventListener("pagehide", function () {
    try {
      sessionStorage.setItem(key, JSON.stringify(place()));
    } catch (e) {
      // Storage refused: the page opens at the top.
    }
  });

  var source = new EventSource(events + "?page=" + encodeURIComponent(here));
  source.addEventListener("reload", function (ev) {
    var changed = null;
    try {
      changed = JSON.parse(ev.data).changed;
    } catch (e) {
      changed = null;
    }
    if (changed && changed.indexOf(here) < 0) {
      return; // this page is as it was
    }
    source.close();
    location.reload();
  });
})();
