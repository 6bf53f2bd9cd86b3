#!/usr/bin/env python3
"""Fails when a diagnostic code of the catalogue has no test that names it
(a fixture asserted in tests/unit or a golden case), or no entry in
docs/diagnostics.md."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
catalog = (root / "src/diagnostics/catalog.cpp").read_text(encoding="utf-8")
codes = sorted(set(re.findall(r'\{"(SP\d{3})"', catalog)))
tests = ""
for path in list((root / "tests/unit").rglob("*.cpp")) + list((root / "tests/golden").rglob("expected*")):
    tests += path.read_text(encoding="utf-8", errors="replace")
docs = (root / "docs/diagnostics.md").read_text(encoding="utf-8")
untested = [c for c in codes if c not in tests]
undocumented = [c for c in codes if f"## {c}" not in docs]
if untested:
    print("codes without a test:", ", ".join(untested))
if undocumented:
    print("codes without a docs/diagnostics.md entry:", ", ".join(undocumented))
sys.exit(1 if untested or undocumented else 0)
