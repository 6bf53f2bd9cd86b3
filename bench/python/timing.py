"""Timing shared by the Python benchmarks in this folder."""

from __future__ import annotations

import time
from typing import Any, Callable, Tuple


def best(run: Callable[[], Any], repeat: int) -> Tuple[float, float]:
    """Best wall time and best CPU time (all threads) of ``repeat`` runs.

    CPU time says what the work costs when other programs share the cores.
    """
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)
