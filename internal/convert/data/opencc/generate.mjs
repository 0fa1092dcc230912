// Writes the conversion tables of zhkb's engine from OpenCC 1.4.2: one file
// per dictionary, "key<TAB>value" (OpenCC's first value), sorted by key.
// The dictionaries the official npm package opencc@1.4.2 carries as
// data/dictionary/*.txt come from it; the three OpenCC generates when it
// builds (STPhrases_GeneratedFromRegionalPhrases, TWVariantsRev,
// HKVariantsRev) come from opencc-js@1.4.2, which bundles them generated
// from the same data. Run by generate.sh.
//   node generate.mjs OPENCC_PACKAGE_DIR OPENCC_JS_PACKAGE_DIR OUT_DIR
import { readFileSync, writeFileSync } from "node:fs";

const [official, js, out] = process.argv.slice(2);
const dictionaries = [
  "CJK_Compatibility_Ideographs", "STPhrases", "STCharacters", "TSPhrases", "TSCharacters",
  "TWVariants", "TWVariantsPhrases", "TWVariantsRevPhrases", "TWPhrases", "TWPhrasesRev",
  "HKVariants", "HKVariantsPhrases", "HKVariantsRevPhrases", "HKPhrases", "HKPhrasesRev",
];
const generated = ["STPhrases_GeneratedFromRegionalPhrases", "TWVariantsRev", "HKVariantsRev"];

function write(name, entries) {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  writeFileSync(`${out}/${name}.txt`, entries.map(([k, v]) => `${k}\t${v}\n`).join(""));
  console.log(`${name}: ${entries.length} entries`);
}

for (const name of dictionaries) {
  const entries = [];
  for (const line of readFileSync(`${official}/data/dictionary/${name}.txt`, "utf8").split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const [key, values] = line.split("\t");
    if (values === undefined) throw new Error(`${name}.txt: no tab in ${JSON.stringify(line)}`);
    entries.push([key, values.split(" ")[0]]);
  }
  write(name, entries);
}
for (const name of generated) {
  const { default: data } = await import(`${js}/dist/esm-lib/dict/${name}.js`);
  write(name, data === "" ? [] : data.split("|").map((pair) => pair.split(" ")));
}
