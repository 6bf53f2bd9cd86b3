"""Python values of every fact type, on a fixture item with one condition per type."""

from __future__ import annotations

import datetime
import decimal
from typing import Any, Dict

import pytest

import shenpi
from conftest import FIXTURES, RULES

ITEM = "PY-TYPES-0001"
GOOD: Dict[str, Any] = {
    "applicant.kind": "enterprise",
    "applicant.verified": True,
    "applicant.age": 30,
    "applicant.name": "天津某某餐饮有限公司",
    "premises.area_m2": 45.5,
    "premises.lease_ends": datetime.date(2027, 3, 1),
    "business.scope": ["catering", "retail"],
}


@pytest.fixture(scope="module")
def book() -> shenpi.Rulebook:
    return shenpi.load(FIXTURES / "types", calendar_dirs=[RULES / "calendar"])


def evaluate(book: shenpi.Rulebook, **changes: Any) -> shenpi.Decision:
    facts = dict(GOOD)
    facts.update({k.replace("__", "."): v for k, v in changes.items()})
    return book.evaluate({"item": ITEM, "submitted_on": "2025-09-26", "facts": facts, "materials": ["form"]})


def test_every_type_met(book: shenpi.Rulebook) -> None:
    d = evaluate(book)
    assert set(d.conditions.values()) == {"met"}, d.conditions
    assert d.outcome == "accept"


@pytest.mark.parametrize(
    "path, value, condition, status",
    [
        ("applicant.kind", "person", "kind", "unmet"),
        ("applicant.verified", False, "verified", "unmet"),
        ("applicant.age", 17, "adult", "unmet"),
        ("applicant.age", 18.0, "adult", "met"),  # pandas int columns with gaps are floats
        ("applicant.name", "", "named", "unmet"),
        ("premises.area_m2", 10, "area", "unmet"),
        ("premises.area_m2", decimal.Decimal("10.75"), "area", "met"),
        ("premises.lease_ends", "2025-12-31", "lease", "unmet"),
        ("premises.lease_ends", datetime.datetime(2026, 1, 1, 9, 0), "lease", "met"),
        ("business.scope", ("retail",), "catering", "unmet"),
        ("business.scope", [], "catering", "unmet"),
        ("business.scope", None, "catering", "unknown"),
    ],
)
def test_values(book: shenpi.Rulebook, path: str, value: Any, condition: str, status: str) -> None:
    d = evaluate(book, **{path.replace(".", "__"): value})
    assert d.conditions[condition] == status


@pytest.mark.parametrize(
    "path, value, message",
    [
        ("applicant.verified", 1, "must be a bool (true or false); got 1"),
        ("applicant.verified", "true", "must be a bool (true or false); got 'true'"),
        ("applicant.age", True, "must be an int (a whole number within 64 bits); got true"),
        ("applicant.age", 17.5, "must be an int (a whole number within 64 bits); got 17.5"),
        ("applicant.age", 2**70, "must be an int (a whole number within 64 bits); got int (1180591620717411303424)"),
        ("applicant.name", 42, "must be a string (UTF-8 text); got 42"),
        ("premises.area_m2", "45", "must be a decimal (a finite number); got '45'"),
        ("premises.lease_ends", "next year", "must be a date (YYYY-MM-DD); got 'next year'"),
        ("premises.lease_ends", 20270301, "must be a date (YYYY-MM-DD); got 20270301"),
        ("business.scope", "catering", "must be a list of strings; got 'catering'"),
        ("business.scope", {"catering": 1}, "must be a list of strings; got dict ({'catering': 1})"),
    ],
)
def test_wrong_types(book: shenpi.Rulebook, path: str, value: Any, message: str) -> None:
    """Python converts, the library checks and words (the binder's sentence)."""
    with pytest.raises(shenpi.ApplicationError) as caught:
        evaluate(book, **{path.replace(".", "__"): value})
    assert str(caught.value) == f"application.facts['{path}']: fact '{path}' {message}"
    assert caught.value.diagnostics[0].code == "SP604"
    assert caught.value.diagnostics[0].file == f"application.facts['{path}']"


def test_list_element_named(book: shenpi.Rulebook) -> None:
    with pytest.raises(shenpi.ApplicationError) as caught:
        evaluate(book, business__scope=["catering", 7])
    assert str(caught.value) == ("application.facts['business.scope'][1]: fact 'business.scope' must be "
                                 "a list of strings; got a list with int (7) at [1]")


def test_pandas_missing_values(book: shenpi.Rulebook) -> None:
    pd = pytest.importorskip("pandas")
    d = evaluate(book, premises__lease_ends=pd.NaT, applicant__age=pd.NA)
    assert d.conditions["lease"] == "unknown" and d.conditions["adult"] == "unknown"
