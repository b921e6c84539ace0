// offline.js registers the service worker (sw.js at the site's base path)
// that keeps the pages a practitioner has read, and the record form,
// available without a network. It is loaded on every page; without it, or
// where service workers are not supported, the site works as before, online.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  // This file is <base>js/offline.<hash>.js: the base is one folder up.
  var me = document.currentScript;
  if (!me || !me.src) return;
  var base = new URL("../", me.src);
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", base).href, { scope: base.pathname })
      .catch(function () { /* not served over https, or refused: stay online-only */ });
  }
  // On the record form, only once its module runs: registering saves the
  // whole site, the module with it, and on a slow line that download would
  // halve the speed of the form's own.
  function afterRecordTool(f) {
    var form = document.getElementById("record-form");
    if (!form || form.getAttribute("data-ready") === "true" || typeof MutationObserver !== "function") return f();
    var watch = new MutationObserver(function () {
      if (form.getAttribute("data-ready") !== "true") return;
      watch.disconnect();
      f();
    });
    watch.observe(form, { attributes: true, attributeFilter: ["data-ready"] });
  }
  // After the page has loaded, so registering never slows the first visit.
  function later() {
    afterRecordTool(register);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
})();
