#!/usr/bin/env python3
"""A generated cascade corpus for the picture and explorer benchmarks: DOCS articles, each a
plan of one of the 63 provinces (PLANS numbers each, dated) implementing one of 50 central
resolutions. Usage: generate.py DOCS PLANS OUT.jsonl"""
import json, sys

docs, plans, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
provinces = [l.split("\t")[1] for l in open("data/provinces.tsv", encoding="utf-8").read().splitlines()[1:] if l.strip()]
with open(out, "w", encoding="utf-8") as o:
    for i in range(docs):
        p, n, k = provinces[i % 63], (i // 63) % plans + 1, i % 50 + 1
        t = (f"Tỉnh ủy {p} ban hành Kế hoạch số {n}-KH/TU ngày {n % 28 + 1}/3/2021 để thực hiện "
             f"Nghị quyết số {k}-NQ/TW ngày 5/6/2020 của Bộ Chính trị.")
        o.write(json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False) + "\n")
