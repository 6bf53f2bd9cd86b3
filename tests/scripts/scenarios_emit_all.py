#!/usr/bin/env python3
"""For every item of every rulebook given, writes its scenarios as rule tests
(`shenpi scenarios RULES ITEM --emit-tests FILE`) and runs them with
`shenpi test RULES FILE`: each scenario's example application must reach the
scenario's outcome in the evaluator.

usage: scenarios_emit_all.py SHENPI RULES..."""
import os
import pathlib
import re
import subprocess
import sys
import tempfile


def item_codes(rules):
    codes = []
    for path in sorted(pathlib.Path(rules, "items").rglob("*.yaml")):
        m = re.search(r"^  code: (\S+)", path.read_text(encoding="utf-8"), re.M)
        if m:
            codes.append(m.group(1))
    return codes


def main():
    shenpi, books = sys.argv[1], sys.argv[2:]
    failed, total_items, total_cases = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for rules in books:
            for code in item_codes(rules):
                out = os.path.join(tmp, code + ".yaml")
                run = subprocess.run([shenpi, "scenarios", rules, code, "--emit-tests", out],
                                     capture_output=True, timeout=120)
                if run.returncode != 0:
                    failed.append(f"{code}: scenarios exit {run.returncode}: {run.stderr.decode()}")
                    continue
                cases = open(out, encoding="utf-8").read().count("\n  - name:")
                test = subprocess.run([shenpi, "test", rules, out], capture_output=True, timeout=120)
                summary = test.stdout.decode().strip().splitlines()[-1:] or ["(no output)"]
                if test.returncode != 0 or summary[0] != f"{cases} passed, 0 failed" or cases < 2:
                    failed.append(f"{code}: {cases} scenarios, shenpi test: "
                                  f"{test.stdout.decode()}{test.stderr.decode()}")
                total_items += 1
                total_cases += cases
    for f in failed:
        print("FAIL", f)
    print(f"{total_items} items, {total_cases} scenarios passed `shenpi test`")
    return 1 if failed or total_items == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
