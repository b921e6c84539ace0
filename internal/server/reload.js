// resolve serve's live reload, added to every page only by the development
// server (never to a built site). It listens to the server's events and,
// after each build that changed the page it is on (or every page: a full
// build, a failed one, or the one after it), reloads the page where the
// reader was: the scroll position is kept in sessionStorage for the one
// reload and put back once the new page has loaded. Served from the site's
// own origin as a file, so the pages' Content-Security-Policy, which allows
// no inline script, allows it.
(function () {
  "use strict";
  var events = "/_resolve/events";
  var here = location.pathname.replace(/index\.html$/, "");
  var key = "resolve-serve-scroll:" + here;

  function restore() {
    var saved;
    try {
      saved = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
    } catch (e) {
      return; // storage refused: the browser keeps what it can
    }
    if (!saved) {
      return;
    }
    var at = JSON.parse(saved);
    window.scrollTo(at.x, at.y);
  }
  if (document.readyState === "complete") {
    restore();
  } else {
    window.addEventListener("load", restore);
  }

  var source = new EventSource(events);
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
    try {
      sessionStorage.setItem(key, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Reload all the same, from the top.
    }
    source.close();
    location.reload();
  });
})();
