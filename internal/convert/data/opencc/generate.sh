#!/bin/sh
# Regenerates the OpenCC 1.4.2 tables in this directory (see generate.mjs)
# from the npm packages opencc@1.4.2 and opencc-js@1.4.2. Needs node and npm.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent opencc@1.4.2 opencc-js@1.4.2 >/dev/null &&
  mkdir official js && tar xzf opencc-1.4.2.tgz -C official && tar xzf opencc-js-1.4.2.tgz -C js)
node generate.mjs "$tmp/official/package" "$tmp/js/package" .
cp "$tmp/official/package/LICENSE" LICENSE
