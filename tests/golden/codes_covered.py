#!/usr/bin/env python3
"""Fails when a diagnostic code of the catalogue has no test that names it
(a fixture asserted in tests/unit or a golden case), no entry in
docs/diagnostics.md, or no matching named constant in
include/shenpi/diagnostic_codes.hpp (`unknown_key = "SP102"` for
`{"SP102", "unknown-key", ...}`)."""
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
constants = dict(re.findall(r'constexpr std::string_view (\w+) = "(SP\d{3})";',
                           (root / "include/shenpi/diagnostic_codes.hpp").read_text(encoding="utf-8")))
named = {name.replace("-", "_"): code
         for code, name in re.findall(r'\{"(SP\d{3})", "([a-z0-9-]+)"', catalog)}
mismatched = sorted(set(constants.items()) ^ set(named.items()))
if mismatched:
    print("diagnostic_codes.hpp and catalog.cpp disagree on:",
          ", ".join(f"{n} = {c}" for n, c in mismatched))
untested = [c for c in codes if c not in tests]
undocumented = [c for c in codes if f"## {c}" not in docs]
if untested:
    print("codes without a test:", ", ".join(untested))
if undocumented:
    print("codes without a docs/diagnostics.md entry:", ", ".join(undocumented))
sys.exit(1 if untested or undocumented or mismatched else 0)
