#!/usr/bin/env bash
# Python binding benchmark on VNTC (84,132 articles), against `vncite extract --format jsonl` on
# the same file, interleaved in one run, ROUNDS times (default 5), medians compared:
#   files: vncite.analyze_files(path), every Analysis's records written out — a corpus on disk
#          read from Python (the text never passes through Python);
#   texts: the records read with json.loads in Python and handed to vncite.analyze_many in
#          batches of 2,000 — texts already in Python (Spark, Dask, a DataFrame); its steps are
#          timed apart, since json.loads and str → UTF-8 are Python's costs, not the analysis's.
# Both must write exactly the CLI's records. Needs zstd, GNU time and the package installed in
# the Python given as PYTHON (default python3).
source "$(dirname "$0")/common.sh"
SHARED="${VNCITE_SHARED:-../shared}"
py="${PYTHON:-python3}"
[ -s "$work/vntc1.jsonl" ] || zstd -qdc "$SHARED/bench/vntc.jsonl.zst" > "$work/vntc1.jsonl"
cat > "$work/files.py" <<'PY'
import sys, vncite
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for a in vncite.analyze_files([sys.argv[1]]):
        out.write(a.records)
PY
cat > "$work/texts.py" <<'PY'
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
timed() { # name, command...: appends "name seconds peak-MB" to $work/rows
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" 2>/dev/null
  echo "$name $(cat "$work/t")" >> "$work/rows"
}
: > "$work/steps"; : > "$work/rows"
for _ in $(seq "${ROUNDS:-5}"); do
  timed cli sh -c "\"$bin\" extract -q \"$work/vntc1.jsonl\" --format jsonl > \"$work/cli.jsonl\""
  timed files "$py" "$work/files.py" "$work/vntc1.jsonl" "$work/files.jsonl"
  timed texts "$py" "$work/texts.py" "$work/vntc1.jsonl" "$work/texts.jsonl" "$work/steps"
done
for f in files texts; do
  if cmp -s "$work/cli.jsonl" "$work/$f.jsonl"; then echo "$f: records identical to the CLI's ($(wc -l < "$work/cli.jsonl") lines)"; else echo "$f: records DIFFER from the CLI's"; fi
done
python3 - "$work/rows" "$work/steps" <<'PY'
import statistics, sys
t, mb = {}, {}
for line in open(sys.argv[1]):
    name, secs, kb = line.split()
    t.setdefault(name, []).append(float(secs))
    mb[name] = max(mb.get(name, 0), int(kb) // 1024)
med = {k: statistics.median(v) for k, v in t.items()}
for k in ("cli", "files", "texts"):
    print(f"{k:6s} median {med[k]:5.2f} s  runs {' '.join(f'{x:.2f}' for x in t[k])}  peak RSS {mb[k]} MB")
print(f"analyze_files / CLI: {med['files'] / med['cli']:.3f} (the binding's cost: {100 * (med['files'] / med['cli'] - 1):+.1f}%)")
steps = [list(map(float, l.split())) for l in open(sys.argv[2])]
a = statistics.median(s[1] for s in steps)
print(f"analyze_many from texts in Python: json.loads {statistics.median(s[0] for s in steps):.2f} s, "
      f"analyze_many {a:.2f} s, writing {statistics.median(s[2] for s in steps):.2f} s; analyze_many / CLI: {a / med['cli']:.3f}")
PY
