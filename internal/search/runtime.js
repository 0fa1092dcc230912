/* zhkb search runtime. Loads the index of the page's variant with classic
   <script> tags, so it works from a web server and from file:// alike, and
   answers queries in the page. Mirrors internal/search/query.go. */
(function () {
  "use strict";
  var HAN = /\p{Script=Han}/u, WORD = /[\p{L}\p{N}]/u;
  var ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var BOOST = [8, 3, 1.5, 4, 1]; // title, tags, description, heading, body
  var K1 = 1.2, SNIPPET = 80, PAGE = 5, MAX_CHECKS = 8, MAX_BATCH = 32;
  /* Partial matching (mirrors partial.go). */
  var PARTIAL_BELOW = 5, STOP_PAIR = 0.25, SINGLE = 0.5, SYN_WEIGHT = 0.5, SYN_CREDIT = 0.5, RUN_BONUS = 0.1, SECTION_BONUS = 1, MIN_SHARE = 0.15;
  var LEAD = Math.floor(SNIPPET / 8);

  /* Loading: each data file calls zhkbSearch(name, data). From a web
     server, posting buckets, long lists and blocks of text are read by byte
     range (ranges); from file:// or a single-file bundle, files are loaded
     whole. reads lists what was read, as the Go searcher's Read does. */
  var files = {}, waiting = {}, base = "", ranges = false, reads = [];
  var W = 5; // digits of a posting shard's table entry
  window.zhkbSearch = function (name, data) {
    files[name] = data;
    (waiting[name] || []).forEach(function (f) { f(data); });
    delete waiting[name];
  };
  function load(name) {
    // A single-file bundle holds the whole index in one function.
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
  }

  /* span reads bytes start…end of a file (as text); a server that ignores
     the range sends the whole file, which is cut here. */
  function span(name, start, end) {
    reads.push(name + ".js@" + start + "-" + end);
    return fetch(base + name + ".js", { headers: { Range: "bytes=" + start + "-" + (end - 1) } }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.arrayBuffer().then(function (buf) { return new TextDecoder().decode(r.status === 206 ? buf : buf.slice(start, end)); });
    });
  }
  /* element resolves to element i of a file that is an array of strings, at
     bytes start…end: from the whole file if it is loaded (or ranges are not
     used), else by its range. */
  function element(name, i, start, end) {
    if (name in files || !ranges) return load(name).then(function (a) { return a && typeof a[i] === "string" ? a[i] : ""; });
    return span(name, start, end).then(function (t) { try { return JSON.parse(t); } catch (e) { return ""; } }, function () { return ""; });
  }
  function fixedAt(t, i) {
    var v = 0;
    for (var k = 0; k < W && i + k < t.length; k++) v = v * 64 + DIGIT[t.charCodeAt(i + k)];
    return v;
  }
  /* tableEntries resolves to entries i and i+1 of the table of byte
     offsets at byte start of file name (n entries and one past the end),
     read TABLE_WINDOW entries at a time; null if missing (mirrors
     Searcher.tableEntries). */
  var tables = new Map(), TABLE_WINDOW = 64;
  function tableEntries(name, start, n, i) {
    var w = Math.floor(i / TABLE_WINDOW), key = name + "@" + start + "#" + w;
    if (!tables.has(key)) {
      var from = w * TABLE_WINDOW, to = Math.min(n, (w + 1) * TABLE_WINDOW);
      tables.set(key, span(name, start + W * from, start + W * (to + 1)).catch(function () { return ""; }));
    }
    return tables.get(key).then(function (t) {
      var k = i - w * TABLE_WINDOW;
      return (k + 2) * W > t.length ? null : [fixedAt(t, k * W), fixedAt(t, (k + 1) * W)];
    });
  }

  var meta, fold = {};
  function foldString(s) {
    var out = "";
    for (var ch of s) {
      var f = fold[ch];
      if (f) { out += f; continue; }
      var c = ch.codePointAt(0);
      if (c >= 0xFF01 && c <= 0xFF5E) ch = String.fromCodePoint(c - 0xFEE0);
      out += ch.toLowerCase();
    }
    return out;
  }

  /* Units: Han characters and words of letters and digits; a separator
     takes up one position. Offsets are UTF-16 indexes. */
  function tokenize(s) {
    var units = [], pos = 0, sep = false, i = 0;
    while (i < s.length) {
      var ch = String.fromCodePoint(s.codePointAt(i)), n = ch.length;
      if (HAN.test(ch)) {
        if (sep && units.length) pos++;
        sep = false;
        units.push({ text: ch, han: true, pos: pos++, start: i, end: i + n });
        i += n;
      } else if (WORD.test(ch)) {
        if (sep && units.length) pos++;
        sep = false;
        var j = i + n;
        while (j < s.length) {
          var c2 = String.fromCodePoint(s.codePointAt(j));
          if (HAN.test(c2) || !WORD.test(c2)) break;
          j += c2.length;
        }
        units.push({ text: s.slice(i, j), han: false, pos: pos++, start: i, end: j });
        i = j;
      } else {
        sep = true;
        i += n;
      }
    }
    return units;
  }

  function isWord(ch) { return WORD.test(ch) && !HAN.test(ch); }
  function isHan(tok) { return HAN.test(String.fromCodePoint(tok.codePointAt(0))); }
  function shardKey(tok) { return isHan(tok) ? tok : Array.from(tok).slice(0, 2).join(""); }
  function bucketOf(tok) {
    var h = 0x811c9dc5, bytes = new TextEncoder().encode(shardKey(tok));
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h % (meta.shards * meta.buckets);
  }
  /* kind: the field of a chunk code (layout.go); boostOf its boost, or the
     body's for -1. */
  function kind(code) { var n = code >> 1; return n < 3 ? n : (code & 1 ? 3 : 4); }
  function boostOf(code) { return code < 0 ? BOOST[4] : BOOST[kind(code)]; }

  var DIGIT = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHA.length; a++) DIGIT[ALPHA.charCodeAt(a)] = a;
  /* decode expands a posting list: entries {doc, chunk, tf, pos}. */
  function decode(code, positional) {
    var out = [], i;
    if (code.charCodeAt(0) === 33) { // "!": documents, as differences
      var doc0 = 0;
      varints(code.slice(1)).forEach(function (g) { doc0 += g; out.push({ doc: doc0, chunk: -1, tf: 1, pos: null }); });
      return out;
    }
    if (code.charCodeAt(0) === 126) { // "~": a bitmap of documents
      for (i = 1; i < code.length; i++) {
        var v = DIGIT[code.charCodeAt(i)];
        for (var b = 0; b < 6; b++) if (v & (1 << b)) out.push({ doc: (i - 1) * 6 + b, chunk: -1, tf: 1, pos: null });
      }
      return out;
    }
    var at = 0;
    function next() {
      var val = 0, mul = 1, d;
      while ((d = DIGIT[code.charCodeAt(at++)]) >= 32) { val += (d & 31) * mul; mul *= 32; }
      return val + d * mul;
    }
    var doc = 0;
    while (at < code.length) {
      doc += next();
      var e = { doc: doc, chunk: next(), tf: next(), pos: null };
      if (positional) {
        e.pos = new Array(e.tf);
        for (var k = 0, p = 0; k < e.tf; k++) { p += next(); e.pos[k] = p; }
      }
      out.push(e);
    }
    return out;
  }

  /* varints decodes a string of numbers in the index's digits. */
  function varints(code) {
    var out = [], val = 0, mul = 1;
    for (var i = 0; i < code.length; i++) {
      var d = DIGIT[code.charCodeAt(i)];
      if (d >= 32) { val += (d & 31) * mul; mul *= 32; continue; }
      out.push(val + d * mul); val = 0; mul = 1;
    }
    return out;
  }
  /* Buckets of posting lists: k → Map(token → list), once loaded. */
  var buckets = new Map(), bucketLoads = new Map();
  function loadBucket(k) {
    if (bucketLoads.has(k)) return bucketLoads.get(k);
    var shard = Math.floor(k / meta.buckets), j = k % meta.buckets, name = "p/" + shard, p;
    if (!(name in files) && ranges) {
      var pre = ('zhkbSearch("' + name + '",["').length;
      p = tableEntries(name, pre, meta.buckets, j).then(function (ab) { return ab ? element(name, j + 1, ab[0], ab[1] - 1) : ""; });
    } else p = element(name, j + 1, 0, 0);
    p = p.then(function (str) {
      var m = new Map();
      str.split(",").forEach(function (e) { var i = e.indexOf(" "); if (i > 0) m.set(e.slice(0, i), e.slice(i + 1)); });
      buckets.set(k, m);
      return m;
    });
    bucketLoads.set(k, p);
    return p;
  }
  function bucket(tok) { return buckets.get(bucketOf(tok)) || new Map(); }
  function list(tok) { return bucket(tok).get(tok); }
  /* A long list's reference (Searcher.parseLongRef):
     "@F:i:start:length:df:top:span:set"; the list is element i of P/F, a
     table of its segments' offsets and the segments, each of span
     documents; set is the set of its documents. */
  function longRef(code) {
    if (typeof code !== "string" || code.charAt(0) !== "@") return null;
    var p = code.slice(1).split(":");
    if (p.length !== 8) return null;
    var n = p.slice(0, 5).map(function (x) { return parseInt(x, 10); });
    return { key: code, file: n[0], elem: n[1], start: n[2], df: n[4], top: p[5], span: Math.max(1, parseInt(p[6], 10) || 1), set: p[7] };
  }
  /* longDocs: the documents holding a long list's pair, as entries with no
     chunk. */
  var longSets = new Map(), longSegs = new Map();
  function longDocs(r) {
    if (!longSets.has(r.key)) longSets.set(r.key, decode(r.set, false));
    return longSets.get(r.key);
  }
  /* bySegments: long lists are read by segments, by ranges from a web
     server; from file:// the text is checked instead (mirrors
     Searcher.bySegments). */
  function bySegments(longs) {
    if (!ranges || !longs || !longs.length) return false;
    return longs.every(function (l) { return !(("P/" + l.ref.file) in files); });
  }
  /* longSegment resolves to the entries of the segment of a long list
     that holds document d (mirrors Searcher.longSegment). */
  function longSegment(r, d) {
    var k = Math.floor(d / r.span), key = r.key + "#" + k, name = "P/" + r.file;
    if (!longSegs.has(key)) {
      var p;
      if (name in files || !ranges) p = element(name, r.elem, 0, 0).then(function (l) {
        if ((k + 2) * W > l.length) return "";
        var from = fixedAt(l, k * W) - r.start - 1, to = fixedAt(l, (k + 1) * W) - r.start - 1;
        return from >= 0 && from <= to && to <= l.length ? l.slice(from, to) : "";
      });
      else p = tableEntries(name, r.start + 1, Math.floor((meta.n + r.span - 1) / r.span), k).then(function (ab) {
        return ab ? span(name, ab[0], ab[1]) : "";
      }).catch(function () { return ""; });
      longSegs.set(key, p.then(function (seg) {
        var es = decode(seg, true);
        es.forEach(function (e) { e.doc += k * r.span; });
        return es;
      }));
    }
    return longSegs.get(key);
  }
  /* phraseChunks resolves to the chunks of document d where the common
     pairs longs ({ref, offset}) are as far apart as in their term, in
     order (mirrors Searcher.phraseChunks). */
  function phraseChunks(longs, d) {
    var found;
    return Promise.all(longs.map(function (l) { return longSegment(l.ref, d); })).then(function (segs) {
      found = segs.map(function (es) { return es.filter(function (e) { return e.doc === d; }); });
      var out = [];
      found[0].forEach(function (e) {
        for (var j = 0; j < e.pos.length; j++) {
          var start = e.pos[j] - longs[0].offset, all = true;
          for (var i = 1; i < longs.length && all; i++) {
            all = found[i].some(function (o) { return o.chunk === e.chunk && o.pos.indexOf(start + longs[i].offset) >= 0; });
          }
          if (all) { out.push(e.chunk); return; }
        }
      });
      return out;
    });
  }
  var decoded = new Map(); // token → entries, for later queries (read-only)
  function entries(tok) {
    if (decoded.has(tok)) return decoded.get(tok);
    var code = list(tok);
    if (code === undefined) return [];
    if (longRef(code)) return []; // a long list: see termMatches
    var es = decode(code, !(isHan(tok) && Array.from(tok).length === 1));
    decoded.set(tok, es);
    return es;
  }
  function wordEntries(w, prefix) {
    if (!prefix || Array.from(w).length < 2) return entries(w);
    var m = bucket(w), out = [];
    Array.from(m.keys()).sort().forEach(function (tok) {
      if (tok.indexOf(w) === 0 && !isHan(tok)) out = out.concat(entries(tok));
    });
    out.sort(function (a, b) { return a.doc - b.doc || a.chunk - b.chunk; });
    var merged = [];
    out.forEach(function (e) {
      var last = merged[merged.length - 1];
      if (last && last.doc === e.doc && last.chunk === e.chunk) {
        last.pos = last.pos.concat(e.pos).sort(function (a, b) { return a - b; });
        last.tf = last.pos.length;
      } else merged.push({ doc: e.doc, chunk: e.chunk, tf: e.tf, pos: e.pos });
    });
    return merged;
  }

  function splitTerms(q) {
    var folded = foldString(q), units = tokenize(folded), terms = [];
    units.forEach(function (u, i) {
      if (i === 0 || u.pos !== units[i - 1].pos + 1) terms.push({ units: [] });
      terms[terms.length - 1].units.push(u);
    });
    terms.forEach(function (t) { t.text = folded.slice(t.units[0].start, t.units[t.units.length - 1].end); });
    return terms;
  }

  function isPair(tok) { return isHan(tok) && Array.from(tok).length === 2; }
  function isSingle(tok) { return isHan(tok) && Array.from(tok).length === 1; }
  function positionless(es) { return es.length > 0 && es[0].pos === null; }

  /* lookup: the constraint of a pair, word or character at offset: its
     entries, or, for a pair with a long list in a file of its own, the pair
     dropped until needed. */
  function lookup(tok, offset) {
    if (isPair(tok)) {
      var r = longRef(list(tok));
      if (r) return { entries: [], offset: offset, width: 2, loose: false, token: tok, ref: r, dropped: true };
    }
    var es = entries(tok);
    return { entries: es, offset: offset, width: isHan(tok) ? Array.from(tok).length : 1, loose: isSingle(tok) || positionless(es) };
  }

  /* plan lists the constraints of a term: for each run of Han characters
     every pair in it (all but the two at its ends deferred), each word (the last one as a prefix), and single characters. A token
     whose posting file is not loaded yet is left out and its file added to
     need. */
  function plan(t, need) {
    var u = t.units, cs = [], i, j;
    function ready(tok) {
      var k = bucketOf(tok);
      if (buckets.has(k)) return true;
      need[k] = 1;
      return false;
    }
    function word(w, offset, prefix) {
      if (!ready(w)) return;
      var es = wordEntries(w, prefix);
      cs.push({ entries: es, offset: offset, width: 1, loose: positionless(es) });
    }
    function token(tok, offset) { if (ready(tok)) cs.push(lookup(tok, offset)); }
    if (u.length === 1) {
      if (u[0].han) token(u[0].text, 0); else word(u[0].text, 0, true);
      return cs;
    }
    for (i = 0; i < u.length;) {
      if (!u[i].han) { word(u[i].text, i, i === u.length - 1); i++; continue; }
      for (j = i; j < u.length && u[j].han; j++);
      if (j - i === 1) token(u[i].text, i);
      else for (var k = i; k + 1 < j; k++) {
        var tok = u[k].text + u[k + 1].text;
        if (k !== i && k !== j - 2) cs.push({ entries: [], offset: k, width: 2, loose: false, token: tok, deferred: true });
        else token(tok, k);
      }
      i = j;
    }
    return cs;
  }

  /* key numbers a chunk of a document (chunk -1: the whole document). */
  function key(doc, chunk) { return doc * 4194304 + chunk + 1; }

  /* Intersects constraints without positions: by chunk where known, else
     by document. A term of several units found so is checked in the text. */
  function looseMatches(cs, several) {
    var driver = 0, ms = [];
    function bitmap(es) { return es.length > 0 && es[0].chunk < 0; }
    cs.forEach(function (c, i) {
      var d = cs[driver].entries, e = c.entries;
      if ((bitmap(d) && !bitmap(e)) || (bitmap(d) === bitmap(e) && e.length < d.length)) driver = i;
    });
    var sets = cs.map(function (c) { var m = new Set(); c.entries.forEach(function (e) { m.add(key(e.doc, e.chunk)); }); return m; });
    cs[driver].entries.forEach(function (e) {
      for (var i = 0; i < cs.length; i++) if (!sets[i].has(key(e.doc, e.chunk)) && !sets[i].has(key(e.doc, -1))) return;
      ms.push({ doc: e.doc, chunk: e.chunk, pos: -1, tf: e.tf });
    });
    return { ms: ms, needText: several && ms.length > 0 };
  }

  /* pinned: a constraint with positions takes part in matching. */
  function pinned(cs) { return cs.some(function (c) { return !c.deferred && !c.dropped && !c.loose; }); }
  /* undefer looks up the deferred pairs; null when there are none. */
  function undefer(cs) {
    var names = {};
    cs.forEach(function (c) { if (c.deferred) names[bucketOf(c.token)] = 1; });
    if (!Object.keys(names).length) return null;
    return Promise.all(Object.keys(names).map(function (k) { return loadBucket(+k); })).then(function () {
      cs.forEach(function (c, i) { if (c.deferred) cs[i] = lookup(c.token, c.offset); });
    });
  }
  /* docsOfRarest puts the set of documents holding the dropped pair in the
     fewest documents in its place; null when none is dropped. */
  function docsOfRarest(cs) {
    var best = -1;
    cs.forEach(function (c, i) { if (c.dropped && (best < 0 || c.ref.df < cs[best].ref.df)) best = i; });
    if (best < 0) return null;
    var c = cs[best];
    c.entries = longDocs(c.ref); c.loose = true; c.dropped = false;
    return Promise.resolve();
  }
  /* rarestLongs: the long lists of a term's two rarest common pairs,
     rarest first, with their offsets. */
  function rarestLongs(cs) {
    var out = [];
    cs.forEach(function (c) { if (c.ref) out.push({ ref: c.ref, offset: c.offset }); });
    out.sort(function (a, b) { return a.ref.df - b.ref.df; }); // stable
    return out.slice(0, 2);
  }
  function active(cs) { return cs.some(function (c) { return !c.deferred && !c.dropped; }); }
  /* matchPlanned matches the constraints taking part; r.open: some do not,
     so that matches must be checked in the text. */
  function matchPlanned(t, cs) {
    var active = cs.filter(function (c) { return !c.deferred && !c.dropped; });
    var r = matchConstraints(t, active);
    if (covers(t, active)) { r.needText = false; r.open = false; return r; } // positions prove the term
    r.open = active.length < cs.length;
    if (r.open && r.ms.length) r.needText = true;
    return r;
  }
  /* covers: the constraints with positions stand for every unit of the
     term (mirrors covers in query.go). */
  function covers(t, cs) {
    var seen = t.units.map(function () { return false; });
    cs.forEach(function (c) {
      if (c.loose || c.deferred || c.dropped) return;
      for (var k = c.offset; k < c.offset + c.width && k < seen.length; k++) seen[k] = true;
    });
    return seen.every(function (x) { return x; });
  }
  function distinctDocs(ms) {
    var n = 0;
    ms.forEach(function (m, i) { if (i === 0 || ms[i - 1].doc !== m.doc) n++; });
    return n;
  }
  /* termMatches resolves to every place a term occurs. It pins the phrase
     with positions if the term has any (looking up the deferred pairs);
     while too many candidates are left to check in the text, it looks up
     the deferred pairs, then the common pairs' sets of documents, rarest
     first. Long lists are never loaded whole: t.longs, the two rarest
     common pairs', tell findTerm where to look. Mirrors
     Searcher.termMatches. */
  function termMatches(t, cs) {
    return Promise.resolve(pinned(cs) ? null : undefer(cs)).then(function () {
      return active(cs) ? null : docsOfRarest(cs);
    }).then(function again() {
      var r = matchPlanned(t, cs), more = null;
      if (r.open && distinctDocs(r.ms) > MAX_CHECKS) more = undefer(cs) || docsOfRarest(cs);
      if (more) return more.then(again);
      t.longs = rarestLongs(cs);
      return r;
    });
  }

  function matchConstraints(t, cs) {
    var anchor = null, ms = [], needText = false;
    cs.forEach(function (c) { if (!c.loose && (!anchor || c.entries.length < anchor.entries.length)) anchor = c; });
    if (!anchor) return looseMatches(cs, t.units.length > 1);
    var sets = cs.map(function (c) {
      var m = new Map();
      c.entries.forEach(function (e) { m.set(key(e.doc, e.chunk), e); });
      return m;
    });
    anchor.entries.forEach(function (e) {
      var k = key(e.doc, e.chunk);
      e.pos.forEach(function (p) {
        var start = p - anchor.offset;
        for (var i = 0; i < cs.length; i++) {
          var o = sets[i].get(k), c = cs[i];
          if (!o && c.loose && sets[i].has(key(e.doc, -1))) o = true;
          if (!o) return;
          if (c.loose) { needText = true; continue; }
          if (o.pos.indexOf(start + c.offset) < 0) return;
        }
        ms.push({ doc: e.doc, chunk: e.chunk, pos: start, tf: 1 });
      });
    });
    return { ms: ms, needText: needText };
  }

  /* Records: what a result needs of a document besides its text (see
     Searcher.record). */
  var records = new Map();
  function loadRecord(d) {
    if (records.has(d)) return records.get(d);
    var name = "d/" + Math.floor(d / meta.perFile), i = d % meta.perFile, p;
    if (!(name in files) && ranges) {
      var pre = ('zhkbSearch("' + name + '",["').length;
      p = tableEntries(name, pre, meta.perFile, i).then(function (ab) {
        return ab ? span(name, ab[0], ab[1] - 1) : "";
      }).then(function (t) { return JSON.parse(t); }).catch(function () { return null; });
    } else p = load(name).then(function (arr) { return arr && arr[i + 1]; });
    p = p.then(function (rec) {
      var r = { url: "", title: "", tags: "", desc: "", sections: [], textFile: 0, textElem: 0, starts: [], ends: [] };
      if (rec && rec.length >= 6) {
        r.url = rec[0]; r.title = rec[1]; r.tags = rec[2]; r.desc = rec[3];
        for (var k = 0; k + 2 < rec[4].length; k += 3) {
          var h = rec[4][k], a = rec[4][k + 1];
          if (typeof a === "number") a = h.split(" ").join("-") + (a > 0 ? "-" + a : "");
          r.sections.push({ heading: h, anchor: a, has: h !== "", blocks: rec[4][k + 2] });
        }
        var ref = rec[5];
        if (ref.length === 4) {
          r.textFile = ref[0]; r.textElem = ref[1];
          var at = ref[2];
          varints(ref[3]).forEach(function (l) { r.starts.push(at); r.ends.push(at + l); at += l + 1; });
        }
      }
      return r;
    });
    records.set(d, p);
    return p;
  }
  /* place: a chunk code's section (-1 for title, tags, description) and
     block (-1 for a heading). */
  function place(r, code) {
    var n = code >> 1, c = 3, b = 0;
    if (n < 3) return [-1, -1];
    for (var s = 0; s < r.sections.length; s++) {
      var sec = r.sections[s];
      if (sec.has) { if (c === n) return [s, -1]; c++; }
      if (n < c + sec.blocks) return [s, b + n - c];
      c += sec.blocks; b += sec.blocks;
    }
    return [-1, -1];
  }
  function codes(r) {
    var out = [0, 2, 4], n = 3;
    r.sections.forEach(function (sec) {
      if (sec.has) out.push(n++ * 2 + 1);
      for (var k = 0; k < sec.blocks; k++) out.push(n++ * 2);
    });
    return out;
  }
  function firstBlock(r, s) {
    var n = 3;
    for (var i = 0; i < r.sections.length; i++) {
      var sec = r.sections[i];
      if (sec.has) n++;
      if (i === s) return sec.blocks ? n * 2 : -1;
      n += sec.blocks;
    }
    return -1;
  }
  /* text resolves to the text of a chunk of a document, loading a block's. */
  var blocks = new Map();
  function text(d, r, code) {
    var k = kind(code);
    if (k === 0) return Promise.resolve(r.title);
    if (k === 1) return Promise.resolve(r.tags);
    if (k === 2) return Promise.resolve(r.desc);
    var p = place(r, code);
    if (p[0] < 0) return Promise.resolve("");
    if (p[1] < 0) return Promise.resolve(r.sections[p[0]].heading);
    if (p[1] >= r.starts.length) return Promise.resolve("");
    var key = d + ":" + code;
    if (!blocks.has(key)) blocks.set(key, element("t/" + r.textFile, r.textElem + p[1], r.starts[p[1]], r.ends[p[1]]));
    return blocks.get(key);
  }

  /* findTerm resolves to the chunk of document d that holds t, among codes
     (all of its chunks when codes is null or holds -1), preferring the
     title, headings, tags, description and text, and among texts the
     first; -1 if none (mirrors Searcher.findTerm). */
  function findTerm(d, r, t, cs) {
    return scan(d, r, t, cs && cs.indexOf(-1) < 0 ? cs : codes(r));
  }
  /* scan resolves to the first of chunks cs of document d holding t, in
     order of preference, or -1. */
  function scan(d, r, t, cs) {
    cs = cs.map(function (c, i) { return [c, i]; }).sort(function (a, b) { return boostOf(b[0]) - boostOf(a[0]) || a[0] - b[0] || a[1] - b[1]; }).map(function (x) { return x[0]; });
    var i = 0;
    function next() {
      if (i >= cs.length) return -1;
      var c = cs[i++];
      return text(d, r, c).then(function (tx) { return foldString(tx).indexOf(t.text) >= 0 ? c : next(); });
    }
    return Promise.resolve(next());
  }

  /* Cuts about SNIPPET characters around the first match; marks are
     [start, end) in characters (code points) of the snippet. */
  function snippet(text, folded, terms) {
    var rt = Array.from(text), rf = Array.from(folded), first = -1, marks = [];
    function index(q, from) {
      outer: for (var i = from; i + q.length <= rf.length; i++) {
        for (var k = 0; k < q.length; k++) if (rf[i + k] !== q[k]) continue outer;
        return i;
      }
      return -1;
    }
    terms.forEach(function (t) { var i = index(Array.from(t.text), 0); if (i >= 0 && (first < 0 || i < first)) first = i; });
    var start = first > SNIPPET / 3 ? first - Math.floor(SNIPPET / 3) : 0;
    while (start > 0 && start < first && isWord(rt[start - 1]) && isWord(rt[start])) start++; // not inside a word
    var end = Math.min(rt.length, start + SNIPPET);
    terms.forEach(function (t) {
      var q = Array.from(t.text);
      for (var i = index(q, start); i >= 0 && i + q.length <= end; i = index(q, i + q.length)) marks.push([i - start, i - start + q.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    return clip(rt, start, end, marks);
  }
  /* clip cuts rt to start…end with "…" where text was cut, and merges the
     marks (sorted by start) and moves them to match. */
  function clip(rt, start, end, marks) {
    var merged = [];
    marks.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]); else merged.push(m);
    });
    var out = rt.slice(start, end).join("");
    if (start > 0) { out = "…" + out; merged.forEach(function (m) { m[0]++; m[1]++; }); }
    if (end < rt.length) out += "…";
    return { text: out, marks: merged };
  }

  /* result resolves to the hit for a ranked document d ({doc, score,
     best, check, hints, partial}); null when a match to check is not in the
     text (mirrors Searcher.result). */
  function result(d, terms, fs) {
    var chunk = d.best.chunk, where = {}, li = 0;
    /* Where a term is known by document only, the segments of its common
       pairs' lists say which chunks hold it: a document where they are not
       as in the term is dropped without checking its text. */
    function locate() {
      if (d.partial || li >= terms.length) return Promise.resolve(true);
      var t = li++, cs = d.hints && d.hints[t], ok = !!cs;
      var anywhere = (ok && cs.indexOf(-1) >= 0) || (t === 0 && !ok && chunk < 0);
      if (anywhere && bySegments(terms[t].longs)) {
        return phraseChunks(terms[t].longs, d.doc).then(function (found) {
          if (!found.length) return false;
          where[t] = found;
          return locate();
        });
      }
      if (ok) where[t] = cs;
      return locate();
    }
    // The record is asked for at once, not after the segments: a round of
    // requests less for the bytes of the records of candidates dropped.
    return Promise.all([locate(), loadRecord(d.doc)]).then(function (lr) {
      var r = lr[0] ? lr[1] : null;
      if (!r) return null;
      var ti = 0;
      function check() {
        if (d.partial || ti >= terms.length) return Promise.resolve(true);
        var t = ti++, cs = where[t];
        if (!cs) return check();
        return findTerm(d.doc, r, terms[t], cs).then(function (found) {
          if (found < 0) return false;
          if (t === 0) chunk = found;
          return check();
        });
      }
      return check().then(function (ok) {
        if (!ok) return null;
        return (!d.partial && chunk < 0 ? findTerm(d.doc, r, terms[0], null) : Promise.resolve(chunk)).then(function (c) {
          chunk = c;
          var out = { doc: d.doc, url: r.url, title: r.title, heading: "", exact: !d.partial, score: d.score };
          // A match in the title, tags or description shows the
          // description; one in a heading (shown above the snippet) shows
          // the text under it.
          var shown = 4, p = place(r, chunk);
          if (p[0] >= 0) {
            out.heading = r.sections[p[0]].heading;
            if (r.sections[p[0]].anchor) out.url += "#" + r.sections[p[0]].anchor;
            shown = kind(chunk) === 3 ? firstBlock(r, p[0]) : chunk;
          }
          return (shown >= 0 ? text(d.doc, r, shown) : Promise.resolve("")).then(function (tx) {
            var sn = d.partial ? partialSnippet(tx, foldString(tx), fs) : snippet(tx, foldString(tx), terms);
            out.snippet = sn.text; out.marks = sn.marks;
            return out;
          });
        });
      });
    });
  }

  /* confirm turns ranked documents from at on into results until there are
     limit, a batch at a time: first as many as are missing, then, while
     candidates fail the text check, twice as many, up to MAX_BATCH; resolves
     to where it stopped (mirrors Searcher.confirm). */
  function confirm(ranked, at, terms, fs, results, limit, prev) {
    if (results.length >= limit || at >= ranked.length) return Promise.resolve(at);
    var need = limit - results.length, size = Math.max(need, Math.min(2 * (prev || 0), MAX_BATCH));
    var batch = ranked.slice(at, at + size);
    return Promise.all(batch.map(function (d) { return result(d, terms, fs); })).then(function (rs) {
      rs.forEach(function (r) {
        if (results.length >= limit) return;
        at++;
        if (r) results.push(r);
      });
      return confirm(ranked, at, terms, fs, results, limit, size);
    });
  }

  /* search resolves to {results, total, exact}: up to limit hits, best
     first: documents holding every term verbatim, then, when those are
     fewer than a page, documents holding part of the query. */
  function search(q, limit) {
    var terms = splitTerms(q);
    if (!terms.length) return Promise.resolve({ results: [], total: 0, exact: 0 });
    var plans;
    /* Plans every term, loading posting files until none is missing. */
    function planAll() {
      var need = {};
      plans = terms.map(function (t) { return plan(t, need); });
      var ks = Object.keys(need);
      return ks.length ? Promise.all(ks.map(function (k) { return loadBucket(+k); })).then(planAll) : Promise.resolve();
    }
    return planAll().then(function () {
      // A common pair alone: its best documents are kept with it, so its
      // long list is needed only beyond them.
      var top = pairTop(terms);
      if (top && (limit <= top.list.length || top.list.length === top.df)) return { ranked: top.list, total: top.df };
      return Promise.all(terms.map(function (t, ti) { return termMatches(t, plans[ti]); })).then(function (matches) {
        var ranked = rank(matches);
        return { ranked: ranked, total: ranked.length };
      });
    }).then(function (ex) {
      var a = analyze(terms), results = [];
      return confirm(ex.ranked, 0, terms, a.features, results, limit).then(function (at) {
        if (at < ex.ranked.length || ex.total > ex.ranked.length || !wantPartial(terms, a, results.length))
          return { results: results, total: ex.total, exact: ex.total };
        // Confirmed ones only: a candidate whose text lacks a term may still match in part.
        var exact = new Set(results.map(function (r) { return r.doc; })), n = results.length;
        var toks = [];
        a.features.forEach(function (f) { toks = toks.concat(f.pairs || [f.token]); });
        return loadTokens(toks).then(function () {
          var partial = partialRanked(a, exact);
          return confirm(partial, 0, terms, a.features, results, limit).then(function () {
            return { results: results, total: n + partial.length, exact: n };
          });
        });
      });
    });

    function rank(matches) {
      var scores = null;
      terms.forEach(function (t, ti) {
        var r = matches[ti], perDoc = new Map();
        r.ms.forEach(function (m) { if (!perDoc.has(m.doc)) perDoc.set(m.doc, []); perDoc.get(m.doc).push(m); });
        var idf = idfOf(perDoc.size), next = new Map(), est = estimates(t.longs);
        perDoc.forEach(function (list, d) {
          var prev = scores && scores.get(d);
          if (ti > 0 && !prev) return;
          var tf = 0, bestBoost = 0, best = null, cs = [];
          list.forEach(function (m) {
            var b = boostOf(m.chunk);
            tf += b * m.tf;
            if (b > bestBoost) { bestBoost = b; best = m; }
            if (r.needText && (!cs.length || cs[cs.length - 1] !== m.chunk)) cs.push(m.chunk);
          });
          if (best.chunk < 0 && est.has(d)) { tf = est.get(d)[0]; bestBoost = est.get(d)[1]; } // known by document only
          var sc = score(idf, tf, bestBoost), ds = prev;
          if (ds) ds.score += sc;
          else ds = { doc: d, score: sc, best: best, check: false, hints: null, partial: false };
          if (r.needText) { ds.check = true; ds.hints = ds.hints || {}; ds.hints[ti] = cs; }
          next.set(d, ds);
        });
        scores = next;
      });
      return Array.from(scores.values()).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    }
  }

  /* estimates: for the best documents of a common pair, its weighted
     frequency and best boost (mirrors estimates in query.go). */
  function estimates(longs) {
    var out = new Map();
    if (!longs || !longs.length) return out;
    var nums = varints(longs[0].ref.top);
    for (var i = 0; i + 2 < nums.length; i += 3) out.set(nums[i], [nums[i + 2] / 2, boostOf(nums[i + 1])]);
    return out;
  }

  /* loadTokens loads the buckets of tokens. */
  function loadTokens(toks) {
    var need = {};
    toks.forEach(function (tok) { need[bucketOf(tok)] = 1; });
    return Promise.all(Object.keys(need).map(function (k) { return loadBucket(+k); }));
  }

  /* Stop words and synonyms, from the meta file. */
  var stopWords = [], askWords = [], synonyms = [], synonymWords = [];
  function setWords(stop, ask, syn) {
    function units(list) { return (list || []).map(function (w) { return tokenize(w); }).filter(function (u) { return u.length > 0; }); }
    stopWords = units(stop); askWords = units(ask);
    synonyms = syn || []; synonymWords = [];
    synonyms.forEach(function (words, g) {
      words.forEach(function (word, w) {
        var u = tokenize(word);
        if (u.length) synonymWords.push({ units: u, group: g, word: w });
      });
    });
    // Longest first; the sort is stable, as Go's SliceStable.
    synonymWords.sort(function (a, b) { return b.units.length - a.units.length; });
  }
  function matchUnits(u, from, word) {
    if (!word.length || from + word.length > u.length) return -1;
    for (var k = 0; k < word.length; k++) if (u[from + k].text !== word[k].text) return -1;
    return from + word.length;
  }
  function stopUnits(u, words) {
    var stop = u.map(function () { return false; });
    for (var i = 0; i < u.length;) {
      var n = 0;
      words.forEach(function (w) { var to = matchUnits(u, i, w); if (to >= 0 && to - i > n) n = to - i; });
      for (var k = i; k < i + n; k++) stop[k] = true;
      i += Math.max(n, 1);
    }
    return stop;
  }
  function isPairToken(tok) { return isHan(tok) && Array.from(tok).length === 2; }

  /* analyze cuts terms into features (mirrors Searcher.analyze). */
  function analyze(terms) {
    var a = { features: [], slots: 0, question: false }, seen = new Map(), spans = [];
    function add(f) {
      if (seen.has(f.token)) {
        var old = a.features[seen.get(f.token)];
        if (f.term >= 0 && f.weight > old.weight) old.weight = f.weight;
        return;
      }
      seen.set(f.token, a.features.length);
      a.features.push(f);
    }
    terms.forEach(function (t, ti) {
      var u = t.units, stop = stopUnits(u, stopWords), i, pair = false;
      stopUnits(u, askWords).forEach(function (st) { if (st) a.question = true; });
      for (i = 0; i < u.length; i++) {
        if (!u[i].han) add({ token: u[i].text, weight: 1, term: ti, offset: i });
        else if (i + 1 < u.length && u[i + 1].han && !(stop[i] && stop[i + 1]))
          add({ token: u[i].text + u[i + 1].text, weight: stop[i] || stop[i + 1] ? STOP_PAIR : 1, term: ti, offset: i });
      }
      for (i = 0; i + 1 < u.length; i++) if (u[i].han && u[i + 1].han && !stop[i] && !stop[i + 1]) pair = true;
      if (!pair) for (i = 0; i < u.length; i++) if (u[i].han && !stop[i]) add({ token: u[i].text, weight: SINGLE, term: ti, offset: i });
      // Synonym words in the term, longest first, not overlapping; a word in
      // two groups expands to both.
      var taken = u.map(function () { return false; }), found = [];
      synonymWords.forEach(function (m) {
        for (var from = 0; from < u.length; from++) {
          var to = matchUnits(u, from, m.units);
          if (to < 0) continue;
          var clash = taken.slice(from, to).some(Boolean), same = found.some(function (f) { return f[0] === from && f[1] === to; });
          if (clash && !same) continue;
          for (var k = from; k < to; k++) taken[k] = true;
          found.push([from, to]);
          spans.push({ term: ti, from: from, to: to, group: m.group, word: m.word });
        }
      });
    });
    a.features.forEach(function (f, i) { f.slots = [i]; });
    a.slots = a.features.length;
    spans.forEach(function (sp) {
      a.question = true;
      var covered = [];
      a.features.slice(0, a.slots).forEach(function (f, i) {
        if (f.term !== sp.term) return;
        var end = f.offset + (isPairToken(f.token) ? 2 : 1);
        if (f.offset >= sp.from && end <= sp.to) covered.push(i);
      });
      synonyms[sp.group].forEach(function (word, w) {
        if (w === sp.word) return;
        var u = tokenize(word);
        for (var i = 0; i < u.length;) {
          if (!u[i].han) { add({ token: u[i].text, weight: SYN_WEIGHT, term: -1, offset: 0, slots: covered }); i++; continue; }
          var j = i, text = "";
          while (j < u.length && u[j].han) text += u[j++].text;
          var f = { token: text, weight: SYN_WEIGHT, term: -1, offset: 0, slots: covered };
          if (j - i >= 3) {
            f.pairs = [];
            for (var k = i; k + 1 < j; k++) f.pairs.push(u[k].text + u[k + 1].text);
            add(f);
          } else if (j - i === 2 || u.length === 1) add(f);
          i = j;
        }
      });
    });
    return a;
  }

  function wantPartial(terms, a, exact) {
    return exact < PARTIAL_BELOW && a.features.length > 0 && (exact === 0 || terms.length > 1 || a.question);
  }

  /* featureHits: per document the feature's weighted term frequency, best
     field boost and occurrences, and its idf (mirrors Searcher.featureHits). */
  function featureHits(tok) {
    var h = { tf: new Map(), best: new Map(), where: new Map(), order: [], idf: 0 };
    function note(doc, t, b, o) {
      if (!h.tf.has(doc)) { h.order.push(doc); h.tf.set(doc, 0); h.best.set(doc, 0); h.where.set(doc, []); }
      h.tf.set(doc, h.tf.get(doc) + t);
      h.best.set(doc, Math.max(h.best.get(doc), b));
      h.where.get(doc).push(o);
    }
    var r = longRef(list(tok));
    if (r && isPairToken(tok)) {
      var nums = varints(r.top);
      for (var i = 0; i + 2 < nums.length; i += 3) note(nums[i], nums[i + 2] / 2, boostOf(nums[i + 1]), { chunk: nums[i + 1], pos: -1 });
      h.idf = idfOf(r.df);
      return h;
    }
    entries(tok).forEach(function (e) {
      var b = boostOf(e.chunk);
      if (e.pos === null) { note(e.doc, b * e.tf, b, { chunk: e.chunk, pos: -1 }); return; }
      e.pos.forEach(function (p) { note(e.doc, b, b, { chunk: e.chunk, pos: p }); });
    });
    h.idf = idfOf(h.order.length);
    return h;
  }

  /* phraseHits finds a feature: a token, or a run of pairs that must
     follow each other (mirrors Searcher.phraseHits). */
  function phraseHits(f) {
    if (!f.pairs) return featureHits(f.token);
    var parts = f.pairs.map(featureHits), h = { tf: new Map(), best: new Map(), where: new Map(), order: [], idf: 0 };
    parts[0].order.forEach(function (d) {
      var positional = true;
      for (var i = 0; i < parts.length; i++) {
        if (!parts[i].tf.has(d)) return;
        positional = positional && parts[i].where.get(d)[0].pos >= 0;
      }
      if (!positional) {
        var tf = parts[0].tf.get(d), best = parts[0].best.get(d);
        parts.slice(1).forEach(function (p) { tf = Math.min(tf, p.tf.get(d)); best = Math.min(best, p.best.get(d)); });
        h.order.push(d); h.tf.set(d, tf); h.best.set(d, best); h.where.set(d, [{ chunk: parts[0].where.get(d)[0].chunk, pos: -1 }]);
        return;
      }
      parts[0].where.get(d).forEach(function (o) {
        for (var k = 1; k < parts.length; k++) {
          if (!parts[k].where.get(d).some(function (x) { return x.chunk === o.chunk && x.pos === o.pos + k; })) return;
        }
        var b = boostOf(o.chunk);
        if (!h.tf.has(d)) { h.order.push(d); h.tf.set(d, 0); h.best.set(d, 0); h.where.set(d, []); }
        h.tf.set(d, h.tf.get(d) + b);
        h.best.set(d, Math.max(h.best.get(d), b));
        h.where.get(d).push(o);
      });
    });
    h.idf = idfOf(h.order.length);
    return h;
  }
  /* group: the part of a document a chunk belongs to (mirrors group). */
  function group(chunk) { return chunk; }

  /* partialRanked ranks the documents holding part of the query, leaving out
     those in exact (mirrors Searcher.partialRanked). */
  function partialRanked(a, exact) {
    var hits = new Map(), order = [], pairs = [], findable = [], i;
    for (i = 0; i < a.slots; i++) findable.push(false);
    a.features.forEach(function (f) {
      var fh = phraseHits(f), credit = f.term < 0 ? SYN_CREDIT : 1;
      if (fh.order.length) f.slots.forEach(function (sl) { findable[sl] = true; });
      fh.order.forEach(function (d) {
        if (exact.has(d)) return;
        var h = hits.get(d);
        if (!h) {
          h = { doc: d, score: 0, credit: findable.map(function () { return 0; }), chunks: new Map(), groups: new Map(), run: 0 };
          hits.set(d, h); order.push(d);
        }
        h.score += f.weight * score(fh.idf, fh.tf.get(d), fh.best.get(d));
        f.slots.forEach(function (sl) { h.credit[sl] = Math.max(h.credit[sl], credit); });
        fh.where.get(d).forEach(function (o) {
          if (o.chunk < 0) return;
          h.chunks.set(o.chunk, (h.chunks.get(o.chunk) || 0) + f.weight * fh.idf);
          var g = h.groups.get(group(o.chunk));
          if (!g) { g = findable.map(function () { return 0; }); h.groups.set(group(o.chunk), g); }
          f.slots.forEach(function (sl) { g[sl] = Math.max(g[sl], credit); });
        });
      });
      if (f.term >= 0 && isPairToken(f.token)) pairs.push({ term: f.term, offset: f.offset, where: fh.where });
    });
    // Runs: query pairs at consecutive offsets found at consecutive
    // positions of one chunk.
    var at = new Map();
    pairs.forEach(function (p) { at.set(p.term + ":" + p.offset, p.where); });
    pairs.forEach(function (p) {
      p.where.forEach(function (occs, d) {
        var h = hits.get(d);
        if (!h) return;
        occs.forEach(function (o) {
          if (o.pos < 0) return;
          var n = 1, next;
          while ((next = at.get(p.term + ":" + (p.offset + n))) && (next.get(d) || []).some(function (x) { return x.chunk === o.chunk && x.pos === o.pos + n; })) n++;
          h.run = Math.max(h.run, n);
        });
      });
    });
    var total = 0;
    a.features.slice(0, a.slots).forEach(function (f, sl) { if (findable[sl]) total += f.weight; });
    function shareOf(credit) {
      var covered = 0;
      credit.forEach(function (c, sl) { covered += c * a.features[sl].weight; });
      return total === 0 ? 0 : covered / total;
    }
    var ranked = [], top = 0;
    order.forEach(function (d) {
      var h = hits.get(d), share = shareOf(h.credit), together = 0;
      h.groups.forEach(function (g) { together = Math.max(together, shareOf(g)); });
      var sc = h.score * share * share * (1 + RUN_BONUS * Math.max(h.run - 1, 0)) * (1 + SECTION_BONUS * together);
      top = Math.max(top, sc);
      ranked.push({ doc: d, score: sc, best: { chunk: bestChunk(h.chunks) }, check: false, partial: true });
    });
    ranked.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    var n = 0;
    while (n < ranked.length && ranked[n].score >= MIN_SHARE * top) n++;
    return ranked.slice(0, n);
  }

  /* bestChunk: the chunk a partial result links to (mirrors bestChunk). */
  function bestChunk(chunks) {
    var best = -1, bestV = 0;
    chunks.forEach(function (v, c) {
      var k = kind(c);
      if (k !== 3 && k !== 4) return;
      if (v > bestV || (v === bestV && c < best)) { best = c; bestV = v; }
    });
    return best;
  }

  /* partialSnippet: about SNIPPET characters around the densest cluster of
     the features' tokens, every token in it marked (mirrors partialSnippet). */
  function partialSnippet(text, folded, fs) {
    var rt = Array.from(text), rf = Array.from(folded), occs = [];
    function index(q, from) {
      outer: for (var i = from; i + q.length <= rf.length; i++) {
        for (var k = 0; k < q.length; k++) if (rf[i + k] !== q[k]) continue outer;
        return i;
      }
      return -1;
    }
    function whole(i, n) { return (i === 0 || !isWord(rf[i - 1])) && (i + n === rf.length || !isWord(rf[i + n])); }
    fs.forEach(function (f) {
      var q = Array.from(f.token);
      for (var i = index(q, 0); i >= 0; i = index(q, i + 1))
        if (q.length > 1 || !isWord(q[0]) || whole(i, q.length)) occs.push({ at: i, end: i + q.length, w: f.weight });
    });
    occs.sort(function (x, y) { return x.at - y.at; });
    var start = 0, bestW = -1, first = 0;
    occs.forEach(function (c) {
      var s = Math.max(0, c.at - LEAD), w = 0;
      occs.forEach(function (o) { if (o.at >= s && o.end <= s + SNIPPET) w += o.w; });
      if (w > bestW) { start = s; bestW = w; first = c.at; }
    });
    while (start > 0 && start < first && isWord(rt[start - 1]) && isWord(rt[start])) start++; // not inside a word
    var end = Math.min(rt.length, start + SNIPPET), marks = [];
    occs.forEach(function (o) { if (o.at >= start && o.end <= end) marks.push([o.at - start, o.end - start]); });
    marks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    return clip(rt, start, end, marks);
  }

  function idfOf(df) { return Math.log(1 + (meta.n - df + 0.5) / (df + 0.5)); }
  function score(idf, tf, bestBoost) { return idf * tf * (K1 + 1) / (tf + K1) + 0.5 * idf * bestBoost; }

  /* pairTop: for a query of one pair with a long list, the best documents
     kept in its posting file ({list: [{doc, score, best, check}], df}), or
     null. Mirrors Searcher.pairTop. */
  function pairTop(terms) {
    if (terms.length !== 1 || terms[0].units.length !== 2 || !terms[0].units[0].han || !terms[0].units[1].han) return null;
    var r = longRef(list(terms[0].units[0].text + terms[0].units[1].text));
    if (!r) return null;
    var idf = idfOf(r.df), nums = varints(r.top), out = [];
    for (var i = 0; i + 2 < nums.length; i += 3) {
      var chunk = nums[i + 1];
      out.push({ doc: nums[i], score: score(idf, nums[i + 2] / 2, boostOf(chunk)), best: { chunk: chunk }, check: false, hints: null, partial: false });
    }
    return { list: out, df: r.df };
  }

  /* useMeta takes the index's meta file: sizes, folding, stop words and
     synonyms. */
  function useMeta(m) {
    meta = m;
    // Byte ranges from a web server; whole files from file:// and in a
    // single-file bundle (whose pages are routes).
    ranges = /^https?:$/.test(location.protocol) && typeof fetch === "function" && typeof window.zhkbRoutes !== "string";
    var f = Array.from(m.fold);
    for (var i = 0; i + 1 < f.length; i += 2) fold[f[i]] = f[i + 1];
    setWords(m.stop, m.ask, m.syn);
  }

  /* The search box: a combobox with a listbox whose options are the links
     to the results. */
  function ui(form) {
    var input = form.querySelector("input[type=search]"), list = form.querySelector("[role=listbox]");
    var panel = form.querySelector(".search-panel"), status = form.querySelector("[aria-live]");
    var more = form.querySelector(".search-more"), note = form.querySelector(".search-note");
    var startHere = form.querySelector(".search-start");
    var ready = null, seq = 0, timer = 0, active = -1, shown = PAGE, lastQ = "";
    var root = form.getAttribute("data-root") || "", ui = form.dataset;
    base = form.getAttribute("data-index");
    function init() {
      if (!ready) ready = load("meta").then(function (m) {
        if (!m) { ready = null; throw new Error(ui.error || "search index not found"); }
        useMeta(m);
      });
      return ready;
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
    function close() { hideAll(); status.textContent = ""; }
    function show(res, q) {
      list.textContent = ""; active = -1;
      list.classList.remove("stale"); list.removeAttribute("aria-busy");
      res.results.forEach(function (r, i) {
        var a = document.createElement("a");
        a.id = "zhkb-result-" + i; a.setAttribute("role", "option"); a.setAttribute("aria-selected", "false");
        a.href = href(r.url); a.tabIndex = -1;
        if (!r.exact) a.className = "partial";
        var t = document.createElement("span"); t.className = "result-title"; t.textContent = r.title; a.appendChild(t);
        if (r.heading) { var h = document.createElement("span"); h.className = "result-heading"; h.textContent = r.heading; a.appendChild(h); }
        var s = document.createElement("span"), at = 0, chars = Array.from(r.snippet);
        s.className = "result-snippet";
        r.marks.forEach(function (m) {
          s.appendChild(document.createTextNode(chars.slice(at, m[0]).join("")));
          var mark = document.createElement("mark"); mark.textContent = chars.slice(m[0], m[1]).join(""); s.appendChild(mark);
          at = m[1];
        });
        s.appendChild(document.createTextNode(chars.slice(at).join("")));
        a.appendChild(s); list.appendChild(a);
      });
      var found = res.results.length > 0;
      status.textContent = found ? (ui.count || "{n}").replace("{n}", res.total) : (ui.none || "0").replace("{q}", q);
      list.hidden = !found;
      if (note) note.hidden = !found || res.exact > 0;
      if (startHere) startHere.hidden = found;
      input.setAttribute("aria-expanded", found ? "true" : "false");
      if (more) more.hidden = !found || res.results.length >= res.total;
      form.setAttribute("data-shown", q); // the query whose results are on show
      fit();
    }
    function run() {
      var q = input.value.trim(), my = ++seq;
      if (!q) { close(); lastQ = ""; return; }
      // The previous query's results are not left on show while this one loads.
      if (q !== lastQ) hideAll();
      lastQ = q;
      init().then(function () { return search(q, shown); }).then(function (res) {
        if (my === seq) show(res, q);
      }).catch(function (e) { if (my === seq) { hideAll(); status.textContent = ui.error || String(e.message || e); } });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer); shown = PAGE;
      // Results of the text before this keystroke are stale: not to be followed.
      if (!list.hidden) { list.classList.add("stale"); list.setAttribute("aria-busy", "true"); }
      timer = setTimeout(run, 80);
    });
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
    var form = document.querySelector("form[data-index]");
    base = form.getAttribute("data-index");
    return load("meta").then(function (m) {
      useMeta(m);
      return search(q, limit || 10);
    });
  };
  function start() { var f = document.querySelector("form[data-index]"); if (f) ui(f); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
