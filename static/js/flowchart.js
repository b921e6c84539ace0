// flowchart.js enhances the flowchart pages, which work without it.
// DOM contract: the comment of package internal/flowchart.
(function () {
  "use strict";
  var d = document;
  var root = d.querySelector(".fc") || d.body;
  var attr = function (e, a) { return e.getAttribute(a); };
  function status(b) {
    var s = d.createElement("span");
    s.className = "fc-copy-status";
    s.setAttribute("role", "status");
    b.after(s);
    return s;
  }

  // ?title=0 on the embed page hides its heading, but not from screen readers.
  var title = d.querySelector(".fc-embed-title");
  if (title && /[?&]title=0(&|$)/.test(location.search)) {
    d.documentElement.classList.add("fc-untitled");
    title.classList.add("visually-hidden");
  }

  // Copy buttons; the fallback selects the text.
  d.querySelectorAll("[data-fc-copy]").forEach(function (b) {
    var t = d.getElementById(attr(b, "data-fc-copy"));
    if (!t) return;
    // Built without the site's full address: give the one the browser shows.
    t.value = t.value.replace(/src="\//g, 'src="' + location.origin + "/");
    var s = status(b);
    b.hidden = false;
    b.addEventListener("click", function () {
      var select = function () {
        t.focus();
        t.select();
        s.textContent = "Selected: press Ctrl+C or Cmd+C to copy";
      };
      var c = navigator.clipboard;
      if (!c) return select();
      c.writeText(t.value).then(function () { s.textContent = "Copied"; }, select);
    });
  });

  // PNG: the SVG picture drawn on a canvas at data-fc-scale times its size.
  d.querySelectorAll("[data-fc-png]").forEach(function (b) {
    var s = status(b);
    b.parentElement.hidden = false;
    b.addEventListener("click", function () {
      var fail = function () { s.textContent = "The picture could not be drawn: download the SVG instead"; };
      s.textContent = "Drawing the picture";
      fetch(attr(b, "data-fc-png")).then(function (r) {
        if (!r.ok) throw r.status;
        return r.text();
      }).then(function (svg) {
        var img = new Image();
        img.onerror = fail;
        img.onload = function () {
          var k = +attr(b, "data-fc-scale"), c = d.createElement("canvas");
          c.width = img.naturalWidth * k;
          c.height = img.naturalHeight * k;
          var g = c.getContext("2d");
          g.fillStyle = "#fff";
          g.fillRect(0, 0, c.width, c.height);
          g.drawImage(img, 0, 0, c.width, c.height);
          c.toBlob(function (png) {
            if (!png) return fail();
            var a = d.createElement("a");
            a.href = URL.createObjectURL(png);
            a.download = attr(b, "data-fc-name") + ".png";
            a.click();
            s.textContent = "Downloaded";
            setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
          }, "image/png");
        };
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      }).catch(fail);
    });
  });

  // In an iframe, tell the host page our height.
  if (parent !== window) {
    var last = 0;
    var post = function () {
      var h = d.documentElement.offsetHeight;
      if (h !== last) parent.postMessage({type: "resolve-flowchart-height", height: (last = h)}, "*");
    };
    addEventListener("load", post);
    addEventListener("resize", post);
    if (window.ResizeObserver) new ResizeObserver(post).observe(d.body);
    post();
  }

  var m = root.querySelectorAll(".fc-item").length;
  if (!m) return;
  var cur = 1, presenting = false;

  function open(n, focus) {
    var li = d.getElementById("stage-" + n);
    if (!li) return;
    cur = n;
    root.querySelectorAll(".is-current").forEach(function (e) { e.classList.remove("is-current"); });
    li.classList.add("is-current");
    root.querySelectorAll('.fc-step[data-stage="' + n + '"]').forEach(function (e) { e.classList.add("is-current"); });
    var det = li.querySelector("details");
    det.open = true;
    // In an embed the list is itself folded away.
    var list = li.closest(".fc-list");
    if (focus && list) list.open = true;
    if (focus) det.querySelector("summary").focus();
  }

  // Stages link to #stage-N; a second click reopens a stage.
  function choose(e) {
    var a = e.target.closest("a.fc-stage");
    if (!a || e.type === "keydown" && e.key !== " " && e.key !== "Enter") return;
    e.preventDefault();
    var n = +attr(a, "data-stage");
    if (presenting) return show(n);
    history.pushState(null, "", "#stage-" + n);
    // From the keyboard, focus moves at keyup, after any keypress.
    var kd = e.type == "keydown";
    if (kd) a.addEventListener("keyup", function () { open(n, true); }, {once: true});
    open(n, !kd);
  }
  root.addEventListener("click", choose);
  root.addEventListener("keydown", choose);

  // Presenting: the whole chart and the current stage, full screen or
  // filling the window.
  var tr = root.querySelector("[data-fc-trainer]");
  var q = function (s) { return tr.querySelector("[data-fc-" + s + "]"); };
  function show(n) {
    open(Math.max(1, Math.min(m, n)), false);
    q("progress").textContent = "Stage " + cur + " of " + m;
    root.querySelector(".fc-steps").scrollTop = 0;
  }
  function start() {
    presenting = true;
    root.classList.add("fc-presenting");
    q("present").hidden = true;
    q("controls").hidden = false;
    var overlay = function () { if (presenting) root.classList.add("fc-overlay"); };
    var full = root.requestFullscreen && root.requestFullscreen();
    if (full) full.catch(overlay);
    else overlay();
    show(cur);
    q("next").focus();
  }
  function stop() {
    if (!presenting) return;
    presenting = false;
    root.classList.remove("fc-presenting", "fc-overlay");
    q("controls").hidden = true;
    q("present").hidden = false;
    if (d.fullscreenElement) d.exitFullscreen();
    q("present").focus();
  }
  if (tr) {
    tr.hidden = false;
    q("present").onclick = start;
    q("exit").onclick = stop;
    q("next").onclick = function () { show(cur + 1); };
    q("prev").onclick = function () { show(cur - 1); };
    d.addEventListener("fullscreenchange", function () { if (!d.fullscreenElement) stop(); });
    d.addEventListener("keydown", function (e) {
      var k = e.key;
      if (!presenting || e.altKey || e.ctrlKey || e.metaKey) return;
      if (k == "Escape") stop();
      else if (k === "ArrowRight" || k === "PageDown") show(cur + 1);
      else if (k === "ArrowLeft" || k === "PageUp") show(cur - 1);
      else return;
      e.preventDefault();
    });
  }

  // #stage-N, and ?stage=N for embeds, open a stage.
  function fromHash() {
    var r = /^#stage-(\d+)$/.exec(location.hash);
    if (r) open(+r[1], true);
  }
  var s = /[?&]stage=(\d+)/.exec(location.search);
  if (s) open(+s[1], false);
  addEventListener("load", fromHash); // after the jump, which drops focus
  addEventListener("hashchange", fromHash);
})();
