// audit.js: starts the WebAssembly module of the partnership's audit page
// (/audit/), which reads audit returns and saved records in the browser and
// sums them up (see wasm/audit and wasm/auditpage). The page names the
// module and its Go support script in #audit-page's data-module and
// data-exec, and preloads both; a page built without them names the
// module's manifest in data-manifest. This file only loads the module.
//
// It never logs and never sends anything: the only requests it makes are for
// the module's own files, from this site. The files the manager chooses are
// read by the module, in the page.
(function () {
  "use strict";
  const page = document.getElementById("audit-page");
  if (!page) return;
  const status = document.getElementById("audit-status-text");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  // Nothing on the page is ever sent anywhere, not even to this site.
  const form = document.getElementById("audit-form");
  if (form) form.addEventListener("submit", (e) => e.preventDefault());

  if (typeof WebAssembly !== "object" || typeof fetch !== "function") {
    say("This browser cannot run the audit tool. The same summary can be made on a computer with resolve: resolve audit --content content FOLDER.");
    return;
  }

  const addScript = (src) =>
    new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("its files could not be loaded"));
      document.head.appendChild(s);
    });

  const bytes = (res) => {
    if (!res.ok) throw new Error("its files could not be loaded");
    return res.arrayBuffer();
  };

  const instantiate = (url, imports) => {
    const req = fetch(url, { credentials: "same-origin" });
    if (WebAssembly.instantiateStreaming) {
      // A host that sends the module with the wrong type: compile it whole.
      return WebAssembly.instantiateStreaming(req, imports).catch(() =>
        fetch(url, { credentials: "same-origin" }).then(bytes).then((b) => WebAssembly.instantiate(b, imports)));
    }
    return req.then(bytes).then((b) => WebAssembly.instantiate(b, imports));
  };

  const failed = () => {
    page.hidden = true;
    say("The audit tool could not start. The same summary can be made on a computer with resolve: resolve audit --content content FOLDER.");
  };

  const files = async () => {
    if (page.getAttribute("data-module")) {
      const at = (name) => new URL(page.getAttribute(name), document.baseURI).href;
      return { module: at("data-module"), exec: at("data-exec") };
    }
    const manifest = new URL(page.getAttribute("data-manifest"), document.baseURI);
    const res = await fetch(manifest.href, { credentials: "same-origin" });
    if (!res.ok) throw new Error("its files are missing");
    const m = await res.json();
    return { module: new URL(m.module, manifest).href, exec: new URL(m.exec, manifest).href };
  };

  // readFiles reads files for the module: up to many at once, each to at
  // most limit bytes, so a file larger than that is never read in full. It
  // never asks a file's size before reading (the browser asks its file
  // system for each, one at a time: for ten thousand files that alone took
  // longer than reading them); only a file found too large is sized, for
  // the message. It resolves to the bytes of every file read, end to end,
  // and for each file an Int32Array entry: its length; -1 when it could not
  // be read; or -2 less its size when it is larger than limit. So the
  // module takes a whole batch in two copies, not a call per file.
  const readFiles = async (files, limit) => {
    const sizes = new Int32Array(files.length);
    const parts = new Array(files.length);
    const readOne = async (f) => {
      const reader = f.stream().getReader();
      const chunks = [];
      let n = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.byteLength;
        if (n > limit) {
          reader.cancel().catch(() => {});
          return -2 - Math.min(f.size, 0x7fffffff - 2);
        }
        chunks.push(value);
      }
      if (chunks.length === 1) return chunks[0];
      const all = new Uint8Array(n);
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.byteLength;
      }
      return all;
    };
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        try {
          const got = await readOne(files[i]);
          if (typeof got === "number") {
            sizes[i] = got;
          } else {
            parts[i] = got;
            sizes[i] = got.byteLength;
          }
        } catch (e) {
          sizes[i] = -1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(64, files.length) }, worker));
    let total = 0;
    for (const p of parts) if (p) total += p.byteLength;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      if (!p) continue;
      bytes.set(p, at);
      at += p.byteLength;
    }
    return { bytes, sizes: new Uint8Array(sizes.buffer) };
  };
  page.readFiles = readFiles;

  const start = async () => {
    say("Loading the audit tool…");
    try {
      const f = await files();
      await addScript(f.exec);
      const go = new Go();
      const result = await instantiate(f.module, go.importObject);
      // run resolves only if the module stops, which it never does on purpose.
      go.run(result.instance).then(failed, failed);
    } catch (e) {
      failed();
    }
  };

  // At once: the page's head has already asked for the module's files.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
