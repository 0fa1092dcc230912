/* zhkb search engine: answers queries from the files of an index that
   internal/search writes (its format: index.go), with no DOM of its own;
   io loads the files. The search box (box.js) runs it in pages, and
   internal/search/searchtest in node, so that tests and pages run one
   planner. */
(function (root) {
  "use strict";
  /* FORMAT is the index format this engine reads (search.FormatVersion). */
  var FORMAT = 5;

  /* zhkbEngine returns an engine reading an index through io: io.load(name)
     resolves to a whole file's data (null if it is missing), io.span(name,
     start, end, signal) to bytes start…end of a file as text (stopped
     when the AbortSignal signal, if any, aborts); io.ranges tells
     whether to read by ranges (from a web server) or whole files only
     (from file://, in a single-file bundle, and from a host that ignores
     ranges: io may find that out and turn io.ranges off as it goes). */
  root.zhkbEngine = function (io) {
    var HAN = /\p{Script=Han}/u, WORD = /[\p{L}\p{N}]/u;
    /* Shared with the index writer, from the meta file: field boosts
       (title, tags, description, heading, body), BM25's k1 and the digits. */
    var BOOST, K1, DIGIT;
    /* The planner's own: snippet length, text checks and batches. */
    var SNIPPET = 80, MAX_CHECKS = 8, MAX_BATCH = 32;
    /* Partial matching. */
    var PARTIAL_BELOW = 5, STOP_PAIR = 0.25, SINGLE = 0.5, SYN_WEIGHT = 0.5, SYN_CREDIT = 0.5, RUN_BONUS = 0.1, SECTION_BONUS = 1, MIN_SHARE = 0.15;
    /* The floor a partial match must clear to be shown: a fifth of what the
       query asks in what the document is about (its title, tags and
       keywords, description), or a third of it anywhere. Below it, a
       query is better told that the site has nothing on it. (Measured on
       readers' questions the knowledge base answers and on ones it cannot:
       bench/questions.) */
    var ABOUT_FLOOR = 0.2, COVER_FLOOR = 0.35, SUBJECT_BONUS = 1;
    var LEAD = Math.floor(SNIPPET / 8);

    /* Loading. files holds the files loaded whole. */
    var files = {}, loads = {};
    function byRanges() { return !!io.ranges; }
    function load(name) {
      if (!loads[name]) {
        loads[name] = io.load(name).then(function (d) { files[name] = d; return d; }, function () { files[name] = null; return null; });
      }
      return loads[name];
    }
    /* element resolves to element i of a file that is an array, at bytes
       start…end of it: from the whole file if it is loaded (or ranges are
       not used), else by its range. */
    function element(name, i, start, end) {
      if (name in files || !byRanges()) return load(name).then(function (a) { return a ? a[i] : null; });
      return io.span(name, start, end).then(function (t) { return JSON.parse(t); }).catch(function () { return null; });
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

    /* decode expands a posting list: entries {doc, chunk, tf, pos}. */
    function decode(code, positional) {
      var out = [], i;
      if (code.charCodeAt(0) === 33) { // "!": documents, as differences
        var doc0 = 0;
        varints(code.slice(1)).forEach(function (g) { doc0 += g; out.push({ doc: doc0, chunk: -1, tf: 1, pos: null }); });
        return out;
      }
      if (code.charCodeAt(0) === 94) { // "^": every document but these, as differences
        var skip = new Set(), m = 0;
        varints(code.slice(1)).forEach(function (g) { m += g; skip.add(m); });
        for (i = 0; i < meta.n; i++) if (!skip.has(i)) out.push({ doc: i, chunk: -1, tf: 1, pos: null });
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

    /* Where things are: bucket k of shard s is element k % buckets of
       p/s, document d's record is in t/f (docFile) at byte docStart, recLen
       bytes long, and its blocks follow it, regLen bytes in all with it. An
       element starts right after its file's prefix zhkbSearch("name",[ or
       after the comma ending the one before; lengths are in the meta file. */
    var bucketAt = [], docFile, docStart, recLen, regLen, docFirst = [];
    function prefixLength(name) { return new TextEncoder().encode('zhkbSearch("' + name + '",[').length; }
    /* bucketStarts: where each bucket of a shard starts, and after them
       where one more would (bucket j ends a comma before bucket j + 1). */
    function bucketStarts(shard) {
      if (!bucketAt[shard]) bucketAt[shard] = starts(prefixLength("p/" + shard), varints(meta.bl[shard]), 1);
      return bucketAt[shard];
    }
    /* starts: the offsets of elements of lengths lens from at on, sep
       bytes apart, and the offset after the last. */
    function starts(at, lens, sep) {
      var out = [at];
      lens.forEach(function (l) { at += l + sep; out.push(at); });
      return out;
    }
    function docTables(m) {
      var perFile = varints(m.tf), lens = varints(m.tl), d = 0;
      docFile = new Int32Array(m.n); docStart = new Float64Array(m.n); recLen = new Int32Array(m.n); regLen = new Float64Array(m.n);
      perFile.forEach(function (count, f) {
        docFirst.push(d);
        var at = prefixLength("t/" + f);
        for (var k = 0; k < count; k++, d++) {
          docFile[d] = f; docStart[d] = at; recLen[d] = lens[2 * d]; regLen[d] = lens[2 * d + 1];
          at += regLen[d] + 1;
        }
      });
    }

    /* Documents: {url, title, tags, desc, sections: [{heading, anchor, has,
       blocks}], lens: [block byte lengths], blocks: [text, as loaded]}. A
       whole index loads them all on init; from file:// a document comes
       with its t/ file, read whole; by ranges (its URL and title known from
       d.js), a short document (record and
       blocks at most SMALL_DOC bytes) is read at once, a long one's record
       first and then the blocks it shows. */
    var SMALL_DOC = 8192;
    function parseRecord(a, d) {
      var r = { url: docURL[d] || "", title: docTitle[d] || "", tags: "", desc: "", sections: [], lens: [], blocks: [] };
      if (!a || a.length < 4) return r;
      r.tags = a[0]; r.desc = a[1]; r.lens = varints(a[3]);
      for (var k = 0; k + 2 < a[2].length; k += 3) {
        var h = a[2][k], an = a[2][k + 1];
        if (typeof an === "number") an = h.split(" ").join("-") + (an > 0 ? "-" + an : "");
        r.sections.push({ heading: h, anchor: an, has: h !== "", blocks: a[2][k + 2] });
      }
      return r;
    }
    /* splitDocs cuts a t/ file's elements into its documents, the first
       numbered d. */
    function splitDocs(arr, d) {
      var out = [];
      for (var i = 0; i < arr.length;) {
        var r = parseRecord(arr[i], d + out.length);
        r.blocks = arr.slice(i + 1, i + 1 + r.lens.length);
        out.push(r);
        i += 1 + r.lens.length;
      }
      return out;
    }
    var fileDocs = {};
    function docsOfFile(f) {
      if (!fileDocs[f]) fileDocs[f] = load("t/" + f).then(function (arr) { return splitDocs(arr || [], docFirst[f]); });
      return fileDocs[f];
    }
    /* once loads what start(signal) resolves to once, kept in cache under
       key, for every query that wants it (sig: the wanting query's
       AbortSignal, if it has one). A load still under way when all the
       queries that wanted it are given up is an orphan: the query that
       replaced them usually wants it too (a reader types on, and the
       documents of the longer text are among those of the shorter), so it
       is stopped and forgotten only when that query has asked for what it
       wants without it (sweep). */
    var orphans = [];
    function once(cache, key, start, sig) {
      var e = cache.get(key);
      if (!e) {
        var ctrl = typeof AbortController === "function" ? new AbortController() : null;
        e = { users: 0, done: false, ctrl: ctrl };
        e.promise = start(ctrl ? ctrl.signal : undefined);
        e.promise.then(function () { e.done = true; });
        cache.set(key, e);
      }
      e.users++;
      if (sig && !e.done) {
        sig.addEventListener("abort", function () {
          if (--e.users === 0 && !e.done) orphans.push({ cache: cache, key: key, e: e });
        });
      }
      return e.promise;
    }
    function sweep() {
      orphans.forEach(function (o) {
        if (o.e.users > 0 || o.e.done || o.cache.get(o.key) !== o.e) return;
        o.cache.delete(o.key);
        if (o.e.ctrl) o.e.ctrl.abort();
      });
      orphans = [];
    }
    var records = new Map();
    function loadRecord(d, sig) {
      return once(records, d, function (signal) {
        var f = docFile[d], name = "t/" + f, p;
        if (name in files || !byRanges()) p = docsOfFile(f).then(function (ds) { return ds[d - docFirst[f]] || null; });
        else if (regLen[d] <= SMALL_DOC) p = io.span(name, docStart[d], docStart[d] + regLen[d], signal).then(function (t) {
          var a = JSON.parse("[" + t + "]"), r = parseRecord(a[0], d);
          r.blocks = a.slice(1);
          return r;
        });
        else p = io.span(name, docStart[d], docStart[d] + recLen[d], signal).then(function (t) { return parseRecord(JSON.parse(t), d); });
        return p.catch(function () { return null; });
      }, sig);
    }
    /* loadBlock resolves to block b of document d, whose record r is loaded. */
    function loadBlock(d, r, b, sig) {
      if (b >= r.lens.length) return Promise.resolve("");
      if (typeof r.blocks[b] === "string") return Promise.resolve(r.blocks[b]);
      r.loads = r.loads || new Map();
      return once(r.loads, b, function (signal) {
        var at = docStart[d] + recLen[d] + 1;
        for (var i = 0; i < b; i++) at += r.lens[i] + 1;
        return io.span("t/" + docFile[d], at, at + r.lens[b], signal).then(function (s) {
          r.blocks[b] = JSON.parse(s);
          return r.blocks[b];
        }).catch(function () { return ""; });
      }, sig);
    }
    var allDocs = null; // a whole index's documents, in order
    function loadAll() {
      var fs = [];
      for (var f = 0; f < docFirst.length; f++) fs.push(docsOfFile(f));
      return Promise.all(fs).then(function (per) {
        allDocs = [];
        per.forEach(function (ds) { ds.forEach(function (r) { records.set(allDocs.length, { promise: Promise.resolve(r), done: true }); allDocs.push(r); }); });
      });
    }

    /* Buckets of posting lists (an index read by ranges): k → Map(token
       → list), once loaded. */
    var buckets = new Map(), bucketLoads = new Map();
    function loadBucket(k) {
      if (bucketLoads.has(k)) return bucketLoads.get(k);
      var shard = Math.floor(k / meta.buckets), j = k % meta.buckets, name = "p/" + shard;
      var at = bucketStarts(shard);
      var p = element(name, j, at[j], at[j + 1] - 1).then(function (str) {
        var m = new Map();
        (str || "").split(",").forEach(function (e) { var i = e.indexOf(" "); if (i > 0) m.set(e.slice(0, i), e.slice(i + 1)); });
        buckets.set(k, m);
        return m;
      });
      bucketLoads.set(k, p);
      return p;
    }
    /* loadTokens loads the buckets of tokens, all at once. */
    function loadTokens(toks) {
      if (whole) return Promise.resolve();
      var need = {};
      toks.forEach(function (tok) { need[bucketOf(tok)] = 1; });
      return Promise.all(Object.keys(need).map(function (k) { return loadBucket(+k); }));
    }
    function bucket(tok) { return buckets.get(bucketOf(tok)) || new Map(); }
    function list(tok) { return whole ? undefined : bucket(tok).get(tok); }
    /* A long list's reference: "@df:top:set:F:start:span:q:lens", the
       number of documents holding the pair, its best documents (varints of
       document, chunk to show and twice the weighted frequency), the set of
       all (see decode), and its segments: in P/F from byte start on, of
       lengths lens times q (padded with "."), each of span documents. */
    function longRef(code) {
      if (typeof code !== "string" || code.charAt(0) !== "@") return null;
      var p = code.slice(1).split(":");
      if (p.length !== 8) return null;
      return { key: code, df: parseInt(p[0], 10), top: p[1], set: p[2], file: parseInt(p[3], 10), start: parseInt(p[4], 10), span: Math.max(1, parseInt(p[5], 10) || 1), q: Math.max(1, parseInt(p[6], 10) || 1), lens: p[7] };
    }
    /* longDocs: the documents holding a long list's pair, as entries with no
       chunk. */
    var longSets = new Map(), longSegs = new Map();
    function longDocs(r) {
      if (!longSets.has(r.key)) longSets.set(r.key, decode(r.set, false));
      return longSets.get(r.key);
    }
    /* bySegments: long lists are read by segments, by ranges from a web
       server; from whole files the text is checked instead. */
    function bySegments(longs) {
      if (!byRanges() || !longs || !longs.length) return false;
      return longs.every(function (l) { return !l.ref || !(("P/" + l.ref.file) in files); });
    }
    /* longSegment resolves to the entries of the segment of a long list
       that holds document d. */
    var segStarts = new Map(); // long list → where its segments start
    function longSegment(r, d, sig) {
      var k = Math.floor(d / r.span);
      if (!segStarts.has(r.key)) segStarts.set(r.key, starts(r.start, varints(r.lens).map(function (l) { return l * r.q; }), 0));
      var at = segStarts.get(r.key);
      return once(longSegs, r.key + "#" + k, function (signal) {
        var p = k + 1 < at.length ? io.span("P/" + r.file, at[k], at[k + 1], signal).catch(function () { return ""; }) : Promise.resolve("");
        return p.then(function (seg) {
          var es = decode(seg.replace(/\.+$/, ""), true);
          es.forEach(function (e) { e.doc += k * r.span; });
          return es;
        });
      }, sig);
    }
    /* phraseChunks resolves to the chunks of document d where the pairs
       pins ({ref, offset}: a long list, read by segment; or {entries,
       offset}: a list in its bucket) are as far apart as in their term, in
       order. */
    function phraseChunks(pins, d, sig) {
      return Promise.all(pins.map(function (l) { return l.ref ? longSegment(l.ref, d, sig) : Promise.resolve(l.entries); })).then(function (segs) {
        var found = segs.map(function (es) { return es.filter(function (e) { return e.doc === d; }); }), out = [];
        found[0].forEach(function (e) {
          for (var j = 0; e.pos && j < e.pos.length; j++) {
            var start = e.pos[j] - pins[0].offset, all = true;
            for (var i = 1; i < pins.length && all; i++) {
              all = found[i].some(function (o) { return o.chunk === e.chunk && !!o.pos && o.pos.indexOf(start + pins[i].offset) >= 0; });
            }
            if (all) { out.push(e.chunk); return; }
          }
        });
        return out;
      });
    }

    /* In a whole index, a token's entries are found in the text: each
       chunk is folded and cut into units as the writer cuts it. */
    var chunkUnits = new Map(); // doc → [{code, units}]
    function unitsOf(d) {
      if (chunkUnits.has(d)) return chunkUnits.get(d);
      var r = allDocs[d], out = [], texts = [[0, r.title], [2, r.tags], [4, r.desc]], n = 3, b = 0;
      r.sections.forEach(function (sec) {
        if (sec.has) texts.push([n++ * 2 + 1, sec.heading]);
        for (var k = 0; k < sec.blocks; k++) texts.push([n++ * 2, r.blocks[b++] || ""]);
      });
      texts.forEach(function (x) { out.push({ code: x[0], units: tokenize(foldString(x[1])) }); });
      chunkUnits.set(d, out);
      return out;
    }
    var MAX_WORD = 40; // longer words are not indexed (maxWordLen)
    function found(tok) {
      var cs = Array.from(tok), han = HAN.test(cs[0]), pair = han && cs.length === 2, out = [];
      for (var d = 0; d < allDocs.length; d++) {
        unitsOf(d).forEach(function (c) {
          var u = c.units, pos = [];
          for (var i = 0; i < u.length; i++) {
            if (pair) {
              if (u[i].text === cs[0] && i + 1 < u.length && u[i + 1].text === cs[1] && u[i + 1].pos === u[i].pos + 1) pos.push(u[i].pos);
            } else if (u[i].text === tok && (han || Array.from(tok).length <= MAX_WORD)) pos.push(u[i].pos);
          }
          if (pos.length) out.push({ doc: d, chunk: c.code, tf: pos.length, pos: han && !pair ? null : pos });
        });
      }
      return out;
    }
    function wordsWith(prefix) {
      var seen = {};
      for (var d = 0; d < allDocs.length; d++) {
        unitsOf(d).forEach(function (c) {
          c.units.forEach(function (u) { if (!u.han && u.text.indexOf(prefix) === 0 && Array.from(u.text).length <= MAX_WORD) seen[u.text] = 1; });
        });
      }
      return Object.keys(seen);
    }

    var decoded = new Map(); // token → entries, for later queries (read-only)
    function entries(tok) {
      if (decoded.has(tok)) return decoded.get(tok);
      var es;
      if (whole) es = found(tok);
      else {
        var code = list(tok);
        if (code === undefined) return [];
        if (longRef(code)) return []; // a long list: see termMatches
        es = decode(code, !(isHan(tok) && Array.from(tok).length === 1));
      }
      decoded.set(tok, es);
      return es;
    }
    function wordEntries(w, prefix) {
      if (!prefix || Array.from(w).length < 2) return entries(w);
      var out = [], toks = whole ? wordsWith(w) : Array.from(bucket(w).keys()).filter(function (tok) { return tok.indexOf(w) === 0 && !isHan(tok); });
      toks.sort().forEach(function (tok) { out = out.concat(entries(tok)); });
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
       entries, or, for a pair whose list is not kept, the pair dropped
       until needed. */
    function lookup(tok, offset) {
      if (isPair(tok)) {
        var r = longRef(list(tok));
        if (r) return { entries: [], offset: offset, width: 2, loose: false, token: tok, ref: r, dropped: true };
      }
      var es = entries(tok);
      return { entries: es, offset: offset, width: isHan(tok) ? Array.from(tok).length : 1, loose: isSingle(tok) || positionless(es) };
    }

    /* termTokens lists the tokens a term is looked up by: every pair of each
       run of Han characters (a lone character by itself), and its words. */
    function termTokens(t) {
      var u = t.units, out = [];
      for (var i = 0; i < u.length; i++) {
        if (!u[i].han) out.push(u[i].text);
        else if (i + 1 < u.length && u[i + 1].han) out.push(u[i].text + u[i + 1].text);
        else if (i === 0 || !u[i - 1].han) out.push(u[i].text);
      }
      return out;
    }
    /* plan lists the constraints of a term (its buckets loaded): every pair
       of each run of Han characters, each word (the last one as a prefix),
       and lone characters. */
    function plan(t) {
      var u = t.units, cs = [], i, j;
      function word(w, offset, prefix) {
        var es = wordEntries(w, prefix);
        cs.push({ entries: es, offset: offset, width: 1, loose: positionless(es) });
      }
      if (u.length === 1) {
        if (u[0].han) cs.push(lookup(u[0].text, 0)); else word(u[0].text, 0, true);
        return cs;
      }
      for (i = 0; i < u.length;) {
        if (!u[i].han) { word(u[i].text, i, i === u.length - 1); i++; continue; }
        for (j = i; j < u.length && u[j].han; j++);
        if (j - i === 1) cs.push(lookup(u[i].text, i));
        else for (var k = i; k + 1 < j; k++) cs.push(lookup(u[k].text + u[k + 1].text, k));
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
      // Each constraint's entries: a byte per document (1: the document,
      // 2: some of its chunks), and those chunks in a set; a list of a pair
      // in most documents is thousands of entries, which a set of numbers
      // too large for small integers holds slowly.
      var size = 0;
      cs.forEach(function (c) { c.entries.forEach(function (e) { if (e.doc >= size) size = e.doc + 1; }); });
      var has = cs.map(function (c) {
        var byDoc = new Uint8Array(size), chunks = new Set();
        c.entries.forEach(function (e) {
          if (e.chunk < 0) byDoc[e.doc] |= 1;
          else { byDoc[e.doc] |= 2; chunks.add(key(e.doc, e.chunk)); }
        });
        return function (doc, chunk) { var b = byDoc[doc]; return (b & 1) !== 0 || ((b & 2) !== 0 && chunks.has(key(doc, chunk))); };
      });
      cs[driver].entries.forEach(function (e) {
        for (var i = 0; i < cs.length; i++) if (!has[i](e.doc, e.chunk)) return;
        ms.push({ doc: e.doc, chunk: e.chunk, pos: -1, tf: e.tf });
      });
      return { ms: ms, needText: several && ms.length > 0 };
    }

    /* docsOfRarest puts the set of documents holding the dropped pair in the
       fewest documents in its place; null when none is dropped. */
    function docsOfRarest(cs) {
      var best = -1;
      cs.forEach(function (c, i) { if (c.dropped && (best < 0 || c.ref.df < cs[best].ref.df)) best = i; });
      if (best < 0) return null;
      var c = cs[best];
      c.entries = longDocs(c.ref); c.loose = true; c.dropped = false;
      return true;
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
       term. */
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
    /* rarestLongs: the long lists of a term's two rarest common pairs,
       rarest first, with their offsets. */
    function rarestLongs(cs) {
      var out = [];
      cs.forEach(function (c) { if (c.ref) out.push({ ref: c.ref, offset: c.offset }); });
      out.sort(function (a, b) { return a.ref.df - b.ref.df; }); // stable
      return out.slice(0, 2);
    }
    /* termMatches returns every place a term occurs: the phrase pinned by
       positions where its constraints have them; while too many
       candidates are left to check in the text, the sets of documents of
       the common pairs, rarest first, narrow them. t.longs keeps the two
       rarest common pairs, for estimates. */
    function termMatches(t, cs) {
      if (!active(cs)) docsOfRarest(cs);
      var r = matchPlanned(t, cs);
      while (r.open && distinctDocs(r.ms) > MAX_CHECKS && docsOfRarest(cs)) r = matchPlanned(t, cs);
      t.longs = rarestLongs(cs);
      t.cover = coverOf(t, cs);
      return r;
    }
    /* coverOf: for a term of Han characters only, pairs whose positions
       pin every unit of it (at offsets 0, 2, 4… and the last pair), as
       {ref, offset} for a long list and {entries, offset} for one in its
       bucket; null for other terms. */
    function coverOf(t, cs) {
      var n = t.units.length, at = {}, out = [];
      if (n < 2 || !t.units.every(function (u) { return u.han; })) return null;
      cs.forEach(function (c) { if (c.width === 2) at[c.offset] = c; });
      for (var k = 0; k < n; k += 2) {
        var c = at[Math.min(k, n - 2)];
        if (!c) return null;
        out.push(c.ref ? { ref: c.ref, offset: c.offset } : { entries: c.entries, offset: c.offset });
      }
      return out;
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
    /* text resolves to the text of a chunk of document d (record r),
       loading a block's. */
    function text(d, r, code, sig) {
      var k = kind(code);
      if (k === 0) return Promise.resolve(r.title);
      if (k === 1) return Promise.resolve(r.tags);
      if (k === 2) return Promise.resolve(r.desc);
      var p = place(r, code);
      if (p[0] < 0) return Promise.resolve("");
      if (p[1] < 0) return Promise.resolve(r.sections[p[0]].heading);
      return loadBlock(d, r, p[1], sig);
    }

    /* chunkToShow: of chunks that hold a term, the one findTerm would choose. */
    function chunkToShow(cs) {
      return cs.slice().sort(function (a, b) { return boostOf(b) - boostOf(a) || a - b; })[0];
    }
    /* findTerm resolves to the chunk of document d (record r) that holds t,
       among codes (all of its chunks when codes is null or holds -1),
       preferring the title, headings, tags, description and text, and among
       texts the first; -1 if none. Chunks are read a few at a time, in that
       order, twice as many each time: the first usually holds it. */
    function findTerm(d, r, t, cs, sig) {
      cs = (cs && cs.indexOf(-1) < 0 ? cs : codes(r)).map(function (c, i) { return [c, i]; });
      cs.sort(function (a, b) { return boostOf(b[0]) - boostOf(a[0]) || a[0] - b[0] || a[1] - b[1]; });
      function from(at, n) {
        if (at >= cs.length) return Promise.resolve(-1);
        var group = cs.slice(at, at + n);
        return Promise.all(group.map(function (c) { return text(d, r, c[0], sig); })).then(function (txs) {
          for (var i = 0; i < txs.length; i++) if (foldString(txs[i]).indexOf(t.text) >= 0) return group[i][0];
          return from(at + n, 2 * n);
        });
      }
      return from(0, 1);
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
       best, check, hints, partial}) of query qy ({terms, fs: the features
       of partial matching, signal}); null when a match to check is not in the
       text, or when the query was given up. Its record loads with the
       segments of long lists that say which of its chunks to check (its
       record at the same time if eager, else once they proved it holds
       the query), then the text of those chunks. */
    function result(d, qy, decided, eager) {
      var terms = qy.terms, fs = qy.fs;
      var chunk = d.best.chunk, where = {}, proven = {};
      // A match its posting lists prove is certain before its record
      // loads: shown at once, by the title and URL d.js gives, its section
      // and snippet to come ("unplaced").
      function certain() {
        if (!decided) return;
        decided({ doc: d.doc, url: docURL[d.doc] || "", title: docTitle[d.doc] || "", heading: "", exact: true, score: d.score, snippet: "", marks: [], unplaced: true });
        decided = null;
      }
      function none() {
        if (decided) decided(null);
        return null;
      }
      if (!d.partial && !d.check) certain();
      /* Where a term is to be checked, or known by document only, the
         positions of pairs that cover every unit of it prove where it is
         (the segments of long lists read for them, all terms at once); for
         a term with words or lone characters, those of its two rarest
         common pairs say which chunks to check, and a document where they
         are not as in the term is dropped without checking its text. */
      function locate() {
        if (d.partial) return Promise.resolve(true);
        return Promise.all(terms.map(function (tm, t) {
          var cs = d.hints && d.hints[t], ok = !!cs;
          var anywhere = (ok && cs.indexOf(-1) >= 0) || (t === 0 && !ok && chunk < 0);
          var proof = (ok || anywhere) && bySegments(tm.cover);
          if (proof || (anywhere && bySegments(tm.longs))) {
            return phraseChunks(proof ? tm.cover : tm.longs, d.doc, qy.signal).then(function (found) {
              if (!found.length) return false;
              if (proof) proven[t] = chunkToShow(found); else where[t] = found;
              return true;
            });
          }
          if (ok) where[t] = cs;
          return true;
        })).then(function (oks) { return oks.every(Boolean); });
      }
      var record = eager || d.partial ? loadRecord(d.doc, qy.signal) : null;
      return locate().then(function (ok) {
        if (!ok || given(qy)) return null;
        if (!d.partial && !Object.keys(where).length) certain(); // every term proven, or needing no check
        return record || loadRecord(d.doc, qy.signal);
      }).then(function (r) {
        if (!r || given(qy)) return none();
        var checks = d.partial ? [] : terms.map(function (t, i) { return i in proven ? proven[i] : where[i] ? findTerm(d.doc, r, t, where[i], qy.signal) : null; });
        return Promise.all(checks).then(function (found) {
          for (var i = 0; i < found.length; i++) {
            if (found[i] === null) continue;
            if (found[i] < 0) return null; // not in the text after all
            if (i === 0) chunk = found[i];
          }
          return !d.partial && chunk < 0 ? findTerm(d.doc, r, terms[0], null, qy.signal) : chunk;
        }).then(function (c) {
          if (c === null) return none();
          chunk = c;
          var out = { doc: d.doc, url: r.url, title: r.title, heading: "", exact: !d.partial, score: d.score };
          if (d.partial) { out.cover = d.cover; out.about = d.about; }
          // A match in the title, tags or description shows the
          // description; one in a heading (shown above the snippet) shows
          // the text under it.
          var shown = 4, p = place(r, chunk);
          if (p[0] >= 0) {
            out.heading = r.sections[p[0]].heading;
            if (r.sections[p[0]].anchor) out.url += "#" + r.sections[p[0]].anchor;
            shown = kind(chunk) === 3 ? firstBlock(r, p[0]) : chunk;
          }
          // The result is certain now; only its snippet is to come.
          if (decided) decided({ doc: out.doc, url: out.url, title: out.title, heading: out.heading, exact: out.exact, score: out.score, snippet: "", marks: [] });
          return (shown >= 0 ? text(d.doc, r, shown, qy.signal) : Promise.resolve("")).then(function (tx) {
            var sn = d.partial ? partialSnippet(tx, foldString(tx), fs) : snippet(tx, foldString(tx), terms);
            out.snippet = sn.text; out.marks = sn.marks;
            return out;
          });
        });
      });
    }

    /* batchOf is how many ranked documents from at on to take at once for
       the results still missing: those, and where some must be checked in
       the text (and may fail), up to MAX_CHECKS more; after a batch that
       fell short, twice as many, up to MAX_BATCH. */
    function batchOf(ranked, at, need, prev) {
      var size = Math.max(need, Math.min(2 * (prev || 0), MAX_BATCH));
      if (!prev) for (var i = at; i < Math.min(ranked.length, at + need); i++) if (ranked[i].check) { size = need + MAX_CHECKS; break; }
      return Math.min(size, ranked.length - at);
    }
    var SKIPPED = {}; // a candidate of a batch that was not looked at
    /* provable: the documents of batch hold query qy verbatim, and where
       each term is can be proven by the positions of pairs that cover it
       (read by segment), without reading their text. */
    function provable(batch, qy) {
      return batch.every(function (d) { return !d.partial; }) && qy.terms.every(function (t) { return !!t.cover && bySegments(t.cover); });
    }
    /* confirm turns ranked documents from at on into results until there are
       limit, a batch at a time (see batchOf); resolves to where it stopped.
       also lists documents whose records to load with the first batch (the
       partial matches a query will likely show). */
    function confirm(ranked, at, qy, results, limit, prev, also, early) {
      if (results.length >= limit || at >= ranked.length || given(qy)) return Promise.resolve(at);
      (also || []).forEach(function (d) { loadRecord(d, qy.signal); });
      var need = limit - results.length, batch = ranked.slice(at, at + batchOf(ranked, at, need, prev));
      /* The batch's candidates past the page are there for those of the
         page that fail. Where the page's are proven by their pairs'
         positions, they are decided in the round that reads those: the
         others start then, and only if one failed, instead of sharing
         that round's bandwidth for nothing. */
      var gate = null, open = null, left = need;
      if (batch.length > need && provable(batch, qy)) gate = new Promise(function (res) { open = res; });
      /* early, if given, hears the results as they become certain, before
         their snippets load: each time the run of decided documents from
         the batch's start grows, the certain results of that run. */
      var decided = batch.map(function () { return undefined; }), shown = 0;
      function decide(i, r) {
        if (gate && i < need && (!r || --left === 0)) open(!r);
        if (!early) return;
        decided[i] = r;
        var n = 0;
        while (n < decided.length && decided[n] !== undefined) n++;
        if (n <= shown) return;
        shown = n;
        var list = results.slice();
        for (var k = 0; k < n && list.length < limit; k++) if (decided[k]) list.push(decided[k]);
        if (list.length) early(list);
      }
      return Promise.all(batch.map(function (d, i) {
        var hear = function (r) { decide(i, r); };
        if (!gate || i < need) return result(d, qy, hear, i < need);
        return gate.then(function (failed) { return failed && !given(qy) ? result(d, qy, hear, false) : SKIPPED; });
      })).then(function (rs) {
        rs.forEach(function (r) {
          if (results.length >= limit || r === SKIPPED) return; // skipped: not looked at, for the next batch
          at++;
          if (r) results.push(r);
        });
        return confirm(ranked, at, qy, results, limit, batch.length, null, null);
      });
    }

    /* queryTokens lists every token a query may need: its terms', and the
       features of partial matching (synonyms included), so that an index
       read by ranges loads all their buckets in one round of requests. */
    function queryTokens(terms, a) {
      var out = [];
      terms.forEach(function (t) { out = out.concat(termTokens(t)); });
      a.features.forEach(function (f) { out = out.concat(f.pairs || [f.token]); });
      return out;
    }

    /* search resolves to {results, total, exact}: up to limit hits, best
       first: documents holding every term verbatim, then, when those are
       fewer than a page, documents holding part of the query. It waits for
       at most two rounds of requests: the buckets of every token the query
       may need, then the documents of the first results (more only when
       many candidates fail the text check), and a third for the snippets.
       early, if given, is called with {results, total, exact, early: true}
       as verbatim results become certain, before their snippets (empty
       there) load: a prefix of the results to come, for showing at once.
       signal, if given, is an AbortSignal that gives the query up (a newer
       one replaced it): it stops loading, and loads only it was waiting on
       are stopped, so that the newer one has the network to itself. */
    function search(q, limit, early, signal) {
      var terms = splitTerms(q);
      if (!terms.length) return Promise.resolve({ results: [], total: 0, exact: 0 });
      var a = analyze(terms), qy = { terms: terms, fs: a.features, signal: signal };
      return (whole ? wholeReady : loadTokens(queryTokens(terms, a))).then(function () {
        if (given(qy)) return { results: [], total: 0, exact: 0 };
        // A common pair alone: its best documents are kept with it.
        var top = pairTop(terms), ex;
        if (top && (limit <= top.list.length || top.list.length === top.df)) ex = { ranked: top.list, total: top.df };
        else {
          var ranked = rank(terms.map(function (t) { return termMatches(t, plan(t)); }));
          ex = { ranked: ranked, total: ranked.length };
        }
        // Partial matches likely wanted: their first documents load with the
        // exact ones'.
        var also = [];
        if (ex.ranked.length < limit && wantPartial(terms, a, ex.ranked.length)) {
          var guess = new Set(ex.ranked.map(function (d) { return d.doc; }));
          also = partialRanked(a, guess).slice(0, limit).map(function (d) { return d.doc; });
        }
        var results = [];
        var heard = early ? function (list) { early({ results: list, total: ex.total, exact: ex.total, early: true }); } : null;
        var confirmed = confirm(ex.ranked, 0, qy, results, limit, 0, also, heard);
        sweep(); // what this query has not asked for by now, no query wants
        return confirmed.then(function (at) {
          if (at < ex.ranked.length || ex.total > ex.ranked.length || !wantPartial(terms, a, results.length))
            return { results: results, total: ex.total, exact: ex.total };
          // Confirmed ones only: a candidate whose text lacks a term may still match in part.
          var exact = new Set(results.map(function (r) { return r.doc; })), n = results.length;
          var partial = partialRanked(a, exact);
          return confirm(partial, 0, qy, results, limit, 0, null, null).then(function () {
            return { results: results, total: n + partial.length, exact: n };
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

    /* given: the query was given up (a newer one replaced it): nothing
       more is loaded for it. */
    function given(qy) { return !!(qy.signal && qy.signal.aborted); }

    /* estimates: for the best documents of a common pair, its weighted
       frequency and best boost. */
    function estimates(longs) {
      var out = new Map();
      if (!longs || !longs.length) return out;
      var nums = varints(longs[0].ref.top);
      for (var i = 0; i + 2 < nums.length; i += 3) out.set(nums[i], [nums[i + 2] / 2, boostOf(nums[i + 1])]);
      return out;
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

    /* analyze cuts terms into features. */
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
          var end = f.offset + (isPair(f.token) ? 2 : 1);
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
       field boost and occurrences, and its idf. */
    function featureHits(tok) {
      var h = { tf: new Map(), best: new Map(), where: new Map(), order: [], idf: 0 };
      function note(doc, t, b, o) {
        if (!h.tf.has(doc)) { h.order.push(doc); h.tf.set(doc, 0); h.best.set(doc, 0); h.where.set(doc, []); }
        h.tf.set(doc, h.tf.get(doc) + t);
        h.best.set(doc, Math.max(h.best.get(doc), b));
        h.where.get(doc).push(o);
      }
      var r = longRef(list(tok));
      if (r && isPair(tok)) {
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
       follow each other. */
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
    /* group: the part of a document a chunk belongs to. */
    function group(chunk) { return chunk; }

    /* partialRanked ranks the documents holding part of the query, leaving out
       those in exact. */
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
            h = { doc: d, score: 0, credit: findable.map(function () { return 0; }), subject: findable.map(function () { return 0; }), chunks: new Map(), groups: new Map(), run: 0 };
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
            // The title, tags and keywords, description: what the document
            // is about.
            if (kind(o.chunk) <= 2) f.slots.forEach(function (sl) { h.subject[sl] = Math.max(h.subject[sl], credit); });
          });
        });
        if (f.term >= 0 && isPair(f.token)) pairs.push({ term: f.term, offset: f.offset, where: fh.where });
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
      var total = 0, asked = 0;
      a.features.slice(0, a.slots).forEach(function (f, sl) { asked += f.weight; if (findable[sl]) total += f.weight; });
      function shareOf(credit) {
        var covered = 0;
        credit.forEach(function (c, sl) { covered += c * a.features[sl].weight; });
        return total === 0 ? 0 : covered / total;
      }
      var ranked = [], top = 0;
      order.forEach(function (d) {
        var h = hits.get(d), share = shareOf(h.credit), together = 0;
        h.groups.forEach(function (g) { together = Math.max(together, shareOf(g)); });
        // cover: the part of all the query asks that the document holds,
        // where share leaves out what no document holds.
        var cover = asked === 0 ? 0 : share * total / asked, about = asked === 0 ? 0 : shareOf(h.subject) * total / asked;
        if (about < ABOUT_FLOOR && cover < COVER_FLOOR) return;
        // A document about the query (its title, keywords, description)
        // ranks above ones that merely mention its words.
        var sc = h.score * share * share * (1 + RUN_BONUS * Math.max(h.run - 1, 0)) * (1 + SECTION_BONUS * together) * (1 + SUBJECT_BONUS * about);
        top = Math.max(top, sc);
        ranked.push({ doc: d, score: sc, cover: cover, about: about, best: { chunk: bestChunk(h.chunks) }, check: false, partial: true });
      });
      ranked.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
      var n = 0;
      while (n < ranked.length && ranked[n].score >= MIN_SHARE * top) n++;
      return ranked.slice(0, n);
    }

    /* bestChunk: the chunk a partial result links to. */
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
       the features' tokens, every token in it marked. */
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
       null. */
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

    /* useMeta takes the index's meta file; an index of another format is
       refused (the site must be built again with this engine's zhkb). */
    var whole = false, wholeReady = null;
    var docURL = [], docTitle = [];
    function useMeta(m, d) {
      if (m.v !== FORMAT) throw new Error("search index format " + m.v + ", this engine reads " + FORMAT);
      meta = m;
      BOOST = m.c.boost; K1 = m.c.k1;
      DIGIT = new Int8Array(128).fill(-1);
      for (var i = 0; i < m.c.alphabet.length; i++) DIGIT[m.c.alphabet.charCodeAt(i)] = i;
      var f = Array.from(m.fold);
      for (i = 0; i + 1 < f.length; i += 2) fold[f[i]] = f[i + 1];
      setWords(m.stop, m.ask, m.syn);
      docTables(m);
      docURL = (d && d.url) || []; docTitle = (d && d.title) || [];
      whole = m.mode === "whole";
      if (whole) wholeReady = loadAll();
    }

    var ready = null;
    return {
      /* init loads the index's meta file and its table of documents' URLs
         and titles once (and a whole index's documents); it fails if there
         is no meta file. */
      init: function () {
        if (!ready) ready = Promise.all([load("meta"), load("d")]).then(function (md) {
          var m = md[0];
          if (!m) throw new Error("search index not found");
          useMeta(m, md[1]);
          return wholeReady;
        }).catch(function (e) { ready = null; throw e; });
        return ready;
      },
      /* search resolves to {results, total, exact} for the query q;
         early hears certain results before their snippets; signal gives
         the query up (see search). */
      search: search
    };
  };
})(typeof window !== "undefined" ? window : globalThis);
