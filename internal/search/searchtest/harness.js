/* Runs the search engine (engine.js) for Go tests and benchmarks: reads
   requests from standard input, one JSON object a line, and answers each
   with one line. Requests: {id, op: "open", dir, ranges} opens the index in
   dir (its files read from disk as a browser reads them: whole, or by
   byte range when ranges is set) and answers {id, ix}; {id, op: "search",
   ix, q, limit, before, early} answers {id, res, reads, early, stopped}, reads
   being what the query read ("name.js" for a whole file, "name.js@start-end"
   for a range) and early the results the engine gave before its answer,
   each with how many reads had been made by then (when early is set). before lists queries
   typed first, as a reader types on: each starts, and is given up (its
   AbortSignal aborted) when the next one starts; stopped counts the reads
   that were stopped so. */
"use strict";
const fs = require("fs"), vm = require("vm"), readline = require("readline");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"), { filename: "engine.js" });

const indexes = [];
function open(dir, ranges) {
  const reads = [], stopped = { n: 0 }, held = { fs: null };
  const io = {
    ranges: !!ranges,
    load(name) {
      reads.push(name + ".js");
      return new Promise((resolve) => {
        fs.readFile(dir + "/" + name + ".js", "utf8", (err, text) => {
          if (err) return resolve(null);
          const prefix = "zhkbSearch(" + JSON.stringify(name) + ",";
          if (!text.startsWith(prefix) || !text.endsWith(");\n")) return resolve(null);
          resolve(JSON.parse(text.slice(prefix.length, -3)));
        });
      });
    },
    span(name, start, end, signal) {
      reads.push(name + ".js@" + start + "-" + end);
      const read = () => new Promise((resolve, reject) => {
        fs.readFile(dir + "/" + name + ".js", (err, buf) => {
          if (err || start < 0 || start > end || start >= buf.length) return reject(new Error("416"));
          resolve(buf.subarray(start, Math.min(end, buf.length)).toString("utf8")); // a range past the end is cut, as servers do
        });
      });
      if (!held.fs) return read();
      // Held until released, as on a slow network; stopped when its signal
      // aborts.
      return new Promise((resolve, reject) => {
        held.fs.push(() => read().then(resolve, reject));
        if (signal) signal.addEventListener("abort", () => { stopped.n++; reject(new Error("AbortError")); });
      });
    },
  };
  indexes.push({ engine: globalThis.zhkbEngine(io), reads, stopped, held });
  return indexes.length - 1;
}

async function handle(req) {
  if (req.op === "open") return { ix: open(req.dir, req.ranges) };
  if (req.op === "search") {
    const ix = indexes[req.ix];
    ix.reads.length = 0;
    ix.stopped.n = 0;
    await ix.engine.init();
    // The early lists are sent back when asked for: a long list given
    // early many times is most of an answer's bytes.
    const early = [], onEarly = (e) => { if (req.early) early.push({ res: e, reads: ix.reads.length }); };
    if (!req.before) {
      const res = await ix.engine.search(req.q, req.limit, onEarly);
      return { res, reads: ix.reads.slice(), early };
    }
    // Reads are held and let through a round at a time.
    const settle = () => new Promise((r) => setTimeout(r, 20));
    const round = async () => { const fs = ix.held.fs.splice(0); fs.forEach((f) => f()); await settle(); };
    ix.held.fs = [];
    let ctrl = null;
    try {
      for (const q of req.before) {
        if (ctrl) ctrl.abort();
        ctrl = new AbortController();
        ix.engine.search(q, req.limit, null, ctrl.signal).catch(() => {});
        // The reader types on once the query's buckets came: its next
        // reads are on their way.
        await settle();
        await round();
      }
      ctrl.abort();
      ix.reads.length = 0;
      let done = false;
      const answer = ix.engine.search(req.q, req.limit, onEarly).finally(() => { done = true; });
      while (!done) await round();
      return { res: await answer, reads: ix.reads.slice(), early, stopped: ix.stopped.n };
    } finally {
      ix.held.fs = null;
    }
  }
  throw new Error("unknown op " + req.op);
}

// Both scripts are read: say so, and the files may go.
process.stdout.write("ready\n");
const rl = readline.createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  const req = JSON.parse(line);
  let out;
  try {
    out = Object.assign({ id: req.id }, await handle(req));
  } catch (e) {
    out = { id: req.id, error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
