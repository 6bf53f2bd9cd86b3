"""Python results equal `shenpi eval RULES APP --json` for every sample application."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

import shenpi
from conftest import APPLICATIONS, SOURCE_DIR, read_application, rules_of

CLI = os.environ.get("SHENPI_CLI")
SAMPLES = sorted(APPLICATIONS.glob("*.yaml"))
_books: dict = {}


def book_for(rules: pathlib.Path) -> shenpi.Rulebook:
    if rules not in _books:
        _books[rules] = shenpi.load(rules)
    return _books[rules]


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 10


@pytest.mark.skipif(not CLI, reason="SHENPI_CLI is not set (CTest sets it)")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_same_as_cli(sample: pathlib.Path) -> None:
    rules = rules_of(sample)
    cli = subprocess.run(
        [CLI, "eval", str(rules.relative_to(SOURCE_DIR)), str(sample.relative_to(SOURCE_DIR)), "--json", "--trace"],
        cwd=SOURCE_DIR, capture_output=True, text=True, check=True,
    )
    expected = json.loads(cli.stdout)
    # The CLI adds the decision record (docs/versions.md); to_dict is decision_to_json.
    expected.pop("record")
    decision = book_for(rules).evaluate(read_application(sample))
    assert decision.to_dict(trace=True) == expected
    without_trace = {k: v for k, v in expected.items() if k != "trace"}
    assert decision.to_dict() == without_trace
    assert decision.outcome == expected["outcome"]
    assert decision.materials == {m["id"]: m["status"] for m in expected["materials"]}
    assert decision.conditions == {c["id"]: c["status"] for c in expected["conditions"]}
    deadlines = {k: (v.isoformat() if v else None) for k, v in decision.deadlines.items()}
    assert deadlines == expected["deadlines"]
