// search.js: search every page of the site, with the engine in
// search-index.js (which this script loads). No libraries, no inline
// styles or handlers.
//
// site.js loads this script when a reader first focuses the header's search
// box; the /search/ page loads it at once. It then offers the best few
// results under the header box as the reader types (favouring the
// procedure whose page they are on), and on /search/ lists every result
// for ?q=, in one procedure if ?in= names one, with a live region
// announcing the count.
(() => {
  "use strict";
  const d = document;
  const form = d.querySelector("form[data-search-js]");
  if (!form || form.hasAttribute("data-search-ready")) return;
  form.setAttribute("data-search-ready", "");
  const pageSize = 20;

  // engine resolves to the engine, loading it if no page script has.
  let loading = null;
  const engine = () => {
    if (window.resolveSearch) return Promise.resolve(window.resolveSearch);
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        let s = d.querySelector("script[data-search-index]");
        if (!s) {
          s = d.createElement("script");
          s.src = form.getAttribute("data-search-index");
          s.setAttribute("data-search-index", "");
          d.head.append(s);
        }
        s.addEventListener("load", () => (window.resolveSearch ? resolve(window.resolveSearch) : reject(new Error("no search engine"))));
        s.addEventListener("error", (e) => {
          s.remove(); // the next search adds it again
          reject(e);
        });
      }).catch((e) => {
        loading = null; // try again at the next search
        throw e;
      });
    }
    return loading;
  };
  engine().catch(() => { /* offline or blocked: each search says so */ });

  // --- showing results ---------------------------------------------------

  const el = (tag, cls, text) => {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  // matcher tells the words of an excerpt that a result counted.
  const matcher = (e, r) => (word) => {
    const ws = e.words(word).filter((w) => !e.stop(w));
    return ws.some((w) => r.terms.has(e.stem(w))) || ws.length > 1 && r.terms.has(e.stem(ws.join("")));
  };

  // excerpt shows about 30 words of text around the first match, with the
  // matching words marked.
  const excerpt = (text, match) => {
    const ws = text.split(/\s+/).filter(Boolean);
    const first = Math.max(0, ws.findIndex(match));
    const from = Math.max(0, first - 10);
    const to = Math.min(ws.length, from + 30);
    const p = el("p", "search-result-excerpt");
    let run = from > 0 ? "… " : "";
    for (let i = from; i < to; i++) {
      if (match(ws[i])) {
        p.append(run, el("mark", "", ws[i]));
        run = " ";
      } else {
        run += `${ws[i]} `;
      }
    }
    p.append(run.replace(/ $/, "") + (to < ws.length ? " …" : ""));
    return p;
  };

  const where = (h) => {
    let s = h.heading ? `In ${h.title}` : "";
    if (h.where) s += `${s ? " " : ""}(${h.where})`;
    return s;
  };

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  // unavailable says why search failed.
  const unavailable = () => (navigator.onLine === false
    ? "You are offline, and this device has not kept the search index yet. Use the A to Z instead."
    : "Search is not available at the moment. Use the A to Z instead.");

  // --- the /search/ page -------------------------------------------------

  const list = d.getElementById("search-results");
  if (list) {
    const input = d.getElementById("search-q");
    const scope = d.getElementById("search-in");
    const status = d.getElementById("search-status");
    const more = d.getElementById("search-more");
    const nojs = d.querySelector("[data-search-nojs]");
    const title = d.title;
    const params = new URL(location.href).searchParams;
    const near = params.get("near") || "";
    let pending = 0;
    let current = null;
    let shown = 0;
    if (nojs) nojs.hidden = true;

    const showMore = async (focus) => {
      const r = current;
      const batch = r.keys.slice(shown, shown + pageSize);
      const e = await engine();
      const match = matcher(e, r);
      const hs = await e.hits(batch);
      if (r !== current) return;
      let firstLink = null;
      for (const h of hs) {
        const li = el("li", "search-result");
        const heading = el("h2", "search-result-title");
        const a = el("a", "", h.heading || h.title);
        a.href = h.url;
        heading.append(a);
        li.append(heading);
        const w = where(h);
        if (w) li.append(el("p", "search-result-where", w));
        if (h.text) li.append(excerpt(h.text, match));
        list.append(li);
        firstLink = firstLink || a;
      }
      shown += hs.length;
      list.hidden = shown === 0;
      more.hidden = shown >= r.total;
      more.textContent = `Show ${plural(Math.min(pageSize, r.total - shown), "more result", "more results")}`;
      if (focus && firstLink) firstLink.focus();
    };

    // The last word counts as unfinished here too, so the page finds
    // what the header box offered for the same words.
    const run = async () => {
      const q = input.value.trim();
      const inScope = scope ? scope.value : "";
      const n = ++pending;
      const u = new URL(location.href);
      if (q) u.searchParams.set("q", q);
      else u.searchParams.delete("q");
      if (inScope) u.searchParams.set("in", inScope);
      else u.searchParams.delete("in");
      history.replaceState(null, "", u.href);
      if (!q) {
        current = null;
        list.textContent = "";
        list.hidden = true;
        more.hidden = true;
        status.textContent = "";
        d.title = title;
        return;
      }
      try {
        const e = await engine();
        const r = await e.query(q, {prefix: true, in: inScope, near});
        if (n !== pending) return;
        current = r;
        shown = 0;
        list.textContent = "";
        // The count is announced once the results it counts are there.
        await showMore(false);
        if (n !== pending) return;
        const place = inScope && scope.selectedIndex >= 0 ? ` in ${scope.options[scope.selectedIndex].text}` : "";
        status.textContent = r.total
          ? `${plural(r.total, "result", "results")} for “${q}”${place}`
          : `No results for “${q}”${place}. Check the spelling, use fewer words, search every procedure, or look in the A to Z.`;
        d.title = `${r.total ? plural(r.total, "result", "results") : "No results"} for “${q}” – ${title}`;
        e.keepOffline();
      } catch (err) {
        if (n === pending) status.textContent = unavailable();
      }
    };

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    if (scope) {
      if ([...scope.options].some((o) => o.value === params.get("in"))) scope.value = params.get("in");
      scope.addEventListener("change", () => {
        clearTimeout(timer);
        run();
      });
    }
    input.form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", () => showMore(true));
    const q0 = params.get("q");
    if (q0) {
      input.value = q0;
      run();
    }
  }

  // --- the header box ----------------------------------------------------

  const box = d.getElementById("site-search");
  const panel = el("div", "search-suggest");
  panel.id = "search-suggest";
  panel.hidden = true;
  const said = el("p", "visually-hidden");
  said.setAttribute("role", "status");
  const offered = el("ul", "search-suggest-list");
  const all = el("a", "search-suggest-all");
  panel.append(offered, all);
  form.after(said, panel);
  const css = form.getAttribute("data-search-css");
  if (css && !d.querySelector(`link[href="${css}"]`)) {
    const link = el("link");
    link.rel = "stylesheet";
    link.href = css;
    d.head.append(link);
  }
  // On a procedure's pages, results from that procedure come first, here
  // and on the results page the box leads to.
  const favour = (near) => {
    if (!near || form.querySelector("input[name=near]")) return;
    const keep = el("input");
    keep.type = "hidden";
    keep.name = "near";
    keep.value = near;
    form.append(keep);
  };
  let asked = 0;
  let typing = 0;
  const close = () => {
    panel.hidden = true;
    said.textContent = "";
  };
  const offer = async () => {
    const q = box.value.trim();
    const n = ++asked;
    try {
      const e = await engine();
      if (e.words(q).join("").length < 2) return close();
      await e.ready();
      const near = e.here();
      favour(near);
      const r = await e.query(q, {prefix: true, near});
      if (n !== asked) return;
      const hs = await e.hits(r.keys.slice(0, 5));
      if (n !== asked) return;
      offered.textContent = "";
      for (const h of hs) {
        const li = el("li");
        const a = el("a", "", h.heading || h.title);
        a.href = h.url;
        li.append(a);
        const w = where(h);
        if (w) li.append(el("span", "search-suggest-where", ` ${w}`));
        offered.append(li);
      }
      offered.hidden = !hs.length;
      const u = new URL(form.action);
      u.searchParams.set("q", q);
      if (near) u.searchParams.set("near", near);
      all.href = u.href;
      all.textContent = r.total ? `See all ${plural(r.total, "result", "results")}` : "No results: search again on the search page";
      said.textContent = r.total ? `${plural(r.total, "result", "results")} for “${q}”. Press Tab to go to them.` : `No results for “${q}”`;
      panel.hidden = false;
      e.keepOffline();
    } catch (err) {
      close();
    }
  };
  box.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(offer, 250);
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && !panel.hidden) {
      const a = panel.querySelector("a");
      if (a) {
        e.preventDefault();
        a.focus();
      }
    }
  });
  const esc = (e) => {
    if (e.key !== "Escape" || panel.hidden) return;
    close();
    box.focus();
  };
  box.addEventListener("keydown", esc);
  panel.addEventListener("keydown", esc);
  d.addEventListener("focusin", (e) => {
    if (!form.contains(e.target) && !panel.contains(e.target)) close();
  });
  if (box.value.trim()) offer();

})();
