#!/usr/bin/python3
"""Throughput of Rulebook.evaluate_many (not run by pytest: not a test_*.py).

    PYTHONPATH=build-py/python /usr/bin/python3 bench/python/bench_evaluate_many.py [--n 100000]

Applications are the shipped Tianjin samples with materials dropped at
random (seeded), so outcomes vary as in a real caseload. Prints the best of
--repeat runs per configuration, in applications per second.
"""

from __future__ import annotations

import argparse
import copy
import os
import pathlib
import random
from typing import Any, Dict, List

import yaml

import shenpi
from timing import best

SOURCE = pathlib.Path(__file__).resolve().parents[2]


def caseload(book: shenpi.Rulebook, n: int, seed: int = 1) -> List[Dict[str, Any]]:
    rng = random.Random(seed)
    base = []
    for path in sorted((SOURCE / "examples" / "applications").glob("*.yaml")):
        app = yaml.safe_load(path.read_text(encoding="utf-8"))["application"]
        if app["item"] in book:
            base.append(app)
    apps = []
    for i in range(n):
        app = copy.deepcopy(base[i % len(base)])
        app["materials"] = [m for m in app.get("materials") or [] if rng.random() > 0.2]
        apps.append(app)
    return apps



def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    book = shenpi.load(SOURCE / "rules" / "tianjin")
    apps = caseload(book, args.n)
    facts = sum(len(a.get("facts") or {}) for a in apps) / len(apps)
    print(f"{args.n:,} applications, {facts:.1f} facts each on average, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    configs = [
        ("evaluate() loop", None, None, lambda: [book.evaluate(a) for a in apps[: args.n // 10]], 10),
    ]
    for detail in ("outcome", "missing", "decision"):
        for threads in (1, None):
            configs.append((f'evaluate_many(detail="{detail}", threads={threads})', detail, threads,
                            (lambda d=detail, t=threads: book.evaluate_many(apps, detail=d, threads=t)), 1))
    for name, _, _, run, scale in configs:
        wall, cpu = best(run, args.repeat)
        wall, cpu = wall * scale, cpu * scale
        print(f"  {name:48s} {args.n / wall:>10,.0f} applications/s  ({wall * 1000:7.1f} ms wall, "
              f"{cpu * 1e6 / args.n:5.2f} µs CPU each)")


if __name__ == "__main__":
    main()
