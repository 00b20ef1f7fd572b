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
import json, sys, time, vncite
t0 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    records = [json.loads(line) for line in f]
t1 = time.perf_counter()
analyses = []
for i in range(0, len(records), 2000):
    analyses.extend(vncite.analyze_many(records[i:i + 2000]))
t2 = time.perf_counter()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for a in analyses:
        out.write(a.records)
t3 = time.perf_counter()
print(f"{t1 - t0:.2f} {t2 - t1:.2f} {t3 - t2:.2f}", file=open(sys.argv[3], "a"))
PY
declare -A times
: > "$work/steps"
for _ in $(seq "${ROUNDS:-3}"); do
  /usr/bin/time -f "%e" -o "$work/t" "$bin" extract "$work/vntc1.jsonl" --format jsonl > "$work/cli.jsonl"
  times[cli]+="$(tail -1 "$work/t") "
  /usr/bin/time -f "%e" -o "$work/t" "$py" "$work/extract.py" "$work/vntc1.jsonl" "$work/py.jsonl" "$work/steps"
  times[python]+="$(tail -1 "$work/t") "
done
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -1; }
c=$(best "${times[cli]}"); p=$(best "${times[python]}")
echo "CLI extract: ${times[cli]}(best $c s)"
echo "Python analyze_many: ${times[python]}(best $p s)"
echo "Python / CLI: $(echo "$p / $c" | bc -l | cut -c1-5) (the binding's cost: $(echo "($p / $c - 1) * 100" | bc -l | cut -c1-5)%)"
echo "Python steps per round (json.loads of the input, analyze_many, writing the records), s:"
cat "$work/steps"
a=$(awk '{print $2}' "$work/steps" | sort -g | head -1)
echo "analyze_many alone / CLI: $(echo "$a / $c" | bc -l | cut -c1-5)"
if cmp -s "$work/cli.jsonl" "$work/py.jsonl"; then echo "outputs identical ($(wc -l < "$work/cli.jsonl") records)"; else echo "outputs DIFFER"; fi
