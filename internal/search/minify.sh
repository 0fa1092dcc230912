#!/bin/sh
# Regenerates runtime.min.js, the search runtime pages load, from runtime.js:
# esbuild (npm) minifies it, and the first line names the hash of the source
# it came from, which TestRuntimeMinified checks. Run after editing
# runtime.js: go generate ./internal/search
set -eu
cd "$(dirname "$0")"
sum=$(sha256sum runtime.js | cut -d' ' -f1)
min=$(npx --yes esbuild@0.24.0 runtime.js --minify --target=es2017 --log-level=warning)
{
  printf '/* zhkb search runtime: runtime.js (sha256 %s) minified by minify.sh; do not edit */\n' "$sum"
  printf '%s\n' "$min"
} > runtime.min.js
