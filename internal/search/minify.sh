#!/bin/sh
# Regenerates runtime.min.js, the search runtime pages load, from engine.js
# and box.js (in that order): esbuild (npm) minifies them, and the first
# line names the hash of the source they came from, which
# TestRuntimeMinified checks. Run after editing either:
# go generate ./internal/search
set -eu
cd "$(dirname "$0")"
sum=$(cat engine.js box.js | sha256sum | cut -d' ' -f1)
min=$(cat engine.js box.js | npx --yes esbuild@0.24.0 --minify --target=es2017 --log-level=warning)
{
  printf '/* zhkb search runtime: engine.js and box.js (sha256 %s) minified by minify.sh; do not edit */\n' "$sum"
  printf '%s\n' "$min"
} > runtime.min.js
