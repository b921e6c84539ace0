// record.js: starts the record form's WebAssembly module once the page is
// usable, and guards unsaved work. The form itself works without it: it is
// plain HTML that can be typed in and printed. Everything else the tool does
// is in the module (see wasm/doc.go); this file only loads it.
//
// It never logs and never sends anything: the only requests it makes are for
// the module's own files, from this site.
(function () {
  "use strict";
  var form = document.getElementById("record-form");
  if (!form) return;
  var status = document.getElementById("tool-status-text");
  function say(text) {
    if (status) status.textContent = text;
  }

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

  function instantiate(url, imports) {
    var req = fetch(url, { credentials: "same-origin" });
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(req, imports).catch(function () {
        // A host that sends the module with the wrong type: compile it whole.
        return fetch(url, { credentials: "same-origin" }).then(bytes).then(function (b) {
          return WebAssembly.instantiate(b, imports);
        });
      });
    }
    return req.then(bytes).then(function (b) {
      return WebAssembly.instantiate(b, imports);
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

  function start() {
    say("Loading the record tool…");
    var manifest = new URL(form.getAttribute("data-manifest"), document.baseURI);
    fetch(manifest.href, { credentials: "same-origin" })
      .then(function (res) {
        if (!res.ok) throw new Error("its files are missing");
        return res.json();
      })
      .then(function (m) {
        return addScript(new URL(m.exec, manifest).href).then(function () {
          var go = new Go();
          return instantiate(new URL(m.module, manifest).href, go.importObject).then(function (result) {
            // run resolves only if the module stops, which it never does on purpose.
            go.run(result.instance).then(failed, failed);
          });
        });
      })
      .catch(failed);
  }

  // Load after the page is usable, when the browser is idle, so typing is
  // never held up by the download or the compilation.
  function later() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 2000 });
    else window.setTimeout(start, 0);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
})();
