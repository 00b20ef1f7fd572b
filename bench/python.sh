#!/usr/bin/env bash
# Python binding benchmark: the references of VNTC (84,132 articles) through the Python package
# (records read with json and handed whole — text, id, the rest kept as meta — to
# vncite.analyze_many in batches of 2,000, on all cores,
# the shard records written out) against `vncite extract --format jsonl` on the same file, in one
# run, interleaved; best of ROUNDS (default 3). Needs zstd and the package installed in the
# Python given as PYTHON (default python3).
source "$(dirname "$0")/common.sh"
SHARED="${VNCITE_SHARED:-../shared}"
py="${PYTHON:-python3}"
[ -s "$work/vntc1.jsonl" ] || zstd -qdc "$SHARED/bench/vntc.jsonl.zst" > "$work/vntc1.jsonl"
cat > "$work/extract.py" <<'PY'
import json, sys, vncite
out = open(sys.argv[2], "w", encoding="utf-8")
batch = []
def flush():
    for a in vncite.analyze_many(batch):
        out.write(a.records)
    batch.clear()
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        batch.append(r)
        if len(batch) == 2000:
            flush()
flush()
PY
declare -A times
for _ in $(seq "${ROUNDS:-3}"); do
  /usr/bin/time -f "%e" -o "$work/t" "$bin" extract "$work/vntc1.jsonl" --format jsonl > "$work/cli.jsonl"
  times[cli]+="$(tail -1 "$work/t") "
  /usr/bin/time -f "%e" -o "$work/t" "$py" "$work/extract.py" "$work/vntc1.jsonl" "$work/py.jsonl"
  times[python]+="$(tail -1 "$work/t") "
done
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -1; }
c=$(best "${times[cli]}"); p=$(best "${times[python]}")
echo "CLI extract: ${times[cli]}(best $c s)"
echo "Python analyze_many: ${times[python]}(best $p s)"
echo "Python / CLI: $(echo "$p / $c" | bc -l | cut -c1-5) (the binding's cost: $(echo "($p / $c - 1) * 100" | bc -l | cut -c1-5)%)"
if cmp -s "$work/cli.jsonl" "$work/py.jsonl"; then echo "outputs identical ($(wc -l < "$work/cli.jsonl") records)"; else echo "outputs DIFFER"; fi
