#!/usr/bin/env bash
# Picture benchmark: drawing the cascade of a generated corpus (5,000 articles, 806 directives:
# 63 provinces x 12 plans, each implementing one of 50 central resolutions) from its graph.json,
# with the built-in layout and with Graphviz (neato -n2), as SVG and PNG; and, as the peer, the
# document-level picture (`--picture documents`, the old default: 300 directives laid out by `dot`).
# Each command runs ROUNDS times (default 3), interleaved; best and median seconds are printed,
# with the ratios to the peer. Needs Graphviz, rsvg-convert (librsvg2-bin) and GNU time.
source "$(dirname "$0")/common.sh"
rounds="${ROUNDS:-3}"

python3 bench/generate.py 5000 12 "$work/generated.jsonl"
"$bin" build "$work/generated.jsonl" -o "$work/out" --format json -q
g="$work/out/graph.json"

declare -A times
run() { # name, command...
  local name="$1"; shift
  /usr/bin/time -f "%e" -o "$work/time" "$@" >/dev/null 2>&1 || echo "$name failed" >&2
  times[$name]+="$(tail -1 "$work/time") "
}
for r in $(seq "$rounds"); do
  run builtin-svg "$bin" export "$g" --format svg -o "$work/b.svg" --picture-layout builtin
  run builtin-png "$bin" export "$g" --format png -o "$work/b.png" --picture-layout builtin
  run graphviz-svg "$bin" export "$g" --format svg -o "$work/g.svg" --picture-layout graphviz
  run graphviz-png "$bin" export "$g" --format png -o "$work/g.png" --picture-layout graphviz
  run documents-dot "$bin" export "$g" --format svg -o "$work/d.svg" --picture documents --picture-layout graphviz
done
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -1; }
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peer=$(best "${times[documents-dot]}")
printf "%-14s %8s %8s %10s\n" drawing best median "vs peer"
for k in builtin-svg builtin-png graphviz-svg graphviz-png documents-dot; do
  b=$(best "${times[$k]}")
  printf "%-14s %7.2fs %7.2fs %10.3f\n" "$k" "$b" "$(median "${times[$k]}")" "$(echo "$b / $peer" | bc -l)"
done
echo "peer: documents-dot = the document-level picture through Graphviz dot (the old default), 300 directives"
for f in b.svg g.svg; do
  grep -o '<svg[^>]*' "$work/$f" | grep -o 'width="[^"]*" height="[^"]*"' | sed "s/^/$f: /"
done
