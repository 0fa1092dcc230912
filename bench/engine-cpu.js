/* engine-cpu.js times the search engine's own work, the CPU a phone spends
   on a query once its reads have come: each query on a fresh engine, its
   index files read from disk by range (as from a web server), 10 runs to
   warm up and 20 timed; it prints each query's median and their sum. Give
   two engines to compare them in one run (A/B, alternating).

   node bench/engine-cpu.js [-base OLD_ENGINE.js] ENGINE.js SEARCH_DIR [QUERY…]

   e.g. with the engine of the last commit as the base,
   git show HEAD:internal/search/engine.js > /tmp/old.js;
   node bench/engine-cpu.js -base /tmp/old.js internal/search/engine.js
   /tmp/laws/public/zh-hans/search (a library from bench/genlaw). */
"use strict";
const fs = require("fs"), vm = require("vm");

const args = process.argv.slice(2);
let base = null;
if (args[0] === "-base") { base = args[1]; args.splice(0, 2); }
if (args.length < 2) {
  console.error("usage: node bench/engine-cpu.js [-base OLD_ENGINE.js] ENGINE.js SEARCH_DIR [QUERY…]");
  process.exit(2);
}
const [enginePath, dir] = args;
const queries = args.length > 2 ? args.slice(2) : ["地方人民政府", "级以上人民", "人民法院", "严重的", "有区域", "当协调", "督检", "国务院 规定 部门"];

function engineFrom(path) {
  const ctx = { TextEncoder, TextDecoder, AbortController, setTimeout, clearTimeout };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path, "utf8"), ctx, { filename: path });
  return ctx.zhkbEngine;
}

const files = new Map();
function file(name) {
  if (!files.has(name)) files.set(name, fs.readFileSync(dir + "/" + name + ".js"));
  return files.get(name);
}
const io = () => ({
  ranges: true,
  load(name) {
    const text = file(name).toString("utf8"), prefix = "zhkbSearch(" + JSON.stringify(name) + ",";
    return Promise.resolve(JSON.parse(text.slice(prefix.length, -3)));
  },
  span(name, start, end) {
    const b = file(name);
    return Promise.resolve(b.subarray(start, Math.min(end, b.length)).toString("utf8"));
  },
});

async function time(make, q) {
  const engine = make(io());
  await engine.init();
  const t0 = process.hrtime.bigint();
  await engine.search(q, 10);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

(async () => {
  const engines = [["engine", engineFrom(enginePath)]];
  if (base) engines.unshift(["base", engineFrom(base)]);
  const ms = {};
  for (let run = 0; run < 30; run++) {
    for (const q of queries) {
      for (const [name, make] of engines) {
        const t = await time(make, q);
        if (run >= 10) ((ms[name] = ms[name] || {})[q] = ms[name][q] || []).push(t);
      }
    }
  }
  const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log(["query"].concat(engines.map((e) => e[0] + " ms")).join("\t"));
  const sums = engines.map(() => 0);
  for (const q of queries) {
    console.log([q].concat(engines.map(([name], i) => { const m = median(ms[name][q]); sums[i] += m; return m.toFixed(1); })).join("\t"));
  }
  console.log(["sum"].concat(sums.map((s) => s.toFixed(1))).join("\t"));
})();
