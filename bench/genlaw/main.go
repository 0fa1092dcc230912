// Command genlaw writes a zhkb site shaped like a library of PRC statutes
// and regulations (see bench/lawgen), for measuring builds and search on
// long documents; the same -seed gives the same site.
//
//	go run ./bench/genlaw -n 5000 -from . -o /tmp/laws
package main

import (
	"flag"
	"log"
	"os"

	"github.com/zhkb/zhkb/bench/lawgen"
)

func main() {
	fs := flag.NewFlagSet("genlaw", flag.ExitOnError)
	n := fs.Int("n", 5000, "number of documents")
	seed := fs.Int64("seed", 1, "random seed")
	src := fs.String("from", ".", "zhkb repository root (layouts and static are copied from it)")
	out := fs.String("o", "", "site root to create (must not exist)")
	fs.Parse(os.Args[1:])
	if *out == "" {
		log.Fatal("genlaw: -o is required")
	}
	if err := lawgen.Write(*out, *src, *n, *seed); err != nil {
		log.Fatal("genlaw: ", err)
	}
}
