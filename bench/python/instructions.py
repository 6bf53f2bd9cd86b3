#!/usr/bin/python3
"""Instructions per row of the Python batch paths, counted by callgrind (run by hand).

    PYTHONPATH=<build>/python /usr/bin/python3 bench/python/instructions.py [--paths fresh,dicts]

Wall-clock figures on a shared 2-core machine move by half between runs;
instruction counts do not, so a change to the conversion is judged by
these and its wall-clock effect confirmed by bench_batch.py. For each path
the peer applications (peer_apps.py) are decided on one thread twice, 20,000
and 40,000 rows, under callgrind counting only inside the compiled module's
calls; the difference over 20,000 is the cost of a row, free of loading
and of the call's fixed costs. The count follows the calling thread: for
json and frame (threads=1) it decides the rows itself, so binding and
deciding are in it; the dict paths decide on a runner thread of their own,
so "dicts" and "fresh" count the calling thread's share alone, the
conversion under the GIL that limits those paths. Needs valgrind and a module that keeps its
symbols: configure with -DCMAKE_STRIP=/bin/true (a Release build strips
it) or build RelWithDebInfo. PYTHONHASHSEED is fixed, as str hashes steer
dict layouts and so the counts.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import re
import subprocess
import sys

SOURCE = pathlib.Path(__file__).resolve().parents[2]
PATHS = ("dicts", "fresh", "json", "frame")


def run(path: str, rows: int) -> None:
    """The workload callgrind counts: `rows` rows through `path`, one thread."""
    import shenpi
    from peer_apps import ITEM, application, frame_of

    book = shenpi.load(SOURCE / "bench" / "peers" / "rules" / "peer")
    rng = random.Random(20261201)
    distinct = [application(rng) for _ in range(1000)]
    repeat = rows // len(distinct)
    if path == "frame":
        import pandas as pd

        book.evaluate_frame(pd.concat([frame_of(distinct)] * repeat, ignore_index=True), item=ITEM, threads=1)
    elif path == "dicts":  # the same dict objects again and again
        book.evaluate_many(distinct * repeat, detail="missing", threads=1)
    elif path == "fresh":  # a dict of its own objects per row, as json.loads makes them
        texts = [json.dumps(a, default=str) for a in distinct] * repeat
        book.evaluate_many([json.loads(t) for t in texts], detail="missing", threads=1)
    else:
        docs = [json.dumps({"application": a}, default=str).encode() for a in distinct] * repeat
        book.evaluate_json(docs, detail="missing", threads=1)


def count(path: str, rows: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--collect-atstart=no",
         "--toggle-collect=pybind11::cpp_function::dispatcher*",
         sys.executable, __file__, "--run", path, str(rows)],
        env=env, capture_output=True, text=True, check=True)
    found = re.search(r"refs:\s+([\d,]+)", done.stderr)
    if not found:
        raise SystemExit(f"no count from callgrind for {path}:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--paths", default=",".join(PATHS))
    p.add_argument("--run", nargs=2, metavar=("PATH", "ROWS"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.run:
        run(args.run[0], int(args.run[1]))
        return
    for path in args.paths.split(","):
        if path not in PATHS:
            raise SystemExit(f"unknown path {path!r}: one of {', '.join(PATHS)}")
        small, large = count(path, 20_000), count(path, 40_000)
        if small == 0:
            raise SystemExit("callgrind counted nothing: the module's symbols are stripped (see --help)")
        print(f"{path:6} {(large - small) // 20_000:>8,} instructions per row")


if __name__ == "__main__":
    main()
