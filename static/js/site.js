// site.js: small enhancements that never hide content when absent.
// - the contrast toggle, remembered on this device only (localStorage);
// - the print stamp's date and time.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "resolve-contrast";
  function stored() {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function apply(high) {
    root.classList.toggle("contrast-high", high);
    var b = document.querySelector(".contrast-toggle");
    if (b) b.setAttribute("aria-pressed", high ? "true" : "false");
  }
  apply(stored() === "high");
  document.addEventListener("DOMContentLoaded", function () {
    var b = document.querySelector(".contrast-toggle");
    if (b) {
      b.hidden = false;
      apply(root.classList.contains("contrast-high"));
      b.addEventListener("click", function () {
        var high = !root.classList.contains("contrast-high");
        apply(high);
        try {
          if (high) localStorage.setItem(key, "high"); else localStorage.removeItem(key);
        } catch (e) { /* storage blocked: the choice lasts for this page only */ }
      });
    }
    var stamp = document.querySelector(".js-printed");
    function stampNow() {
      if (!stamp) return;
      var d = new Date();
      stamp.textContent = d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) +
        " at " + d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    }
    stampNow();
    window.addEventListener("beforeprint", stampNow);
  });
})();
