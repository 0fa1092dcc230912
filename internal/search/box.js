/* zhkb search box: the combobox every page has, answering with
   zhkbEngine (engine.js) from the index of the page's variant. Index files
   are classic scripts calling zhkbSearch(name, data), so that they load
   from a web server and from file:// alike; from a web server, parts of
   them are read by byte range. */
(function () {
  "use strict";
  var PAGE = 5; // results shown at first, and added by "more"
  var files = {}, waiting = {}, reads = [];
  window.zhkbSearch = function (name, data) {
    files[name] = data;
    (waiting[name] || []).forEach(function (f) { f(data); });
    delete waiting[name];
  };
  /* browserIO loads the index files under base: whole files with <script>
     tags (a single-file bundle holds them all in one function), ranges with
     fetch from a web server. A host that answers a range with the whole
     file (200, not 206) is read by whole files from then on; the range
     asked for is cut from the file it sent, which is kept, so that no file
     is fetched twice. Until the first answer says whether the host honours
     ranges, a second range of a file waits for the first. (Asking ahead
     with HEAD does not work: hosts that compress, nginx among them, leave
     Accept-Ranges out of compressed answers yet answer ranges.)
     reads lists what was read, for tests. */
  function browserIO(base) {
    var whole = {}, first = {}, honoured; // honoured: undefined until a range is answered
    function cut(name, start, end) {
      return whole[name].then(function (buf) { return new TextDecoder().decode(buf.subarray(start, end)); });
    }
    var io = {
      // Byte ranges from a web server; whole files from file:// and in a
      // single-file bundle (whose pages are routes).
      ranges: /^https?:$/.test(location.protocol) && typeof fetch === "function" && typeof window.zhkbRoutes !== "string",
      load: function (name) {
        if (!(name in files) && whole[name]) {
          // Sent whole for a range: the data is the file's call's argument.
          return whole[name].then(function (buf) {
            var text = new TextDecoder().decode(buf), head = 'zhkbSearch("' + name + '",';
            files[name] = JSON.parse(text.slice(head.length, text.lastIndexOf(")")));
            return files[name];
          });
        }
        if (!(name in files) && typeof window.zhkbIndex === "function") {
          var all = window.zhkbIndex;
          window.zhkbIndex = null;
          all();
        }
        return new Promise(function (resolve) {
          if (name in files) return resolve(files[name]);
          if (waiting[name]) return waiting[name].push(resolve);
          waiting[name] = [resolve];
          reads.push(name + ".js");
          var s = document.createElement("script");
          s.src = base + name + ".js";
          s.onerror = function () { window.zhkbSearch(name, null); };
          document.head.appendChild(s);
        });
      },
      span: function (name, start, end, signal) {
        if (whole[name]) return cut(name, start, end);
        if (honoured === undefined && first[name]) {
          return first[name].then(function () { return io.span(name, start, end, signal); });
        }
        reads.push(name + ".js@" + start + "-" + end);
        // Not through the HTTP cache: it lets one request of a URL at a time
        // through, and a query reads several ranges of one file at once.
        var answer = fetch(base + name + ".js", { headers: { Range: "bytes=" + start + "-" + (end - 1) }, cache: "no-store", signal: signal }).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          var buf = r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
          if (r.status !== 206) {
            honoured = false;
            io.ranges = false;
            whole[name] = buf;
            return cut(name, start, end);
          }
          honoured = true;
          return buf.then(function (b) { return new TextDecoder().decode(b); });
        });
        // A first range that fails (or is given up) says nothing: the next one asks.
        if (honoured === undefined) first[name] = answer.catch(function () { delete first[name]; });
        return answer;
      }
    };
    return io;
  }
  var engines = {};
  function engineFor(base) {
    if (!engines[base]) engines[base] = window.zhkbEngine(browserIO(base));
    return engines[base];
  }

  /* The search box: a combobox with a listbox whose options are the links
     to the results. */
  function ui(form) {
    var input = form.querySelector("input[type=search]"), list = form.querySelector("[role=listbox]");
    var panel = form.querySelector(".search-panel"), status = form.querySelector("[aria-live]");
    var more = form.querySelector(".search-more"), note = form.querySelector(".search-note");
    var startHere = form.querySelector(".search-start");
    var seq = 0, timer = 0, active = -1, shown = PAGE, lastQ = "", job = null;
    var root = form.getAttribute("data-root") || "", ui = form.dataset;
    var eng = engineFor(form.getAttribute("data-index"));
    function init() {
      return eng.init().catch(function () { throw new Error(ui.error || "search index not found"); });
    }
    function href(url) {
      var hash = "", i = url.indexOf("#"), routes = window.zhkbRoutes;
      if (i >= 0) { hash = url.slice(i); url = url.slice(0, i); }
      // In a single-file bundle pages are routes: "#/laws/pipl/#anchor".
      if (typeof routes === "string" && url.indexOf(routes) === 0) return "#/" + url.slice(routes.length) + hash;
      if (location.protocol === "file:" && url.slice(-1) === "/") url += "index.html";
      return root + url + hash;
    }
    // The start-here links go where result links go, in every setting.
    if (startHere) startHere.querySelectorAll("a[data-url]").forEach(function (a) { a.href = href(a.getAttribute("data-url")); });
    function options() { return list.querySelectorAll("[role=option]"); }
    function setActive(i) {
      var opts = options();
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", opts[active].id);
      opts[active].scrollIntoView({ block: "nearest" });
    }
    /* fit keeps the panel within the screen, "more" included. */
    function fit() {
      if (!panel) return;
      var top = panel.getBoundingClientRect().top;
      panel.style.maxHeight = Math.max(160, window.innerHeight - Math.max(top, 0) - 12) + "px";
    }
    function hideAll() {
      list.hidden = true; active = -1;
      list.classList.remove("stale"); list.removeAttribute("aria-busy");
      if (note) note.hidden = true;
      if (startHere) startHere.hidden = true;
      if (more) more.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    /* close hides the results, and those of queries still on their way. */
    /* giveUp stops the query on its way, if any: a newer one replaces it. */
    function giveUp() {
      if (job) job.abort();
      job = typeof AbortController === "function" ? new AbortController() : null;
    }
    function close() { seq++; giveUp(); clearTimeout(timer); hideAll(); status.textContent = ""; }
    /* show puts results on screen: early ones (certain, their snippets on
       the way) first, then the same with snippets, keeping the option the
       reader has moved to. */
    function show(res, q) {
      var keep = form.getAttribute("data-shown") === q && !list.hidden ? active : -1;
      list.textContent = ""; active = -1;
      list.classList.remove("stale"); list.removeAttribute("aria-busy");
      if (res.early) list.setAttribute("aria-busy", "true");
      res.results.forEach(function (r, i) {
        var a = document.createElement("a");
        a.id = "zhkb-result-" + i; a.setAttribute("role", "option"); a.setAttribute("aria-selected", "false");
        a.href = href(r.url); a.tabIndex = -1;
        if (!r.exact) {
          a.className = "partial";
          // The first of them, after verbatim results, says they hold part of the query.
          if (res.exact > 0 && !list.querySelector(".loose-first")) { a.classList.add("loose-first"); a.setAttribute("data-loose", ui.loose || ""); }
        }
        var t = document.createElement("span"); t.className = "result-title"; t.textContent = r.title; a.appendChild(t);
        if (r.heading) { var h = document.createElement("span"); h.className = "result-heading"; h.textContent = r.heading; a.appendChild(h); }
        var s = document.createElement("span"), at = 0, chars = Array.from(r.snippet);
        s.className = res.early ? "result-snippet pending" + (r.unplaced ? " unplaced" : "") : "result-snippet";
        r.marks.forEach(function (m) {
          s.appendChild(document.createTextNode(chars.slice(at, m[0]).join("")));
          var mark = document.createElement("mark"); mark.textContent = chars.slice(m[0], m[1]).join(""); s.appendChild(mark);
          at = m[1];
        });
        s.appendChild(document.createTextNode(chars.slice(at).join("")));
        a.appendChild(s); list.appendChild(a);
      });
      var found = res.results.length > 0;
      status.textContent = found ? (ui.count || "{n}").replace("{n}", function () { return String(res.total); }) : (ui.none || "0").replace("{q}", function () { return q; }); // functions: a query holding $& must not be read as a pattern
      list.hidden = !found;
      if (note) note.hidden = !found || res.exact > 0;
      if (startHere) startHere.hidden = found;
      input.setAttribute("aria-expanded", found ? "true" : "false");
      if (more) more.hidden = !found || res.results.length >= res.total;
      form.setAttribute("data-shown", q); // the query whose results are on show
      if (keep >= 0 && keep < res.results.length) setActive(keep);
      fit();
    }
    function run() {
      var q = input.value.trim(), my = ++seq;
      if (!q) { close(); lastQ = ""; return; }
      giveUp(); // the query before, if still loading, gives way to this one
      // The previous query's results are not left on show while this one loads.
      if (q !== lastQ) hideAll();
      lastQ = q;
      // Said while a query waits for the network longer than a moment.
      var slow = setTimeout(function () {
        if (my === seq) { status.textContent = ui.searching || ""; list.setAttribute("aria-busy", "true"); }
      }, 300);
      var done = false, signal = job && job.signal;
      init().then(function () {
        return eng.search(q, shown, function (early) {
          if (my === seq && !done) { clearTimeout(slow); show(early, q); }
        }, signal);
      }).then(function (res) {
        done = true;
        clearTimeout(slow);
        if (my === seq) show(res, q);
      }).catch(function (e) { clearTimeout(slow); if (my === seq) { hideAll(); status.textContent = ui.error || String(e.message || e); } });
    }
    /* A query runs once what is typed is text: while an input method
       composes (pinyin letters not yet turned into characters) nothing is
       searched; when it commits, at once. Typed letters wait a moment for
       the next one. */
    function typed(wait) {
      clearTimeout(timer); shown = PAGE;
      // Results of the text before this keystroke are stale: not to be followed.
      if (!list.hidden) { list.classList.add("stale"); list.setAttribute("aria-busy", "true"); }
      timer = setTimeout(run, wait);
    }
    input.addEventListener("input", function (e) {
      if (e.isComposing) return;
      typed(/^[\x00-\x7f]$/.test(e.data || "") ? 60 : 0);
    });
    input.addEventListener("compositionend", function () { typed(0); });
    if (more) {
      more.addEventListener("mousedown", function (e) { e.preventDefault(); });
      more.addEventListener("click", function () { shown += PAGE; run(); input.focus(); });
    }
    input.addEventListener("focus", function () {
      init().catch(function () {});
      // Back in a field that still holds a query: show its results again.
      if (input.value.trim() && list.hidden && (!startHere || startHere.hidden)) run();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) run(); else setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Escape") { if (!list.hidden || status.textContent) { e.preventDefault(); close(); } else input.value = ""; }
      else if (e.key === "Enter") {
        var opts = options();
        if (opts.length && !list.hidden) { e.preventDefault(); location.href = opts[Math.max(active, 0)].href; }
        else if (input.value.trim()) { e.preventDefault(); clearTimeout(timer); run(); }
      }
    });
    form.addEventListener("submit", function (e) { if (input.value.trim()) e.preventDefault(); });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus while clicking
    window.addEventListener("hashchange", close);
    window.addEventListener("resize", fit);
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (e.key === "/" && tag !== "input" && tag !== "textarea" && !e.target.isContentEditable) { e.preventDefault(); input.focus(); }
    });
    if (input.value.trim()) run();
  }

  window.zhkbSearch.reads = reads; // what queries read, for tests
  window.zhkbSearch.query = function (q, limit) { // for tests and scripts
    var eng = engineFor(document.querySelector("form[data-index]").getAttribute("data-index"));
    return eng.init().then(function () { return eng.search(q, limit || 10); });
  };
  function start() { var f = document.querySelector("form[data-index]"); if (f) ui(f); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
