"""The analyst examples run end to end (small caseloads, to stay quick)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR

EXAMPLES = SOURCE_DIR / "examples" / "python"


def run(script: str, *args: str) -> str:
    env = dict(os.environ)
    result = subprocess.run([sys.executable, str(EXAMPLES / script), *args], env=env, cwd=SOURCE_DIR,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_caseload_generates_reads_and_charts(tmp_path: pathlib.Path) -> None:
    csv, png = tmp_path / "caseload.csv", tmp_path / "caseload.png"
    out = run("caseload.py", "--n", "2000", "--seed", "3", "--write-csv", str(csv), "--out", str(png))
    assert "Evaluated 2,000 applications" in out
    assert "Ten most often missing materials" in out
    assert png.stat().st_size > 10_000 and png.read_bytes()[:4] == b"\x89PNG"
    again = run("caseload.py", "--csv", str(csv), "--out", str(tmp_path / "again.png"))
    # The same caseload read back from CSV gives the same summary.
    assert again.split("\n", 1)[1] == out.split("\n", 1)[1].replace(str(png), str(tmp_path / "again.png"))


def test_caseload_dask_local_cluster(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("distributed")
    out = run("caseload_dask.py", "--n", "2000", "--seed", "3", "--workers", "2", "--partitions", "6",
              "--out", str(tmp_path / "dask.png"))
    assert "Evaluated 2,000 applications in 6 partitions" in out
    local = run("caseload.py", "--n", "2000", "--seed", "3", "--out", str(tmp_path / "local.png"))
    summary = lambda text: text.split("Outcomes:")[1].split("Chart:")[0]  # noqa: E731
    assert summary(out) == summary(local)  # the cluster decides as this process does
    # Each worker process holds one rulebook, whatever number of partitions it ran.
    counts = out.split("Rulebook objects per worker process: ")[1].splitlines()[0]
    assert all(part.endswith(": 1") for part in counts.split(", ")), counts
    assert (tmp_path / "dask.png").exists()
