// search-index.js: the search engine of static/js/search.js, which loads
// it: it reads the static index that package internal/search builds (its
// comment describes the files) and ranks its sections for a query. No
// libraries, nothing sent anywhere: the index is fetched from this site, a
// few small files per query. Once a reader has searched, the whole index
// is fetched through the service worker, which keeps it, so search works
// offline as the pages do.
//
// tokens, stem, parse and search mirror search.Tokens, search.Stem,
// searchtest.Parse and searchtest.Searcher in Go, which are their
// reference; internal/sitetest checks they agree.
//
// It needs ES2018 (Unicode property escapes, async functions), which every
// browser that runs the rest of the site has.
(() => {
  "use strict";
  if (window.resolveSearch) return;
  const form = document.querySelector("form[data-search-js]");
  if (!form) return;
  const base = new URL("index.json", form.action);

  // --- words and terms ---------------------------------------------------

  // tokens splits text into folded words, each with whether a hyphen alone
  // joins it to the word before ("e-mail").
  const tokens = (text) => {
    const parts = String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019]/g, "")
      .replace(/[A-Z]/g, (c) => c.toLowerCase())
      .split(/([^a-z0-9]+)/); // words at even places, what separates them at odd ones
    const out = [];
    for (let i = 0; i < parts.length; i += 2) {
      if (!parts[i]) continue;
      const sep = parts[i - 1];
      out.push({word: parts[i], joined: out.length > 0 && (sep === "-" || sep === "\u2010")});
    }
    return out;
  };
  const words = (text) => tokens(text).map((t) => t.word);

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

  // prefixMatch: term t is where the word w being typed may be going.
  const prefixMatch = (t, w) => t.startsWith(w) || t === stem(w) ||
    t.length >= 3 && w.startsWith(t) && w.length - t.length <= 3;

  // distance is the optimal string alignment distance of a and b, or more
  // than limit once it is sure to be.
  const distance = (a, b, limit) => {
    let prev2 = new Array(b.length + 1).fill(0);
    let prev = Array.from({length: b.length + 1}, (_, j) => j);
    let cur = new Array(b.length + 1).fill(0);
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        low = Math.min(low, v);
      }
      if (low > limit) return limit + 1;
      [prev2, prev, cur] = [prev, cur, prev2];
    }
    return prev[b.length];
  };

  // slipMatch: term t is a typing slip away from the word w, which the
  // index lacks: w, or w less up to three last letters, is within one edit
  // of t (two for words of nine letters or more).
  const slipMatch = (w, t) => {
    if (w.length < 5 || t.length < 4) return false;
    const limit = w.length >= 9 ? 2 : 1;
    for (let k = 0; k <= 3 && w.length - k >= 1; k++) {
      const p = w.slice(0, w.length - k);
      if (Math.abs(p.length - t.length) <= limit && distance(p, t, limit) <= limit) return true;
    }
    return false;
  };

  // --- the index ---------------------------------------------------------

  // manifest is null, then the promise of index.json, then index.json.
  let manifest = null;
  let bundle = null; // the whole index, by file name, once this device has it
  const files = new Map(); // name to the promise of its JSON

  const getJSON = async (u, name, init) => {
    const r = await fetch(u, init);
    if (!r.ok) throw new Error(`${name}: ${r.status}`);
    return r.json();
  };

  // fetchJSON fetches a file of the index once, tagged with the manifest's
  // id so that a cached file is never read against a newer manifest.
  const fetchJSON = (name) => {
    if (bundle && name in bundle) return Promise.resolve(bundle[name]);
    if (!files.has(name)) {
      const u = new URL(name, base);
      u.search = `v=${manifest.id}`;
      const p = getJSON(u.href, name);
      files.set(name, p);
      p.catch(() => files.delete(name));
    }
    return files.get(name);
  };

  // kept is the bundle this device keeps, if it has it: the service
  // worker saved it when the reader first searched.
  const kept = async (m) => {
    if (!m.bundle || !("caches" in window)) return null;
    try {
      const hit = await caches.match(new URL(m.bundle, base).href);
      return hit ? await hit.json() : null;
    } catch (err) {
      return null; // storage refused: fetch files as they are needed
    }
  };

  const ready = () => {
    if (!manifest) {
      manifest = (async () => {
        try {
          const m = await getJSON(base.href, "index.json", {cache: "no-cache"});
          if (m.format !== "resolve-search" || m.version !== 2) throw new Error("index.json: not a search index");
          m.stopSet = new Set(m.stop);
          m.longest = Math.max(0, ...Object.keys(m.synonyms).map((k) => k.split(" ").length));
          bundle = await kept(m);
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

  // keepOffline fetches the whole index, once a reader has searched,
  // through the service worker, which saves it (and the manifest with it)
  // for offline use. Without a service worker there is no offline use,
  // and nothing more is fetched.
  let keeping = false;
  const keepOffline = async () => {
    if (keeping || bundle || !manifest.bundle || !("serviceWorker" in navigator)) return;
    keeping = true;
    try {
      const sw = navigator.serviceWorker;
      await sw.ready;
      if (!sw.controller) await new Promise((resolve) => sw.addEventListener("controllerchange", resolve, {once: true}));
      await fetch(base.href, {cache: "no-cache"});
      bundle = await getJSON(new URL(manifest.bundle, base).href, manifest.bundle);
    } catch (err) {
      keeping = false; // offline or refused: try again after the next search
    }
  };

  const owner = (t) => {
    let best = "";
    for (const k of manifest.shards) {
      if (k.length > best.length && t.startsWith(k)) best = k;
    }
    return best;
  };
  const shard = (key) => fetchJSON(`w/${key}.json`);
  const postings = async (t) => {
    const key = owner(t);
    if (!key) return [];
    const sh = await shard(key);
    return sh[t] || [];
  };

  // --- queries -----------------------------------------------------------

  // parse turns a query into units (see searchtest.Parse): words,
  // compounds and synonyms, the last word perhaps being typed.
  const parse = (query, prefix) => {
    const items = [];
    for (const tk of tokens(query)) {
      if (tk.joined && items.length) items[items.length - 1].push(tk.word);
      else items.push([tk.word]);
    }
    const stop = manifest.stopSet;
    const units = [];
    items.forEach((ws, i) => {
      let typing = prefix && i === items.length - 1;
      if (ws.length > 1) {
        const c = ws.join("");
        if (!stop.has(c) && !/^[0-9]+$/.test(c)) {
          units.push({term: stem(c), word: "", prefix: false});
          return;
        }
        typing = false;
      }
      ws.forEach((w, j) => {
        if (!stop.has(w)) units.push({term: stem(w), word: w, prefix: typing && j === ws.length - 1 && w.length >= 3});
      });
    });
    // The longest runs that are a synonym become its group's term.
    const out = [];
    const seen = new Set();
    const add = (u) => {
      const k = `${u.term}${u.prefix ? "*" : ""}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(u);
      }
    };
    // A number's word becomes the number, which stands for its words too.
    const unit = (u) => {
      const g = number(u.term);
      add(g ? {term: g[0], word: "", prefix: false} : u);
    };
    for (let i = 0; i < units.length;) {
      let n = 0;
      for (let l = Math.min(manifest.longest, units.length - i); l > 0 && !n; l--) {
        const c = manifest.synonyms[units.slice(i, i + l).map((u) => u.term).join(" ")];
        if (c !== undefined) {
          unit({term: c, word: "", prefix: false});
          n = l;
        }
      }
      if (!n) {
        unit(units[i]);
        n = 1;
      }
      i += n;
    }
    return out;
  };

  const number = (t) => manifest.numbers.find((g) => g.includes(t));

  // alternatives lists the terms that stand for a unit, with what their
  // weights count for: [term, numerator, denominator], sorted.
  const alternatives = async (u) => {
    const alts = [[u.term, 1, 1]];
    const g = number(u.term);
    if (g) for (const t of g.slice(1)) alts.push([t, 1, 2]);
    if (u.prefix) {
      const keys = manifest.shards.filter((k) => k.startsWith(u.word) || u.word.startsWith(k));
      const shards = await Promise.all(keys.map(shard));
      shards.forEach((sh, i) => {
        for (const t of Object.keys(sh)) {
          if (t !== u.term && owner(t) === keys[i] && prefixMatch(t, u.word)) alts.push([t, 3, 4]);
        }
      });
    }
    const lists = await Promise.all(alts.map((a) => postings(a[0])));
    if (u.word && !lists.some((ps) => ps.length)) {
      const key = owner(u.term);
      if (key) {
        for (const t of Object.keys(await shard(key))) {
          if (slipMatch(u.word, t)) alts.push([t, 1, 2]);
        }
      }
    }
    return alts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };

  const scopePages = (id) => {
    if (!id) return null;
    const s = manifest.scopes.find((sc) => sc.id === id);
    return s ? s.pages : [];
  };
  const within = (ranges, page) => ranges.some(([first, last]) => page >= first && page <= last);

  // search resolves to {total, terms, keys}: keys are the matching
  // sections as [page, section, score], best first (see
  // searchtest.Searcher.Search for the scores), and terms every term that
  // counted. o is {prefix, in, near}.
  const search = async (query, o) => {
    await ready();
    const units = parse(query, o.prefix);
    const inPages = scopePages(o.in);
    const near = scopePages(o.near);
    const groups = await Promise.all(units.map(alternatives));
    const terms = new Set();
    const scores = new Map();
    for (const alts of groups) {
      const lists = await Promise.all(alts.map((a) => postings(a[0])));
      const best = new Map(); // a section's best weight among the unit's terms
      alts.forEach(([t, num, den], i) => {
        terms.add(t);
        const ps = lists[i];
        for (let j = 0, page = 0; j + 2 < ps.length; j += 3) {
          page += ps[j];
          if (inPages && !within(inPages, page)) continue;
          const k = `${page}:${ps[j + 1]}`;
          const w = Math.floor(ps[j + 2] * num / den);
          if (w > (best.get(k) || 0)) best.set(k, w);
        }
      });
      for (const [k, w] of best) {
        const s = scores.get(k) || [0, 0];
        scores.set(k, [s[0] + w, s[1] + 1]);
      }
    }
    const keys = [...scores].map(([k, [sum, matched]]) => {
      const [page, section] = k.split(":").map(Number);
      const score = Math.floor(sum * (matched + 1) / (units.length + 1));
      return [page, section, near && within(near, page) ? Math.floor(score * 3 / 2) : score];
    });
    keys.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    return {total: keys.length, terms, keys, units};
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

  // here is the scope of the page the reader is on, if any.
  const here = () => {
    let best = null;
    for (const s of manifest.scopes) {
      if (location.pathname.startsWith(new URL(s.url, location.href).pathname) && (!best || s.url.length > best.url.length)) best = s;
    }
    return best ? best.id : "";
  };

  // The engine, for search.js and for tests, which check it against Go.
  window.resolveSearch = {
    tokens,
    words,
    stem,
    ready,
    here,
    hits,
    keepOffline,
    stop: (w) => manifest.stopSet.has(w),
    // query resolves to {total, terms, keys} (see search above).
    query: search,
    parse: async (q, prefix) => {
      await ready();
      return parse(q, prefix);
    },
    search: async (q, o) => {
      const r = await search(q, o);
      const hs = await hits(r.keys.slice(0, o.limit));
      return {total: r.total, hits: hs};
    },
    offline: () => bundle !== null,
  };
})();
