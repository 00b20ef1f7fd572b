#!/usr/bin/env bash
# Explorer benchmark: a generated corpus whose graph has about 100,000 nodes (95,000 articles,
# 63 provinces x 70 plans implementing 50 central resolutions), built into graph.html, opened
# headless in Debian's Chromium (web/tests/bench.mjs): time to first draw, a search, a filter.
# The peer, in the same run: the same page with the dev corpus's graph (a few hundred nodes).
# Needs chromium and web/'s node_modules (cd web && npm ci).
source "$(dirname "$0")/common.sh"
SHARED="${VNCITE_SHARED:-../shared}"
python3 bench/generate.py 95000 70 "$work/big.jsonl"
"$bin" build "$work/big.jsonl" -o "$work/big" --format json,html -q
"$bin" build "$SHARED/corpus/dev" -o "$work/dev" --format json,html -q
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('graph:', len(d['nodes']), 'nodes,', len(d['links']), 'links')" "$work/big/graph.json"
ls -l "$work/big/graph.html" | awk '{printf "graph.html: %.1f MB\n", $5/1e6}'
echo "-- 100k-node graph"
node web/tests/bench.mjs "$work/big/graph.html" "${ROUNDS:-3}"
echo "-- peer: the dev corpus's graph"
node web/tests/bench.mjs "$work/dev/graph.html" "${ROUNDS:-3}"
