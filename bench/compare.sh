#!/usr/bin/env bash
# Builds a law-library corpus (bench/genlaw, N documents) and a synthetic one
# (bench/gensite, N articles), then in one run, alternating, medians of 3:
#   zhkb build (two variants, conversion, both search indexes; feeds and
#     bundles off),
#   Hugo (Debian's hugo) on the same pages as a two-language site, the
#     Traditional pages converted beforehand with the same conversion
#     (zhkb convert --site), no search,
#   Pagefind (npm) indexing zhkb's pages of one variant,
# and searchbench (bytes and latency per query, headless Chromium over
# loopback). Prints wall time, CPU time, peak RSS, index size and files,
# bytes and latency per query, and the ratios.
#   bench/compare.sh [-n N] [-synthetic N] [-sessions S]
# Needs hugo, chromium and npm. Works in a new directory on tmpfs (/dev/shm)
# where there is one, so that the disk does not decide; WORK=dir keeps
# generated files between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
n=5000 synth=10000 sessions=8
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -synthetic) synth=$2; shift 2 ;;
    -sessions) sessions=$2; shift 2 ;;
    *) echo "usage: $0 [-n N] [-synthetic N] [-sessions S]" >&2; exit 2 ;;
  esac
done
work=${WORK:-$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)}
echo "work dir: $work"
go build -o "$work/zhkb" ./cmd/zhkb
go build -o "$work/genlaw" ./bench/genlaw
go build -o "$work/gensite" ./bench/gensite
go build -o "$work/searchbench" ./bench/searchbench
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$work/pf"
  (cd "$work/pf" && npm install --silent --no-audit --no-fund pagefind@1.6.0 >/dev/null)
fi
command -v hugo >/dev/null || { echo "compare.sh: hugo is not installed (apt-get install hugo)" >&2; exit 1; }

# hugosite makes a two-language Hugo site of a zhkb site: the Markdown as
# it is for zh-hans, converted by zhkb for zh-hant, and layouts that render
# what zhkb's do (navigation, breadcrumbs, table of contents, tags).
hugosite() {
  local src=$1 dst=$2
  [ -d "$dst" ] && return
  mkdir -p "$dst/layouts/_default" "$dst/layouts/partials"
  cp -r "$src/content" "$dst/content.zh-hans"
  (cd "$src/content" && find . -name '*.md' -print0 | xargs -0 "$work/zhkb" convert -c s2tw --site -s "$src" -o "$dst/content.zh-hant")
  cat >"$dst/config.toml" <<'EOF'
baseURL = "https://example.org/"
defaultContentLanguage = "zh-hans"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
[languages.zh-hans]
languageCode = "zh-Hans"
contentDir = "content.zh-hans"
weight = 1
[languages.zh-hant]
languageCode = "zh-Hant"
contentDir = "content.zh-hant"
weight = 2
EOF
  cat >"$dst/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}"><link rel="stylesheet" href="{{ "css/zhkb.css" | relURL }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ end }}</head>
<body><header><a href="{{ "" | relLangURL }}">{{ .Site.Title }}</a><nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
EOF
  cat >"$dst/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<nav>{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav><article><h1>{{ .Title }}</h1><p>{{ .Description }}</p>
<p>{{ .Date.Format "2006-01-02" }}</p><details open><summary>目录</summary>{{ .TableOfContents }}</details>{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
EOF
  cat >"$dst/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul>{{ end }}
EOF
  # the same stylesheet and icon as zhkb's built-in theme
  mkdir -p "$dst/static" && cp -r internal/theme/static/. "$dst/static/"
}

# measure runs a command, appending "wall cpu rss_kb" to a file.
measure() {
  local file=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys rss <"$work/t"
  echo "$wall $(echo "$user + $sys" | bc) $rss" >>"$file"
}

# median of column c of a file.
median() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
size() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.0f MB", b/1048576}'; }

compare() { # name, site
  local name=$1 site=$2 out="$work/out-$1" hsite="$work/hugo-$1"
  hugosite "$site" "$hsite"
  rm -f "$work/z-$name" "$work/h-$name" "$work/p-$name"
  for run in 1 2 3; do
    rm -rf "$out"; measure "$work/z-$name" "$work/zhkb" build -q -s "$site" -o "$out"
    rm -rf "$hsite/public"; measure "$work/h-$name" hugo --quiet -s "$hsite" -d "$hsite/public"
    rm -rf "$out/zh-hans/pagefind"; measure "$work/p-$name" "$work/pf/node_modules/.bin/pagefind" --site "$out/zh-hans"
  done
  local html idx idxfiles pf pffiles
  html=$(find "$out/zh-hans" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {print s}')
  idx=$(size "$out/zh-hans/search") idxfiles=$(find "$out/zh-hans/search" -type f | wc -l)
  pf=$(size "$out/zh-hans/pagefind") pffiles=$(find "$out/zh-hans/pagefind" -type f | wc -l)
  local zw zc zr hw hc hr pw pc pr
  zw=$(median "$work/z-$name" 1) zc=$(median "$work/z-$name" 2) zr=$(median "$work/z-$name" 3)
  hw=$(median "$work/h-$name" 1) hc=$(median "$work/h-$name" 2) hr=$(median "$work/h-$name" 3)
  pw=$(median "$work/p-$name" 1) pc=$(median "$work/p-$name" 2) pr=$(median "$work/p-$name" 3)
  echo
  echo "== $name (medians of 3 runs)"
  printf '%-34s %10s %10s %12s\n' "" "wall" "CPU" "peak RSS"
  printf '%-34s %9ss %9ss %9s MB\n' "zhkb (2 variants, 2 indexes)" "$zw" "$zc" $((zr / 1024))
  printf '%-34s %9ss %9ss %9s MB\n' "Hugo (2 languages, no search)" "$hw" "$hc" $((hr / 1024))
  printf '%-34s %9ss %9ss %9s MB\n' "Pagefind (index of 1 variant)" "$pw" "$pc" $((pr / 1024))
  awk -v zw="$zw" -v hw="$hw" -v zr="$zr" -v hr="$hr" 'BEGIN {printf "zhkb / Hugo: wall %.2f×, peak RSS %.2f×\n", zw/hw, zr/hr}'
  echo "zhkb index per variant: $(mb "$idx") in $idxfiles files ($(awk -v a="$idx" -v b="$html" 'BEGIN {printf "%.2f", a/b}')× the variant's HTML, $(mb "$html"))"
  echo "Pagefind index:         $(mb "$pf") in $pffiles files"
  "$work/searchbench" -site "$out" -speed-only -sessions "$sessions" | grep -v '^site\|^$'
}

[ -d "$work/laws" ] || "$work/genlaw" -n "$n" -from . -o "$work/laws"
compare laws "$work/laws"
[ -d "$work/synthetic" ] || "$work/gensite" -n "$synth" -from . -o "$work/synthetic"
compare synthetic "$work/synthetic"
