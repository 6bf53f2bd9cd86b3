"""A rule defect (division by zero) decides `review`: every batch path names
that outcome, as evaluate() does (the outcome table once had four words)."""

from __future__ import annotations

import json

import pytest

import shenpi
from conftest import SOURCE_DIR

RUNTIME = SOURCE_DIR / "tests" / "fixtures" / "evaluate"


@pytest.fixture(scope="module")
def book() -> shenpi.Rulebook:
    return shenpi.load(RUNTIME / "runtime", calendar_dirs=[RUNTIME / "calendar"])


def application(area: float) -> dict:
    return {
        "item": "T-RT-0001",
        "submitted_on": "2025-09-26",
        "facts": {"shop.area_m2": area, "shop.seats": 10, "shop.capacity": 50, "shop.revoked": False},
        "materials": ["form"],
    }


@pytest.mark.parametrize("detail", ["outcome", "missing", "decision"])
def test_evaluate_many_names_review(book: shenpi.Rulebook, detail: str) -> None:
    apps = [application(0.0), application(40.0)]
    one_by_one = [book.evaluate(a).outcome for a in apps]
    assert one_by_one[0] == "review"
    results = book.evaluate_many(apps, detail=detail)
    outcomes = [r if detail == "outcome" else (r[0] if detail == "missing" else r.outcome)
                for r in results]
    assert outcomes == one_by_one


def test_evaluate_json_names_review(book: shenpi.Rulebook) -> None:
    texts = [json.dumps({"application": application(0.0)})]
    assert book.evaluate_json(texts, detail="outcome") == ["review"]
