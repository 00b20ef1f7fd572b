#!/usr/bin/env python3
"""Regenerate data/*.tsv from ../shared/domain and ../shared/gazetteer.

Run from the repository root: python3 scripts/make_data.py [SHARED_DIR]
The generated tables are committed; vncite embeds them with include_str!.
"""
import csv, sys, unicodedata, os, collections

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
dom = os.path.join(shared, "domain")
gaz = os.path.join(shared, "gazetteer")
nfc = lambda s: unicodedata.normalize("NFC", (s or "").strip())

def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))

# provinces -------------------------------------------------------------
out = ["code\tname\tofficial_name\tname_2025\taliases\tnewspapers\tdomains\tbylines"]
for r in rows(os.path.join(dom, "provinces.tsv")):
    name = nfc(r["short_name"])
    if name == "Huế":
        name = "Thừa Thiên Huế"
    aliases = []
    for a in r["aliases_and_spellings"].split(";"):
        a = nfc(a.split("(")[0])
        if a and a not in aliases:
            aliases.append(a)
    papers = [nfc(p.split("(")[0]) for p in r["party_newspaper"].split(",")[:1] if p.strip()]
    domains = [d.strip() for d in r["web_domains"].split(";") if "." in d and "(" not in d]
    bylines = [nfc(b.split("(")[0]) for b in r["byline_abbrev"].split(";") if b.strip()]
    out.append("\t".join([r["old_code"], name, nfc(r["old_official_name"]), nfc(r["new_name_2025"]),
                          ";".join(aliases), ";".join(papers), ";".join(domains), ";".join(bylines)]))
open("data/provinces.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")

# districts: names unique to one province only ------------------------------
seen = collections.defaultdict(set)
kind = {}
with open(os.path.join(gaz, "admin_units_legacy_63.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        p = nfc(r["provinceShort"])
        if p in ("Huế", "Thừa Thiên - Huế"):
            p = "Thừa Thiên Huế"
        d = nfc(r["districtShort"])
        seen[d].add(p)
        kind[d] = nfc(r["districtType"])
out = ["# District names of the 63 provinces (before 1 July 2025) that belong to one province only.",
       "# Derived from ../shared/gazetteer (vietnamadminunits 1.0.4, MIT; see LICENSE-gazetteer.txt).",
       "district\ttype\tprovince"]
for d in sorted(seen):
    if len(seen[d]) == 1 and not d.isdigit() and len(d) > 3:
        out.append(f"{d}\t{kind[d]}\t{next(iter(seen[d]))}")
open("data/districts.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")

# central catalog -----------------------------------------------------------
out = ["symbol\ttype\tdate\tbody\tterm\tplenum\ttitle\tstatus\tsource"]
for fn in ("central_resolutions.tsv", "central_resolutions_unverified.tsv"):
    for r in rows(os.path.join(dom, fn)):
        syms = r["symbol"].split(";")
        titles = r["short_title"].split(";")
        if len(titles) != len(syms):
            titles = [r["short_title"]] * len(syms)
        for sym, title in zip(syms, titles):
            out.append("\t".join(nfc(x).replace("\t", " ") for x in [
                sym, r["type"], r["date"], r["issuer_body"], r["khoa"], r["conference"],
                title, r.get("status") or "unverified", r["source"] or fn]))
# Documents the shared catalog lacks, each with its public source.
EXTRA = [
    ["35-CT/TW", "Chỉ thị", "2019-05-30", "Bộ Chính trị", "XII", "",
     "Đại hội đảng bộ các cấp nhiệm kỳ 2020-2025 tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
     "partial", "facts_dates_numbering.md (35-CT/TW: 2019, XII); date as cited by provincial Party pages (baonghean.vn)"],
]
for e in EXTRA:
    out.append("\t".join(e))
open("data/central_catalog.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")

with open(os.path.join(gaz, "LICENSE"), encoding="utf-8") as f:
    lic = f.read()
open("data/LICENSE-gazetteer.txt", "w", encoding="utf-8").write(
    "data/districts.tsv and the district and province names in data/provinces.tsv are derived from\n"
    "the vietnamadminunits package (data from the General Statistics Office of Viet Nam), under this licence:\n\n" + lic)
print("ok")
