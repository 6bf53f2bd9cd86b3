#!/usr/bin/python3
"""The caseload of caseload.py, partitioned over a Dask distributed cluster.

The rulebook is scattered to every worker once: it pickles by its source
paths, so each worker process loads its own copy from those paths (the
rule folder must be readable there at the same absolute path) and keeps it
for all the partitions it evaluates. Each task calls
``Rulebook.evaluate_many`` on one partition, which in turn uses every core
of its worker.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/caseload_dask.py
    ... caseload_dask.py --workers 2 --partitions 8 --n 10000
    ... caseload_dask.py --scheduler tcp://10.0.0.5:8786 --csv /data/caseload.csv

Without ``--scheduler`` a LocalCluster of ``--workers`` processes runs here.
On a real cluster every worker needs the shenpi package importable (the
same PYTHONPATH or an installed copy) and the rule files at the same path.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

from dask.distributed import Client, LocalCluster

import shenpi
from caseload import SOURCE, chart, generate, read_csv, report, summarize


def evaluate_partition(apps: List[Dict[str, Any]], book: shenpi.Rulebook) -> Tuple[int, int, List[tuple]]:
    """Runs on a worker: one batch call per partition.

    Returns the worker's pid and the id of its rulebook object with the
    results, so the client can check each worker loaded the rulebook once.
    """
    return os.getpid(), id(book), book.evaluate_many(apps, detail="missing")


def partitions(apps: Sequence[Any], k: int) -> List[List[Any]]:
    size = -(-len(apps) // k)
    return [list(apps[i:i + size]) for i in range(0, len(apps), size)]


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster here)")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    p.add_argument("--partitions", type=int, default=8, help="partitions of the caseload (default 8)")
    p.add_argument("--rules", type=pathlib.Path, default=SOURCE / "rules" / "tianjin", help="rulebook folder")
    p.add_argument("--csv", type=pathlib.Path, help="read applications from this CSV instead of generating")
    p.add_argument("--n", type=int, default=10_000, help="applications to generate (default 10000)")
    p.add_argument("--seed", type=int, default=2025, help="random seed of the generator")
    p.add_argument("--out", type=pathlib.Path, default=pathlib.Path("/tmp/shenpi-caseload-dask.png"), help="chart")
    return p.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    book = shenpi.load(args.rules)
    apps = read_csv(args.csv) if args.csv else generate(book, args.n, args.seed)
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        # Processes, one thread each: evaluate_many already spreads a
        # partition over the cores, so Dask threads would only contend.
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        print(f"Dask: {client}")
        start = time.perf_counter()
        # Sent once per worker, where it unpickles as shenpi.load(paths).
        [shared] = client.scatter([book], broadcast=True)
        futures = client.map(evaluate_partition, partitions(apps, args.partitions), book=shared, pure=False)
        done = client.gather(futures)
        seconds = time.perf_counter() - start
        results = [r for _, _, part in done for r in part]
        books: Dict[int, set] = {}
        for pid, book_id, _ in done:
            books.setdefault(pid, set()).add(book_id)
        print(f"Evaluated {len(results):,} applications in {len(futures)} partitions on {len(books)} worker "
              f"processes in {seconds:.2f} s (including sending the partitions)")
        print("Rulebook objects per worker process: "
              + ", ".join(f"pid {pid}: {len(ids)}" for pid, ids in sorted(books.items())) + "\n")
        summary = summarize(book, apps, results)
        report(summary)
        chart(summary, args.out, len(results))
        print(f"Chart: {args.out}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
