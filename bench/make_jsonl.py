#!/usr/bin/env python3
"""Writes N JSON lines of applications for `shenpi eval rules/tianjin --batch`:
the food-licence examples (examples/applications/food-*.yaml) with a
varied submission date and a material dropped now and then (about 490
bytes a line).

usage: make_jsonl.py N OUT.jsonl"""
import datetime
import json
import pathlib
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
samples = []
for path in sorted((root / "examples/applications").glob("food-*.yaml")):
    app = yaml.safe_load(path.read_text(encoding="utf-8"))["application"]
    app["submitted_on"] = str(app["submitted_on"])
    samples.append(app)

n, out = int(sys.argv[1]), sys.argv[2]
start = datetime.date(2025, 3, 3)
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        app = dict(samples[i % len(samples)])
        app["submitted_on"] = (start + datetime.timedelta(days=i % 200)).isoformat()
        materials = list(app.get("materials") or [])
        if i % 7 == 3 and materials:
            materials.pop(i % len(materials))
        app["materials"] = materials
        f.write(json.dumps({"application": app}, ensure_ascii=False) + "\n")
