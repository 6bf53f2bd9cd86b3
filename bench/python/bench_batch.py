#!/usr/bin/python3
"""Throughput of the Python batch paths on the peer item (run by hand; not a test).

    PYTHONPATH=build-bench/python /usr/bin/python3 bench/python/bench_batch.py [--n 1000000]

The item is bench/peers/rules (PEER-0001: 10 conditions, 20 materials,
14 facts of every type but date). --distinct varied applications are made
the way bench/peers/generate.mjs makes them (every outcome occurs) and
repeated up to --n, then decided through:

  * evaluate_many(dicts, detail="missing")
  * the same over dicts that share no str object (one json.loads each)
  * evaluate_json(list of JSON bytes, detail="missing")
  * evaluate_jsonl(one JSONL bytes buffer, detail="missing")
  * evaluate_frame(DataFrame of --n rows: one column per fact, a material
    list column, a commitment list column)

Prints the best of --repeat runs: applications (rows) per second by the
wall clock, CPU time per application over all threads, and the part of it
spent on the calling thread (the GIL side). The CPU figure
says what the work costs when other programs share the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random

import shenpi
from peer_apps import ITEM, application, frame_of
from timing import best_with_caller

SOURCE = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--distinct", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--only", default="", help="run only the paths whose name contains this (e.g. dicts)")
    args = p.parse_args()
    import pandas as pd

    book = shenpi.load(SOURCE / "bench" / "peers" / "rules" / "peer")
    rng = random.Random(20261201)
    distinct = [application(rng) for _ in range(args.distinct)]
    apps = [distinct[i % len(distinct)] for i in range(args.n)]
    texts = [json.dumps({"application": a}).encode() for a in distinct]
    docs = [texts[i % len(texts)] for i in range(args.n)]
    jsonl = b"\n".join(docs) + b"\n"
    df = pd.concat([frame_of(distinct)] * (args.n // len(distinct)), ignore_index=True)
    if len(df) < args.n:
        df = pd.concat([df, frame_of(distinct[: args.n - len(df)])], ignore_index=True)
    outcomes = {o: 0 for o in ("accept", "accept_with_deficiency", "supplement", "reject", "review")}
    for o, _ in book.evaluate_many(distinct, detail="missing"):
        outcomes[o] += 1
    print(f"{args.n:,} applications ({args.distinct:,} distinct, outcomes {outcomes}), "
          f"{len(jsonl) / args.n:.0f} bytes of JSON each, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} (a shared machine: compare CPU µs too)")
    frame = book.evaluate_frame(df, ITEM)
    assert list(frame["outcome"][: len(distinct)]) == [o for o, _ in book.evaluate_many(distinct, detail="missing")]
    # Dicts that share no str object (one json.loads each): what the
    # identity caches cannot help with. Made only when asked for.
    fresh_name = 'evaluate_many(json.loads dicts, detail="missing")'
    fresh = [json.loads(json.dumps(distinct[i % len(distinct)])) for i in range(args.n)] if args.only in fresh_name else []
    configs = [
        ('evaluate_many(dicts, detail="missing")', lambda: book.evaluate_many(apps, detail="missing", threads=args.threads)),
        (fresh_name, lambda: book.evaluate_many(fresh, detail="missing", threads=args.threads)),
        ('evaluate_json(bytes list, detail="missing")', lambda: book.evaluate_json(docs, detail="missing", threads=args.threads)),
        ('evaluate_jsonl(buffer, detail="missing")', lambda: book.evaluate_jsonl(jsonl, detail="missing", threads=args.threads)),
        ("evaluate_frame(DataFrame)", lambda: book.evaluate_frame(df, ITEM, threads=args.threads)),
    ]
    for name, run in configs:
        if args.only not in name:
            continue
        wall, cpu, caller = best_with_caller(run, args.repeat)
        print(f"  {name:46s} {args.n / wall:>12,.0f} /s  ({wall * 1000:8.1f} ms wall, "
              f"{cpu * 1e6 / args.n:5.2f} µs CPU each, {caller * 1e6 / args.n:5.2f} on the calling thread)")


if __name__ == "__main__":
    main()
