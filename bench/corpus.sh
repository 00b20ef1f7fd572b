#!/usr/bin/env bash
# Corpus-scale benchmark: vncite build on VNTC (84,132 articles), the corpus doubled and
# quadrupled, and `rg -c` with the Party-symbol pattern of ../shared/bench/README.md, in one run;
# and the dense corpus (the dev and cascade texts repeated to 60 MB) with vncite, `rg -c` and the
# Python peer ../shared/bench/baseline_re.py (run as it is, never copied).
# Prints MB/s, peak RSS and the ratios. Needs zstd, ripgrep and GNU time (apt-get install zstd ripgrep time).
# Each command runs ROUNDS times (default 5), the rounds interleaved so that both sides see the
# same machine; the best time of each is compared (a shared 2-core VM varies by ±15% run to run),
# and the median is printed beside it.
source "$(dirname "$0")/common.sh"
SHARED="${VNCITE_SHARED:-../shared}"
[ -s "$work/vntc1.jsonl" ] || zstd -qdc "$SHARED/bench/vntc.jsonl.zst" > "$work/vntc1.jsonl"
# copies get their own ids, so the graph sees 2x and 4x as many documents
if [ ! -s "$work/vntc4.jsonl" ]; then
  { cat "$work/vntc1.jsonl"; sed 's/^{"id": "/{"id": "copy2\//' "$work/vntc1.jsonl"; } > "$work/vntc2.jsonl"
  { cat "$work/vntc2.jsonl"; sed 's/^{"id": "/{"id": "copy3\//' "$work/vntc2.jsonl"; } > "$work/vntc4.jsonl"
fi
pattern='(\d{1,5})\s?[-‐‑‒–—]\s?([A-ZĐÐa-zđ]{1,8})\s?/\s?([A-ZĐÐƯ][A-ZĐÐƯa-zđư.]{0,11})'
# the dense corpus: the real citing texts of ../shared/corpus/dev and cascade, repeated to 60 MB
# or more with distinct ids (Party news and committee pages, where nearly every text cites)
if [ ! -s "$work/dense.jsonl" ]; then
  python3 - "$SHARED" "$work/dense.jsonl" <<'PY'
import glob, json, os, sys
shared, out = sys.argv[1], sys.argv[2]
texts = [(os.path.basename(f), open(f, encoding="utf-8", errors="replace").read())
         for d in ("dev", "cascade") for f in sorted(glob.glob(f"{shared}/corpus/{d}/*"))]
with open(out, "w", encoding="utf-8") as o:
    rep = 0
    while o.tell() < 60_000_000:
        for name, t in texts:
            o.write(json.dumps({"id": f"r{rep}/{name}", "text": t}, ensure_ascii=False) + "\n")
        rep += 1
PY
fi

run() { # label, command...: prints seconds and peak RSS (MB)
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>"$work/err.txt" || true
  read -r secs kb < "$work/time.txt"
  echo "$label $secs $((kb / 1024))"
}

size1=$(stat -c %s "$work/vntc1.jsonl")
sized=$(stat -c %s "$work/dense.jsonl")
rows=()
for _ in $(seq "${ROUNDS:-5}"); do
  rows+=("$(run rg rg -c "$pattern" "$work/vntc1.jsonl")")
  rows+=("$(run vncite1 "$bin" build -q "$work/vntc1.jsonl" -o "$work/out1")")
  rows+=("$(run vncite2 "$bin" build -q "$work/vntc2.jsonl" -o "$work/out2")")
  rows+=("$(run vncite4 "$bin" build -q "$work/vntc4.jsonl" -o "$work/out4")")
  rows+=("$(run dense_rg rg -c "$pattern" "$work/dense.jsonl")")
  rows+=("$(run dense_vncite "$bin" build -q "$work/dense.jsonl" -o "$work/outd")")
  # the graph alone, without the picture (Graphviz routes its edges in about a second, whatever
  # the corpus) and the other views: what the peers, which draw nothing, compare with
  rows+=("$(run dense_json "$bin" build -q "$work/dense.jsonl" -o "$work/outdj" --format json)")
  rows+=("$(run dense_python python3 "$SHARED/bench/baseline_re.py" "$work/dense.jsonl")")
done
python3 - "$size1" "$sized" "${rows[@]}" <<'PY'
import statistics, sys
size = int(sys.argv[1]) / 1e6
dense = int(sys.argv[2]) / 1e6
sys.argv = [sys.argv[0], sys.argv[1]] + sys.argv[3:]
times, rss = {}, {}
for row in sys.argv[2:]:
    name, secs, mb = row.split()
    times.setdefault(name, []).append(float(secs))
    rss[name] = max(rss.get(name, 0), int(mb))
t = {k: min(v) for k, v in times.items()}
for name, mult in [("rg", 1), ("vncite1", 1), ("vncite2", 2), ("vncite4", 4)]:
    med = statistics.median(times[name])
    print(f"{name:8s} {size*mult:8.1f} MB  best {t[name]:5.2f} s (median {med:5.2f})  {size*mult/t[name]:7.1f} MB/s  peak RSS {rss[name]} MB")
print(f"rounds: {len(times['rg'])}, best times compared")
print(f"throughput vncite/rg (1x): {t['rg']/t['vncite1']:.2f}   (medians: {statistics.median(times['rg'])/statistics.median(times['vncite1']):.2f})")
print(f"time 2x/1x: {t['vncite2']/t['vncite1']:.2f}   4x/1x: {t['vncite4']/t['vncite1']:.2f}")
med = {k: statistics.median(v) for k, v in times.items()}
print(f"dense corpus {dense:.1f} MB (dev + cascade texts repeated), medians of {len(times['dense_rg'])} interleaved runs:")
for name in ("dense_rg", "dense_vncite", "dense_json", "dense_python"):
    print(f"  {name:13s} {med[name]:6.2f} s  {dense/med[name]:7.1f} MB/s  peak RSS {rss[name]} MB")
print(f"  vncite/python throughput: {med['dense_python']/med['dense_vncite']:.2f}   vncite/rg: {med['dense_rg']/med['dense_vncite']:.2f}")
print(f"  graph only (--format json): vncite/python {med['dense_python']/med['dense_json']:.2f}   vncite/rg: {med['dense_rg']/med['dense_json']:.2f}")
print(f"VNTC vncite/rg (medians): {med['rg']/med['vncite1']:.2f}")
PY
