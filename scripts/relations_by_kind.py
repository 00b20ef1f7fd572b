#!/usr/bin/env python3
"""Relation precision and recall per kind, with every miss and false hit and its evidence.

    python3 scripts/relations_by_kind.py --gold ../shared/gold/cascade.json --graph out/graph.json

Counts as ../shared/eval/score.py does (triples of node keys; a false hit counts only where both
ends are gold references), importing its key functions so that the two never disagree.
"""
import argparse
import collections
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--graph", required=True)
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    import score as S  # noqa: E402  (the team's scorer: same keys)

    gold = json.load(open(a.gold, encoding="utf-8"))["docs"]
    g = json.load(open(a.graph, encoding="utf-8"))
    nodes = {n["id"]: n for n in g["nodes"]}
    want = {(S.parse_key(x), r, S.parse_key(y)) for d in gold.values() for x, r, y in d.get("relations", [])}
    keys = {S.parse_key(k) for d in gold.values() for k in d.get("refs", {})}
    got, ev = set(), {}
    for link in g.get("links", []):
        s, t = nodes.get(link["source"]), nodes.get(link["target"])
        if link["kind"] in S.RELATIONS and s and t and s["kind"] == t["kind"] == "directive":
            x = (S.node_key(s), link["kind"], S.node_key(t))
            got.add(x)
            ev[x] = (link.get("evidence") or [{}])[0]
    false = {x for x in got - want if x[0] in keys and x[2] in keys}
    kinds = sorted({x[1] for x in want | false})
    print(f"{'kind':<12} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6}")
    for k in kinds + ["all"]:
        w = {x for x in want if k in (x[1], "all")}
        f = {x for x in false if k in (x[1], "all")}
        tp = len(w & got)
        p = tp / (tp + len(f)) if tp + len(f) else 1.0
        r = tp / len(w) if w else 1.0
        print(f"{k:<12} {len(w):>5} {tp:>4} {len(f):>4} {len(w) - tp:>4} {p:>6.3f} {r:>6.3f}")
    for x in sorted(want - got):
        print("MISS ", x)
    for x in sorted(false):
        e = ev.get(x, {})
        print("FALSE", x, os.path.basename(e.get("document", "")), e.get("basis"), "|", e.get("snippet", "")[:160])
    return 0


if __name__ == "__main__":
    sys.exit(main())
