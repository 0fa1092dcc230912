package search

import _ "embed"

//go:generate sh minify.sh

// Runtime is the search code pages load with a classic <script> tag; it reads
// the index files Build writes. It is written to RuntimePath in the output:
// runtime.js minified (runtime.min.js, made by minify.sh), 10 KB gzipped
// instead of 17.
//
//go:embed runtime.min.js
var Runtime []byte

// RuntimePath is where the runtime goes, relative to the output root.
const RuntimePath = "js/zhkb-search.js"
