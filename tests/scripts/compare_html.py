#!/usr/bin/env python3
"""Opens the page of `shenpi compare --format html` in headless Chromium and
checks the rendered table rows (what a person scanning the page sees).

usage: compare_html.py SHENPI RULES_A RULES_B [...]
Exit 77 (CTest SKIP) when no chromium is installed."""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile


class Rows(html.parser.HTMLParser):
    """Collects tables: their data attributes and rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables = []
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"attrs": a, "rows": []})
        elif tag == "tr" and self.tables:
            self.row = {"attrs": a, "cells": []}
            self.tables[-1]["rows"].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.row["cells"].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def main():
    shenpi, books = sys.argv[1], sys.argv[2:]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not installed: skipped")
        return 77
    page = subprocess.run([shenpi, "compare", *books, "--format", "html"],
                          capture_output=True, check=True).stdout
    assert b"http://" not in page and b"https://" not in page and b"<script" not in page
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "compare.html")
        with open(path, "wb") as f:
            f.write(page)
        dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                              "--user-data-dir=" + os.path.join(tmp, "profile"),
                              "--dump-dom", "file://" + path],
                             capture_output=True, timeout=120, check=True).stdout.decode("utf-8")
    parser = Rows()
    parser.feed(dom)
    tables = parser.tables
    items = [t for t in tables if t["attrs"].get("class") == "item"]
    columns = len(books) + 1
    failures = []

    def expect(ok, what):
        if not ok:
            failures.append(what)

    expect([t["attrs"]["data-catalog"] for t in items] == ["CMP-0001", "CMP-0002"],
           "one table per shared catalogue code")
    fields = ["uniform", "item", "name", "kind", "authority", "basis", "statutory", "promised",
              "visits", "online", "conditions", "tolerance", "commitments"]
    for t in items:
        body = [r for r in t["rows"] if "data-field" in r["attrs"]]
        got = [r["attrs"]["data-field"] for r in body]
        expect(got[:len(fields)] == fields and got[-1] == "asked", f"{t['attrs']} rows: {got}")
        for r in body:
            if r["attrs"]["data-field"] != "uniform":
                expect(len(r["cells"]) == columns, f"row {r['attrs']} has {len(r['cells'])} cells")
    shop = items[0]
    cell = lambda field: ["".join(c).strip() for c in next(
        r["cells"] for r in shop["rows"] if r["attrs"].get("data-field") == field)]
    expect(cell("item") == ["事项编码", "E-SHOP-0001", "W-SHOP-0001"], f"item codes {cell('item')}")
    expect(cell("promised") == ["承诺时限", "5个工作日", "3个工作日"], f"promised {cell('promised')}")
    tinted = lambda field: next(r for r in shop["rows"]
                                if r["attrs"].get("data-field") == field)["attrs"].get("class")
    expect(tinted("promised") == "varies" and tinted("statutory") is None,
           "rows whose values differ are tinted, the others not")
    materials = [r for r in shop["rows"] if r["attrs"].get("data-field") == "material"]
    keys = [r["attrs"]["data-key"] for r in materials]
    expect(keys == ["小店经营许可申请书", "business-license", "经营场所平面图", "从业人员健康证明",
                    "agent-authorization", "经营场所租赁合同"], f"material rows {keys}")
    differ = [r["attrs"]["data-key"] for r in materials if r["attrs"].get("class") == "differ"]
    expect(differ == ["经营场所平面图", "agent-authorization"], f"rows with different names {differ}")
    varies = [r["attrs"]["data-key"] for r in materials if r["attrs"].get("class") == "varies"]
    expect(varies == ["从业人员健康证明", "经营场所租赁合同"], f"materials treated differently {varies}")
    singles = next(t for t in tables if t["attrs"].get("id") == "singles")
    codes = ["".join(r["cells"][1]) for r in singles["rows"][1:]]
    expect(codes == ["E-MKT-0003", "W-NIGHT-0004"], f"single items {codes}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(items)} item tables, {len(materials)} material rows checked in Chromium")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
