// record.js: the record form's page, before and beside its WebAssembly
// module. It shows the form one section at a time, guards unsaved work,
// makes printing show everything typed, and starts the module once the page
// is usable. The form itself works without it: with JavaScript off it is
// one plain page that can be typed in and printed. Everything else the tool
// does is in the module (see wasm/doc.go).
//
// Sections (#prepare, #facts, #stage-2, #resolution) and the hub that lists
// them (#tasks) are panes: one is open, the others are closed. A closed pane
// is hidden from sight, from the keyboard's Tab order and from screen
// readers, but its controls stay in the page and can still be focused by
// id: focusing one (an error link, a test, a script driving the form) opens
// its pane. Each pane has its own address, so the browser's back button
// goes back to the pane before, as on a service of separate pages.
//
// It never logs and never sends anything: the only requests it makes are for
// the module's own files, from this site.
(function () {
  "use strict";
  var form = document.getElementById("record-form");
  if (!form) return;
  var root = document.documentElement;
  var status = document.getElementById("tool-status-text");
  var hubID = "tasks";
  function say(text) {
    if (status) status.textContent = text;
  }

  // ---- Unsaved work ----

  // Typing is unsaved work until the module saves it to a file or opens one.
  function changed() {
    form.setAttribute("data-dirty", "true");
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Nothing in the form is ever sent anywhere, not even to this site.
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  window.addEventListener("beforeunload", function (e) {
    if (form.getAttribute("data-dirty") === "true") {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  // ---- One section at a time ----

  var panes = Array.prototype.slice.call(document.querySelectorAll(".record-pane"));
  var baseTitle = document.title.replace(/^Error: /, "");
  var current = null;
  var focusable = "a[href], button, input, select, textarea, [tabindex]";

  function paneOf(el) {
    return el && el.closest ? el.closest(".record-pane") : null;
  }

  // close hides a pane from sight, Tab and screen readers, remembering the
  // tab index each control had.
  function close(p) {
    p.classList.add("pane-closed");
    p.setAttribute("aria-hidden", "true");
    var els = p.querySelectorAll(focusable);
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.hasAttribute("data-tabindex")) {
        el.setAttribute("data-tabindex", el.getAttribute("tabindex") || "");
      }
      el.setAttribute("tabindex", "-1");
    }
  }

  function reopen(p) {
    p.classList.remove("pane-closed");
    p.removeAttribute("aria-hidden");
    var els = p.querySelectorAll("[data-tabindex]");
    for (var i = 0; i < els.length; i++) {
      var was = els[i].getAttribute("data-tabindex");
      if (was === "") els[i].removeAttribute("tabindex");
      else els[i].setAttribute("tabindex", was);
      els[i].removeAttribute("data-tabindex");
    }
  }

  // open shows pane p alone. With focusHeading, the focus moves to its
  // heading, as it would start at the top of a new page.
  function open(p, focusHeading) {
    if (!p) return;
    if (p !== current) {
      for (var i = 0; i < panes.length; i++) {
        if (panes[i] !== p) close(panes[i]);
      }
      reopen(p);
      current = p;
      root.setAttribute("data-pane", p.id);
      var h = p.querySelector("h2");
      var title = p.id === hubID || !h ? baseTitle : h.textContent.replace(/\s+/g, " ").trim() + " – " + baseTitle;
      document.title = (/^Error: /.test(document.title) ? "Error: " : "") + title;
    }
    if (focusHeading) {
      var heading = p.id === hubID ? document.getElementById("tasks-title") : p.querySelector("h2");
      if (heading) heading.focus({ preventScroll: true });
      // The section's heading at the top of the screen, its first field
      // just below: as a new page of a service would start.
      if (heading && heading.scrollIntoView) heading.scrollIntoView({ block: "start" });
      else window.scrollTo(0, 0);
    }
  }

  // paneFor returns the pane an address names: a pane's own id, or the
  // pane holding the element with that id; the hub for anything else.
  function paneFor(hash) {
    var id = decodeURIComponent((hash || "").replace(/^#/, ""));
    var el = id ? document.getElementById(id) : null;
    return (el && (el.classList.contains("record-pane") ? el : paneOf(el))) || document.getElementById(hubID);
  }

  function follow(focusHeading) {
    var p = paneFor(location.hash);
    open(p, focusHeading);
    var id = decodeURIComponent(location.hash.replace(/^#/, ""));
    var el = id && document.getElementById(id);
    // An address that names a field, not a pane, puts the focus on it.
    if (el && el !== p && !el.classList.contains("record-pane") && el.matches(focusable)) el.focus();
  }

  // Controls added to a closed pane later (the module's lists and
  // buttons) leave the Tab order too.
  function watch() {
    if (typeof MutationObserver !== "function") return;
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var p = paneOf(records[i].target);
        if (p && p !== current && p.classList.contains("pane-closed")) close(p);
      }
    }).observe(document.getElementById("main") || document.body, { childList: true, subtree: true });
  }

  if (panes.length > 1) {
    root.classList.add("record-panes");
    watch();
    follow(false);
    window.addEventListener("hashchange", function () {
      follow(true);
    });
    window.addEventListener("popstate", function () {
      follow(true);
    });
    // Focus that lands in a closed pane, however it got there, opens it,
    // and the address follows so that Back returns to where it was.
    document.addEventListener("focusin", function (e) {
      var p = paneOf(e.target);
      if (!p || p === current) return;
      open(p, false);
      var hash = "#" + p.id;
      if (location.hash !== hash && history.pushState) history.pushState(null, "", hash);
    });
  }

  // ---- Printing everything typed ----

  // A textarea prints only the lines that fit its box. Before printing,
  // each gets a copy of its text that prints in full (CSS shows the copies
  // only in print); where the browser supports field-sizing, CSS also grows
  // the boxes themselves, which covers printing that fires no event.
  function copies(on) {
    var old = form.querySelectorAll(".print-copy");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    if (!on) return;
    var areas = form.querySelectorAll("textarea");
    for (var j = 0; j < areas.length; j++) {
      var d = document.createElement("div");
      d.className = "print-copy";
      d.setAttribute("aria-hidden", "true");
      d.textContent = areas[j].value;
      areas[j].parentNode.insertBefore(d, areas[j].nextSibling);
    }
    root.classList.add("print-copies");
  }
  window.addEventListener("beforeprint", function () {
    copies(true);
  });
  window.addEventListener("afterprint", function () {
    copies(false);
    root.classList.remove("print-copies");
  });

  // ---- The module ----

  var unable = "This browser cannot run the full record tool. You can still fill in this page and print it.";
  if (typeof WebAssembly !== "object" || typeof fetch !== "function" || typeof Promise !== "function") {
    say(unable);
    return;
  }

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () {
        reject(new Error("its files could not be loaded"));
      };
      document.head.appendChild(s);
    });
  }

  // compile compiles the module as it downloads where the browser can
  // (which also lets it keep the compiled code for the next visit). It
  // needs nothing from the Go support script, so both load at once. The
  // request is the page's preload's (same URL, mode and credentials), so the
  // browser answers it with the download already under way.
  function compile(url) {
    var req = fetch(url, { credentials: "same-origin" });
    if (WebAssembly.compileStreaming) {
      return WebAssembly.compileStreaming(req).catch(function () {
        // A host that sends the module with the wrong type: compile it whole.
        return fetch(url, { credentials: "same-origin" }).then(bytes).then(function (b) {
          return WebAssembly.compile(b);
        });
      });
    }
    return req.then(bytes).then(function (b) {
      return WebAssembly.compile(b);
    });
  }

  function bytes(res) {
    if (!res.ok) throw new Error("its files could not be loaded");
    return res.arrayBuffer();
  }

  function failed() {
    form.removeAttribute("data-ready");
    say("The record tool could not start. What you have typed is still in the form: print the page, or copy your answers somewhere safe.");
  }

  // files returns the URLs of the module and its Go support script: named
  // by the page, which preloads both from its head; else (a page built
  // without them) named by the module's manifest.
  function files() {
    if (form.getAttribute("data-module")) {
      return Promise.resolve({
        module: new URL(form.getAttribute("data-module"), document.baseURI).href,
        exec: new URL(form.getAttribute("data-exec"), document.baseURI).href
      });
    }
    var manifest = new URL(form.getAttribute("data-manifest"), document.baseURI);
    // The page preloads the manifest (same request, same credentials).
    return fetch(manifest.href, { credentials: "same-origin" })
      .then(function (res) {
        if (!res.ok) throw new Error("its files are missing");
        return res.json();
      })
      .then(function (m) {
        return { module: new URL(m.module, manifest).href, exec: new URL(m.exec, manifest).href };
      });
  }

  // start compiles the module as it downloads and loads the Go support
  // script at once: on a slow line, waiting for one before asking for the
  // other costs a round trip.
  function start() {
    say("Loading the record tool…");
    files()
      .then(function (f) {
        return Promise.all([compile(f.module), addScript(f.exec)]);
      })
      .then(function (done) {
        var go = new Go();
        return WebAssembly.instantiate(done[0], go.importObject).then(function (instance) {
          // run resolves only if the module stops, which it never does on purpose.
          go.run(instance).then(failed, failed);
        });
      })
      .catch(failed);
  }

  // Start as soon as the page is parsed: the module downloads and compiles
  // off the main thread, so typing is not held up meanwhile.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
