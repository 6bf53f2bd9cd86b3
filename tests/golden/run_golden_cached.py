#!/usr/bin/env python3
"""Runs every CLI golden case twice more with SHENPI_CACHE set to a fresh
folder: the first pass fills the parse-tree cache, the second reads it.
Both must print exactly the golden expectations, so a warm load is a cold
one for every command and every rule problem the suite covers
(docs/rulebook.md, "Loading large catalogues").

usage: run_golden_cached.py SHENPI GOLDEN_DIR"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    shenpi, golden = sys.argv[1], sys.argv[2]
    cases = sorted(os.path.join(golden, c) for c in os.listdir(golden)
                   if os.path.exists(os.path.join(golden, c, "cmd")))
    failed = []
    with tempfile.TemporaryDirectory(prefix="shenpi-golden-cache-") as cache:
        env = dict(os.environ, SHENPI_CACHE=cache)
        env.pop("SHENPI_REGEN", None)
        for run in ("filling", "warm"):
            for case in cases:
                proc = subprocess.run([sys.executable, os.path.join(HERE, "run_golden.py"), shenpi, case],
                                      env=env, capture_output=True, text=True)
                if proc.returncode != 0:
                    failed.append(f"{run}: {os.path.basename(case)}")
                    sys.stderr.write(proc.stderr)
        entries = os.listdir(os.path.join(cache, "yaml-1")) if os.path.isdir(os.path.join(cache, "yaml-1")) else []
        if not entries:
            failed.append("the cache folder holds no entry: SHENPI_CACHE was not used")
    for f in failed:
        print("FAILED", f)
    print(f"{len(cases)} cases, filling and warm: {len(failed)} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
