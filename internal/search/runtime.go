package search

import _ "embed"

//go:generate sh minify.sh

// Runtime is the search code pages load with a classic <script> tag; it reads
// the index files Build writes. It is written to RuntimePath in the output:
// engine.js (the planner, no DOM) and box.js (the search box) minified into
// runtime.min.js by minify.sh.
//
//go:embed runtime.min.js
var Runtime []byte

// RuntimePath is where the runtime goes, relative to the output root.
const RuntimePath = "js/zhkb-search.js"

// EngineJS is the search engine's source (engine.js): the planner the
// runtime runs in pages, with no DOM, for running it elsewhere (node, in
// internal/search/searchtest).
//
//go:embed engine.js
var EngineJS []byte
