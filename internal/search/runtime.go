package search

import _ "embed"

// Runtime is the search code pages load with a classic <script> tag; it reads
// the index files Build writes. It is written to RuntimePath in the output.
//
//go:embed runtime.js
var Runtime []byte

// RuntimePath is where the runtime goes, relative to the output root.
const RuntimePath = "js/zhkb-search.js"
