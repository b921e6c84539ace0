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
(function () {
  "use strict";
  if (window.resolveSearch) return;
  var d = document;
  var form = d.querySelector("form[data-search-js]");
  if (!form) return;
  var base = new URL("index.json", form.action);
  var pageSize = 20;

  // --- the index ---------------------------------------------------------

  function words(text) {
    return String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019]/g, "")
      .replace(/[A-Z]/g, function (c) { return c.toLowerCase(); })
      .split(/[^a-z0-9]+/).filter(Boolean);
  }

  function ends(w, s) { return w.slice(-s.length) === s; }

  function stem(w) {
    if (w.length <= 3 || /[0-9]/.test(w)) return w;
    if (ends(w, "ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "s") && !ends(w, "ss") && !ends(w, "us") && !ends(w, "is")) w = w.slice(0, -1);
    var suffixes = ["ing", "ed", "ion"];
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (!ends(w, s) || w.length - s.length < 3) continue;
      if (s === "ed" && ends(w, "eed")) {
        w = w.slice(0, -1);
      } else {
        w = w.slice(0, -s.length);
        var n = w.length;
        if (s !== "ion" && w[n - 1] === w[n - 2] && "aeioulsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
      }
      break;
    }
    if (w.length > 3 && ends(w, "e")) w = w.slice(0, -1);
    return w;
  }

  var manifest = null;
  var files = {};
  function fetchJSON(name) {
    if (!files[name]) {
      var u = new URL(name, base);
      u.search = "v=" + manifest.id;
      files[name] = fetch(u.href).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }
  function ready() {
    if (!manifest) {
      manifest = fetch(base.href, {cache: "no-cache"}).then(function (r) {
        if (!r.ok) throw new Error("index.json: " + r.status);
        return r.json();
      }).then(function (m) {
        if (m.format !== "resolve-search" || m.version !== 1) throw new Error("index.json: not a search index");
        manifest = m;
        m.stopSet = {};
        m.stop.forEach(function (w) { m.stopSet[w] = true; });
        return m;
      }, function (e) { manifest = null; throw e; });
    }
    return Promise.resolve(manifest);
  }

  function owner(t) {
    var best = "";
    manifest.shards.forEach(function (k) {
      if (k.length > best.length && t.slice(0, k.length) === k) best = k;
    });
    return best;
  }
  function shard(key) { return fetchJSON("w/" + key + ".json"); }
  function prefixMatch(t, w) {
    return t.slice(0, w.length) === w || t === stem(w) ||
      t.length >= 3 && w.slice(0, t.length) === t && w.length - t.length <= 3;
  }

  // parse turns a query into groups of terms: a section matches when it
  // holds a term of every group. With prefix set, the last word may be
  // unfinished, and its group holds every term it could become.
  function parse(query, prefix) {
    var ws = words(query), stop = manifest.stopSet;
    var last = "", seen = {}, groups = [], terms = [];
    if (prefix && ws.length && !stop[ws[ws.length - 1]] && ws[ws.length - 1].length >= 3) last = ws.pop();
    ws.forEach(function (w) {
      if (stop[w]) return;
      var t = stem(w);
      if (seen[t]) return;
      seen[t] = true;
      terms.push(t);
      groups.push(Promise.resolve([t]));
    });
    if (last) {
      terms.push(stem(last));
      var keys = manifest.shards.filter(function (k) {
        return k.slice(0, last.length) === last || last.slice(0, k.length) === k;
      });
      groups.push(Promise.all(keys.map(shard)).then(function (shards) {
        var g = [];
        shards.forEach(function (sh, i) {
          Object.keys(sh).forEach(function (t) {
            if (owner(t) === keys[i] && prefixMatch(t, last)) g.push(t);
          });
        });
        return g.sort();
      }));
    }
    return {terms: terms, last: last, groups: groups};
  }

  // rarity weighs a term by how few sections hold it: one more than the
  // bit length of sections/count, in integers so Go agrees exactly.
  function rarity(count) {
    var x = Math.floor(manifest.sections / Math.max(1, count)), b = 1;
    for (; x > 0; x = Math.floor(x / 2)) b++;
    return b;
  }

  function postings(t) {
    var key = owner(t);
    if (!key) return Promise.resolve([]);
    return shard(key).then(function (sh) { return sh[t] || []; });
  }

  // search resolves to {total, terms, last, keys}: keys are the matching
  // sections as [page, section], best first.
  function search(query, prefix) {
    return ready().then(function () {
      var q = parse(query, prefix);
      return Promise.all(q.groups).then(function (groups) {
        return Promise.all(groups.map(function (g) { return Promise.all(g.map(postings)); }));
      }).then(function (lists) {
        var scores = null;
        lists.forEach(function (group) {
          var best = {};
          group.forEach(function (ps) {
            var r = rarity(ps.length / 3);
            for (var j = 0, page = 0; j + 2 < ps.length; j += 3) {
              page += ps[j];
              var k = page + ":" + ps[j + 1], w = ps[j + 2] * r;
              if (!(w <= best[k])) best[k] = w;
            }
          });
          var next = {};
          Object.keys(best).forEach(function (k) {
            if (!scores) next[k] = best[k];
            else if (k in scores) next[k] = scores[k] + best[k];
          });
          scores = next;
        });
        scores = scores || {};
        var keys = Object.keys(scores).map(function (k) {
          var p = k.split(":");
          return [+p[0], +p[1], scores[k]];
        });
        keys.sort(function (a, b) { return b[2] - a[2] || a[0] - b[0] || a[1] - b[1]; });
        return {total: keys.length, terms: q.terms, last: q.last, keys: keys};
      });
    });
  }

  // hits fetches the pages of some keys and resolves to their hits.
  function hits(keys) {
    return Promise.all(keys.map(function (k) { return fetchJSON("p/" + k[0] + ".json"); })).then(function (pages) {
      return keys.map(function (k, i) {
        var p = pages[i], s = p.s[k[1]] || ["", "", ""];
        return {url: p.u + (s[1] ? "#" + s[1] : ""), title: p.t, where: p.w || "", heading: s[0], text: s[2], score: k[2]};
      });
    });
  }

  // --- showing results ---------------------------------------------------

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function matcher(r) {
    var set = {};
    r.terms.forEach(function (t) { set[t] = true; });
    return function (word) {
      return words(word).some(function (w) {
        return !manifest.stopSet[w] && (set[stem(w)] || r.last && prefixMatch(stem(w), r.last));
      });
    };
  }

  // excerpt shows about 30 words of text around the first match, with the
  // matching words marked.
  function excerpt(text, match) {
    var ws = text.split(/\s+/).filter(Boolean);
    var first = 0;
    for (var i = 0; i < ws.length; i++) if (match(ws[i])) { first = i; break; }
    var from = Math.max(0, first - 10), to = Math.min(ws.length, from + 30);
    var p = el("p", "search-result-excerpt");
    var run = from > 0 ? "… " : "";
    for (i = from; i < to; i++) {
      if (match(ws[i])) {
        p.appendChild(d.createTextNode(run));
        p.appendChild(el("mark", "", ws[i]));
        run = " ";
      } else {
        run += ws[i] + " ";
      }
    }
    p.appendChild(d.createTextNode(run.replace(/ $/, "") + (to < ws.length ? " …" : "")));
    return p;
  }

  function where(h) {
    var s = h.heading ? "In " + h.title : "";
    if (h.where) s += (s ? " " : "") + "(" + h.where + ")";
    return s;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  // --- the /search/ page -------------------------------------------------

  var list = d.getElementById("search-results");
  if (list) {
    var input = d.getElementById("search-q");
    var status = d.getElementById("search-status");
    var more = d.getElementById("search-more");
    var pageForm = input.form;
    var nojs = d.querySelector("[data-search-nojs]");
    var pending = 0, current = null, shown = 0;
    var title = d.title;
    if (nojs) nojs.hidden = true;

    var showMore = function (focus) {
      var batch = current.keys.slice(shown, shown + pageSize);
      var match = matcher(current);
      var r = current;
      return hits(batch).then(function (hs) {
        if (r !== current) return;
        var firstLink = null;
        hs.forEach(function (h) {
          var li = el("li", "search-result");
          var title = el("h2", "search-result-title");
          var a = el("a", "", h.heading || h.title);
          a.href = h.url;
          title.appendChild(a);
          li.appendChild(title);
          var w = where(h);
          if (w) li.appendChild(el("p", "search-result-where", w));
          if (h.text) li.appendChild(excerpt(h.text, match));
          list.appendChild(li);
          if (!firstLink) firstLink = a;
        });
        shown += hs.length;
        list.hidden = shown === 0;
        more.hidden = shown >= r.total;
        more.textContent = "Show " + plural(Math.min(pageSize, r.total - shown), "more result", "more results");
        if (focus && firstLink) firstLink.focus();
      });
    };

    // The last word counts as unfinished here too, so the page finds
    // what the header box offered for the same words.
    var run = function () {
      var q = input.value.trim();
      var n = ++pending;
      var u = new URL(location.href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(null, "", u.href);
      if (!q) {
        current = null;
        list.textContent = "";
        list.hidden = true;
        more.hidden = true;
        status.textContent = "";
        d.title = title;
        return Promise.resolve();
      }
      return search(q, true).then(function (r) {
        if (n !== pending) return;
        current = r;
        shown = 0;
        list.textContent = "";
        // The count is announced once the results it counts are there.
        return showMore(false).then(function () {
          if (n !== pending) return;
          status.textContent = r.total
            ? plural(r.total, "result", "results") + " for “" + q + "”"
            : "No results for “" + q + "”. Check the spelling, use fewer words, or look in the A to Z.";
          d.title = (r.total ? plural(r.total, "result", "results") : "No results") + " for “" + q + "” – " + title;
        });
      }).catch(function () {
        if (n === pending) status.textContent = "Search is not available at the moment. Use the A to Z instead.";
      });
    };

    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(); }, 250);
    });
    pageForm.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", function () { showMore(true); });
    var q0 = new URL(location.href).searchParams.get("q");
    if (q0) {
      input.value = q0;
      run();
    }
  }

  // --- the header box ----------------------------------------------------

  var box = d.getElementById("site-search");
  var panel = el("div", "search-suggest");
  panel.id = "search-suggest";
  panel.hidden = true;
  var said = el("p", "visually-hidden");
  said.setAttribute("role", "status");
  var offered = el("ul", "search-suggest-list");
  var all = el("a", "search-suggest-all");
  panel.appendChild(offered);
  panel.appendChild(all);
  form.after(said, panel);
  var css = form.getAttribute("data-search-css");
  if (css && !d.querySelector('link[href="' + css + '"]')) {
    var link = el("link");
    link.rel = "stylesheet";
    link.href = css;
    d.head.appendChild(link);
  }
  var asked = 0, typing = 0;
  function close() {
    panel.hidden = true;
    said.textContent = "";
  }
  function offer() {
    var q = box.value.trim();
    var n = ++asked;
    if (words(q).join("").length < 2) return close();
    search(q, true).then(function (r) {
      if (n !== asked) return;
      return hits(r.keys.slice(0, 5)).then(function (hs) {
        if (n !== asked) return;
        offered.textContent = "";
        hs.forEach(function (h) {
          var li = el("li");
          var a = el("a", "", h.heading || h.title);
          a.href = h.url;
          li.appendChild(a);
          var w = where(h);
          if (w) li.appendChild(el("span", "search-suggest-where", " " + w));
          offered.appendChild(li);
        });
        offered.hidden = !hs.length;
        var u = new URL(form.action);
        u.searchParams.set("q", q);
        all.href = u.href;
        all.textContent = r.total ? "See all " + plural(r.total, "result", "results") : "No results: search again on the search page";
        said.textContent = r.total ? plural(r.total, "result", "results") + " for “" + q + "”. Press Tab to go to them." : "No results for “" + q + "”";
        panel.hidden = false;
      });
    }).catch(close);
  }
  box.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(offer, 250);
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !panel.hidden) {
      var a = panel.querySelector("a");
      if (a) { e.preventDefault(); a.focus(); }
    }
  });
  function esc(e) {
    if (e.key !== "Escape" || panel.hidden) return;
    close();
    box.focus();
  }
  box.addEventListener("keydown", esc);
  panel.addEventListener("keydown", esc);
  d.addEventListener("focusin", function (e) {
    if (!form.contains(e.target) && !panel.contains(e.target)) close();
  });
  if (box.value.trim()) offer();

  window.resolveSearch = {words: words, stem: stem, search: function (q, prefix, limit) {
    return search(q, prefix).then(function (r) {
      return hits(r.keys.slice(0, limit)).then(function (hs) { return {total: r.total, terms: r.terms, hits: hs}; });
    });
  }};
})();
