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

// With a third argument, also write a golden file for the engine's tests
// (internal/convert/testdata/opencc-1.4.2.txt): per conversion, lines with
// characters whose conversion OpenCC changed since longbridgeapp/opencc's
// data, and every 1,000th line; "name<TAB>input<TAB>reference output".
const golden = process.argv[4];
if (golden) {
  const inputs = { s2t: hans, s2tw: hans, s2twp: hans, s2hk: hans, t2s: s2t, tw2s: s2tw };
  const changed = /[托佣复覆里周径出程通]/;
  const rows = [];
  for (const [name, text] of Object.entries(inputs)) {
    const lines = text.split("\n");
    const out = readFileSync(`${work}/ref-${name}.txt`, "utf8").split("\n");
    let picked = 0;
    lines.forEach((line, i) => {
      if (line === "" || line.includes("\t") || line.length > 200) return;
      if ((changed.test(line) && picked++ < 60) || i % 1000 === 0) rows.push(`${name}\t${line}\t${out[i]}`);
    });
  }
  writeFileSync(golden, rows.join("\n") + "\n");
  console.log(`golden: ${rows.length} lines`);
}
