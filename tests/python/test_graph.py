"""Rulebook.graph and the Graph object."""

from __future__ import annotations

import datetime
import json
import os
import subprocess

import pytest

import shenpi
from conftest import SOURCE_DIR

QYKB = "TJ-YJS-QYKB"
GCJS = "TJ-GCJS-SHTZ-YB"


def test_plan(tianjin: shenpi.Rulebook) -> None:
    g = tianjin.graph(QYKB)
    assert g.ok and g.diagnostics == []
    assert g.code == QYKB and g.name == "企业开办一件事"
    assert g.target == "1 working day" and g.target_days == 1
    assert g.statutory is False
    assert g.levels[0] == ["TJ-SCJG-DJ-0001"]
    assert sorted(c for level in g.levels for c in level) == sorted(n["code"] for n in g.nodes)
    assert g.critical_path[0] == "TJ-SCJG-DJ-0001"
    assert g.critical_length <= g.serial_length
    assert [s["id"] for s in g.stages] == ["register", "after-license"]
    assert g.start is None and g.finish is None
    assert "critical" in repr(g)


def test_nodes_edges_checklist(tianjin: shenpi.Rulebook) -> None:
    g = tianjin.graph(GCJS)
    first = g.nodes[0]
    assert {"code", "name", "duration", "level", "slack", "on_critical_path", "stage"} <= set(first)
    assert all(n["slack"] >= 0 for n in g.nodes)
    assert {n["code"] for n in g.nodes if n["on_critical_path"]} >= set(g.critical_path)
    assert {e["kind"] for e in g.edges} <= {"material", "depends", "stage"}
    assert all(e["material"] for e in g.edges if e["kind"] == "material")
    assert g.asked_merged == len(g.checklist) <= g.asked_separately
    line = g.checklist[0]
    assert {"material", "name", "items", "conditional"} == set(line)


def test_schedule(tianjin: shenpi.Rulebook) -> None:
    g = tianjin.graph(QYKB)
    with pytest.raises(ValueError, match="no start date"):
        g.schedule()
    rows = g.schedule(datetime.date(2025, 9, 26))
    assert rows[0]["code"] == "TJ-SCJG-DJ-0001"
    assert rows[0]["start"] == datetime.date(2025, 9, 26)
    assert all(isinstance(r["finish"], datetime.date) and r["finish"] >= r["start"] for r in rows)
    dated = tianjin.graph(QYKB, start="2025-09-26")
    assert dated.schedule() == rows == g.schedule("2025-09-26")
    assert dated.start == datetime.date(2025, 9, 26)
    assert dated.finish == max(r["finish"] for r in rows)


def test_schedule_outside_calendar(tianjin: shenpi.Rulebook) -> None:
    with pytest.raises(shenpi.CalendarError):
        tianjin.graph(QYKB).schedule(datetime.date(2031, 3, 3))
    with pytest.raises(ValueError):
        tianjin.graph(QYKB, start=datetime.date(2031, 3, 3))


def test_statutory_plan_is_not_shorter(tianjin: shenpi.Rulebook) -> None:
    promised = tianjin.graph(GCJS)
    statutory = tianjin.graph(GCJS, statutory=True)
    assert statutory.statutory and statutory.critical_length >= promised.critical_length


def test_exports(tianjin: shenpi.Rulebook) -> None:
    g = tianjin.graph(QYKB, start="2025-09-26")
    assert g.to_dot().startswith("digraph")
    assert "flowchart" in g.to_mermaid() and "gantt" in g.to_mermaid()
    assert "企业开办一件事" in g.to_text()
    assert g.to_dict() == json.loads(g.to_json())


@pytest.mark.skipif(not os.environ.get("SHENPI_CLI"), reason="SHENPI_CLI is not set (CTest sets it)")
@pytest.mark.parametrize("code", [QYKB, GCJS])
def test_same_as_cli(tianjin: shenpi.Rulebook, code: str) -> None:
    cli = subprocess.run(
        [os.environ["SHENPI_CLI"], "graph", "rules/tianjin", code, "--format", "json", "--start", "2025-09-26"],
        cwd=SOURCE_DIR, capture_output=True, text=True, check=True,
    )
    assert tianjin.graph(code, start="2025-09-26").to_dict() == json.loads(cli.stdout)
    dot = subprocess.run(
        [os.environ["SHENPI_CLI"], "graph", "rules/tianjin", code, "--format", "dot"],
        cwd=SOURCE_DIR, capture_output=True, text=True, check=True,
    )
    assert tianjin.graph(code).to_dot() == dot.stdout.rstrip("\n") or tianjin.graph(code).to_dot() == dot.stdout


def test_unknown_bundle(tianjin: shenpi.Rulebook) -> None:
    with pytest.raises(KeyError, match="no bundle 'NOPE'.*TJ-YJS-QYKB"):
        tianjin.graph("NOPE")
