"""Timing shared by the Python benchmarks in this folder."""

from __future__ import annotations

import time
from typing import Any, Callable, Tuple


def best(run: Callable[[], Any], repeat: int) -> Tuple[float, float]:
    """Best wall time and best CPU time (all threads) of ``repeat`` runs.

    CPU time says what the work costs when other programs share the cores.
    """
    wall, cpu, _ = best_with_caller(run, repeat)
    return wall, cpu


def best_with_caller(run: Callable[[], Any], repeat: int) -> Tuple[float, float, float]:
    """As best(), plus the best CPU time of the calling thread alone.

    The calling thread holds the GIL for what must be done under it (reading
    dicts); its share bounds a batch call's rate however many cores there are.
    """
    wall, cpu, caller = [], [], []
    for _ in range(repeat):
        start, start_cpu, start_caller = time.perf_counter(), time.process_time(), time.thread_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        caller.append(time.thread_time() - start_caller)
    return min(wall), min(cpu), min(caller)
