// search.js: search every page from the static index that package
// internal/search builds (its comment describes the files). No libraries,
// no inline styles or handlers, nothing sent anywhere: the index is fetched
// from this site, a few small files per query.
//
// site.js loads this script when a reader first focuses the header's search
// box; the /search/ page loads it at once. It then offers the best few
// results under the header box as the reader types, and on /search/ lists
// every result for ?q=, with a live region announcing the count.
//
// words, stem and search mirror Words, Stem and Searcher.Search in Go,
// which are their reference; internal/sitetest checks they agree.
//
// It needs ES2018 (Unicode property escapes, async functions), which every
// browser that runs the rest of the site has.
(() => {
  "use strict";
  if (window.resolveSearch) return;
  const d = document;
  const form = d.querySelector("form[data-search-js]");
  if (!form) return;
  const base = new URL("index.json", form.action);
  const pageSize = 20;

  // --- the index ---------------------------------------------------------

  const words = (text) => String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019]/g, "")
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
    .split(/[^a-z0-9]+/).filter(Boolean);

  const stem = (w) => {
    if (w.length <= 3 || /[0-9]/.test(w)) return w;
    if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
    for (const s of ["ing", "ed", "ion"]) {
      if (!w.endsWith(s) || w.length - s.length < 3) continue;
      if (s === "ed" && w.endsWith("eed")) {
        w = w.slice(0, -1);
      } else {
        w = w.slice(0, -s.length);
        const n = w.length;
        if (s !== "ion" && w[n - 1] === w[n - 2] && !"aeioulsz".includes(w[n - 1])) w = w.slice(0, -1);
      }
      break;
    }
    if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
    return w;
  };

  // manifest is null, then the promise of index.json, then index.json.
  let manifest = null;
  const files = new Map(); // name to the promise of its JSON

  const getJSON = async (u, name, init) => {
    const r = await fetch(u, init);
    if (!r.ok) throw new Error(`${name}: ${r.status}`);
    return r.json();
  };

  // fetchJSON fetches a file of the index once, tagged with the manifest's
  // id so that a cached file is never read against a newer manifest.
  const fetchJSON = (name) => {
    if (!files.has(name)) {
      const u = new URL(name, base);
      u.search = `v=${manifest.id}`;
      const p = getJSON(u.href, name);
      files.set(name, p);
      p.catch(() => files.delete(name));
    }
    return files.get(name);
  };

  const ready = () => {
    if (!manifest) {
      manifest = (async () => {
        try {
          const m = await getJSON(base.href, "index.json", {cache: "no-cache"});
          if (m.format !== "resolve-search" || m.version !== 1) throw new Error("index.json: not a search index");
          m.stopSet = new Set(m.stop);
          manifest = m;
          return m;
        } catch (e) {
          manifest = null;
          throw e;
        }
      })();
    }
    return Promise.resolve(manifest);
  };

  const owner = (t) => {
    let best = "";
    for (const k of manifest.shards) {
      if (k.length > best.length && t.startsWith(k)) best = k;
    }
    return best;
  };
  const shard = (key) => fetchJSON(`w/${key}.json`);
  const prefixMatch = (t, w) => t.startsWith(w) || t === stem(w) ||
    t.length >= 3 && w.startsWith(t) && w.length - t.length <= 3;

  // parse turns a query into groups of terms: a section matches when it
  // holds a term of every group. With prefix set, the last word may be
  // unfinished, and its group holds every term it could become.
  const parse = (query, prefix) => {
    const ws = words(query);
    const stop = manifest.stopSet;
    const seen = new Set();
    const groups = [];
    const terms = [];
    let last = "";
    if (prefix && ws.length && !stop.has(ws[ws.length - 1]) && ws[ws.length - 1].length >= 3) last = ws.pop();
    for (const w of ws) {
      if (stop.has(w)) continue;
      const t = stem(w);
      if (seen.has(t)) continue;
      seen.add(t);
      terms.push(t);
      groups.push(Promise.resolve([t]));
    }
    if (last) {
      terms.push(stem(last));
      const keys = manifest.shards.filter((k) => k.startsWith(last) || last.startsWith(k));
      groups.push((async () => {
        const shards = await Promise.all(keys.map(shard));
        const g = [];
        shards.forEach((sh, i) => {
          for (const t of Object.keys(sh)) {
            if (owner(t) === keys[i] && prefixMatch(t, last)) g.push(t);
          }
        });
        return g.sort();
      })());
    }
    return {terms, last, groups};
  };

  // rarity weighs a term by how few sections hold it: one more than the
  // bit length of sections/count, in integers so Go agrees exactly.
  const rarity = (count) => {
    let b = 1;
    for (let x = Math.floor(manifest.sections / Math.max(1, count)); x > 0; x = Math.floor(x / 2)) b++;
    return b;
  };

  const postings = async (t) => {
    const key = owner(t);
    if (!key) return [];
    const sh = await shard(key);
    return sh[t] || [];
  };

  // search resolves to {total, terms, last, keys}: keys are the matching
  // sections as [page, section, score], best first.
  const search = async (query, prefix) => {
    await ready();
    const q = parse(query, prefix);
    const groups = await Promise.all(q.groups);
    const lists = await Promise.all(groups.map((g) => Promise.all(g.map(postings))));
    let scores = null;
    for (const group of lists) {
      const best = new Map(); // a section's best weight among the group's terms
      for (const ps of group) {
        const r = rarity(ps.length / 3);
        for (let j = 0, page = 0; j + 2 < ps.length; j += 3) {
          page += ps[j];
          const k = `${page}:${ps[j + 1]}`;
          const w = ps[j + 2] * r;
          if (!(w <= best.get(k))) best.set(k, w);
        }
      }
      const next = new Map();
      for (const [k, w] of best) {
        if (!scores) next.set(k, w);
        else if (scores.has(k)) next.set(k, scores.get(k) + w);
      }
      scores = next;
    }
    const keys = [...(scores || [])].map(([k, score]) => {
      const [page, section] = k.split(":");
      return [+page, +section, score];
    });
    keys.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    return {total: keys.length, terms: q.terms, last: q.last, keys};
  };

  // hits fetches the pages of some keys and resolves to their hits.
  const hits = async (keys) => {
    const pages = await Promise.all(keys.map((k) => fetchJSON(`p/${k[0]}.json`)));
    return keys.map((k, i) => {
      const p = pages[i];
      const [heading, anchor, text] = p.s[k[1]] || ["", "", ""];
      return {url: p.u + (anchor ? `#${anchor}` : ""), title: p.t, where: p.w || "", heading, text, score: k[2]};
    });
  };

  // --- showing results ---------------------------------------------------

  const el = (tag, cls, text) => {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  const matcher = (r) => {
    const set = new Set(r.terms);
    return (word) => words(word).some((w) =>
      !manifest.stopSet.has(w) && (set.has(stem(w)) || r.last && prefixMatch(stem(w), r.last)));
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

  // --- the /search/ page -------------------------------------------------

  const list = d.getElementById("search-results");
  if (list) {
    const input = d.getElementById("search-q");
    const status = d.getElementById("search-status");
    const more = d.getElementById("search-more");
    const nojs = d.querySelector("[data-search-nojs]");
    const title = d.title;
    let pending = 0;
    let current = null;
    let shown = 0;
    if (nojs) nojs.hidden = true;

    const showMore = async (focus) => {
      const r = current;
      const batch = r.keys.slice(shown, shown + pageSize);
      const match = matcher(r);
      const hs = await hits(batch);
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
      const n = ++pending;
      const u = new URL(location.href);
      if (q) u.searchParams.set("q", q);
      else u.searchParams.delete("q");
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
        const r = await search(q, true);
        if (n !== pending) return;
        current = r;
        shown = 0;
        list.textContent = "";
        // The count is announced once the results it counts are there.
        await showMore(false);
        if (n !== pending) return;
        status.textContent = r.total
          ? `${plural(r.total, "result", "results")} for “${q}”`
          : `No results for “${q}”. Check the spelling, use fewer words, or look in the A to Z.`;
        d.title = `${r.total ? plural(r.total, "result", "results") : "No results"} for “${q}” – ${title}`;
      } catch (err) {
        if (n === pending) status.textContent = "Search is not available at the moment. Use the A to Z instead.";
      }
    };

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    input.form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", () => showMore(true));
    const q0 = new URL(location.href).searchParams.get("q");
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
  let asked = 0;
  let typing = 0;
  const close = () => {
    panel.hidden = true;
    said.textContent = "";
  };
  const offer = async () => {
    const q = box.value.trim();
    const n = ++asked;
    if (words(q).join("").length < 2) return close();
    try {
      const r = await search(q, true);
      if (n !== asked) return;
      const hs = await hits(r.keys.slice(0, 5));
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
      all.href = u.href;
      all.textContent = r.total ? `See all ${plural(r.total, "result", "results")}` : "No results: search again on the search page";
      said.textContent = r.total ? `${plural(r.total, "result", "results")} for “${q}”. Press Tab to go to them.` : `No results for “${q}”`;
      panel.hidden = false;
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

  window.resolveSearch = {
    words,
    stem,
    search: async (q, prefix, limit) => {
      const r = await search(q, prefix);
      const hs = await hits(r.keys.slice(0, limit));
      return {total: r.total, terms: r.terms, hits: hs};
    },
  };
})();
