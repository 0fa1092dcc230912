// Converts WORK/hans.txt with opencc-js (the OpenCC 1.4.2 reference) for
// bench/opencc.sh: WORK/ref-NAME.txt for s2t, s2tw, s2twp and s2hk, and for
// t2s and tw2s from the reference's own s2t and s2tw output.
//   node reference.mjs OPENCC_JS_FULL_JS WORK
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [lib, work] = process.argv.slice(2);
const OpenCC = (await import(pathToFileURL(lib).href)).default;
const hans = readFileSync(`${work}/hans.txt`, "utf8");
const run = (name, from, to, text) => {
  const convert = OpenCC.Converter({ from, to });
  const start = process.hrtime.bigint();
  const out = convert(text);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  writeFileSync(`${work}/ref-${name}.txt`, out);
  console.log(`opencc-js ${name}: ${(Buffer.byteLength(text) / 1048576 / (ms / 1000)).toFixed(1)} MB/s`);
  return out;
};
const s2t = run("s2t", "cn", "t", hans);
const s2tw = run("s2tw", "cn", "tw", hans);
run("s2twp", "cn", "twp", hans);
run("s2hk", "cn", "hk", hans);
run("t2s", "t", "cn", s2t);
run("tw2s", "tw", "cn", s2tw);
