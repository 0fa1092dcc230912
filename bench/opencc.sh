#!/usr/bin/env bash
# Differential bench of zhkb's conversion engine against OpenCC 1.4.2:
# opencc-js@1.4.2 (npm), a pure-JavaScript OpenCC on the 1.4.2 data, is the
# reference. The text is every bundled article plus generated legal
# (bench/genlaw) and everyday (bench/gensite) prose, at least 4 MB of
# Simplified; the Traditional input of t2s and tw2s is the reference's own
# s2t and s2tw output. For s2t, s2tw, s2twp, s2hk, t2s and tw2s it prints
# the lines and characters that differ and the most frequent differences
# (zhkb → reference, with context), then the throughput of zhkb's engine,
# of longbridgeapp/opencc and of Debian's opencc command where installed.
#   bench/opencc.sh
# GOLDEN=internal/convert/testdata/opencc-1.4.2.txt also rewrites the golden
# lines the engine's tests compare with (TestEngineMatchesOpenCC142).
# Needs node and npm. CI does not run it. WORK=dir keeps files between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
echo "work dir: $work"
go build -o "$work/zhkb" ./cmd/zhkb
go build -o "$work/genlaw" ./bench/genlaw
go build -o "$work/gensite" ./bench/gensite
if [ ! -d "$work/node_modules/opencc-js" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund opencc-js@1.4.2 >/dev/null)
fi
if [ ! -s "$work/hans.txt" ]; then
  [ -d "$work/laws" ] || "$work/genlaw" -n 150 -from . -o "$work/laws"
  [ -d "$work/synthetic" ] || "$work/gensite" -n 1500 -from . -o "$work/synthetic"
  find content "$work/laws/content" "$work/synthetic/content" -name '*.md' -print0 | sort -z | xargs -0 cat >"$work/hans.txt"
fi
echo "text: $(wc -c <"$work/hans.txt") bytes of Simplified"
node bench/opencc/reference.mjs "$work/node_modules/opencc-js/dist/esm/full.js" "$work" ${GOLDEN:+"$GOLDEN"}
for c in s2t s2tw s2twp s2hk; do "$work/zhkb" convert -c "$c" "$work/hans.txt" >"$work/zhkb-$c.txt"; done
"$work/zhkb" convert -c t2s "$work/ref-s2t.txt" >"$work/zhkb-t2s.txt"
"$work/zhkb" convert -c tw2s "$work/ref-s2tw.txt" >"$work/zhkb-tw2s.txt"
go run ./bench/opencc -dir "$work"
if command -v opencc >/dev/null; then
  mb=$(awk -v b="$(wc -c <"$work/hans.txt")" 'BEGIN {printf "%.1f", b/1048576}')
  for c in s2tw t2s; do
    in="$work/hans.txt"; [ "$c" = t2s ] && in="$work/ref-s2t.txt"
    /usr/bin/time -f "%e" -o "$work/t" opencc -c "$c.json" -i "$in" -o "$work/debian-$c.txt"
    echo "  $c  Debian opencc $(opencc --version 2>&1 | grep -o '[0-9][0-9.]*' | head -1): $(awk -v s="$(cat "$work/t")" -v mb="$mb" 'BEGIN {printf "%.1f MB/s", mb/s}') (whole command, loading included)"
  done
else
  echo "  (Debian's opencc is not installed: apt-get install opencc)"
fi
