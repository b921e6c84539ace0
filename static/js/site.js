// site.js: small enhancements that never hide content when absent.
// - the contrast toggle, remembered on this device only (localStorage);
// - the print stamp's date, time and full address;
// - loading search.js when a reader starts a search.
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
    // A base_url without a host gives the stamp only a path; the address
    // bar knows the rest.
    var where = document.querySelector(".print-url");
    if (where && where.textContent.charAt(0) === "/") where.textContent = location.origin + where.textContent;
    stampNow();
    window.addEventListener("beforeprint", stampNow);
    // Search loads only when a reader starts one: focusing the header's box
    // fetches search.js, which fetches the index as they type.
    var search = document.querySelector("form[data-search-js]");
    if (search) {
      search.addEventListener("focusin", function load() {
        search.removeEventListener("focusin", load);
        if (window.resolveSearch || document.querySelector("script[data-search]")) return;
        var s = document.createElement("script");
        s.src = search.getAttribute("data-search-js");
        s.setAttribute("data-search", "");
        document.head.appendChild(s);
      });
    }
  });
})();
