"""Bad input from Python, by class (issue #12 section 4): every one is a
shenpi diagnostic or a plain ValueError/TypeError naming the argument, never
a raw pybind11 or Unicode error, and one bad row of a batch costs that row."""

from __future__ import annotations

import copy
import datetime
import decimal
import math
import os
import pickle
import warnings
from typing import Any, Dict

import pytest

import shenpi
from conftest import FIXTURES, RULES

App = Dict[str, Any]
DISTANCE = "food.pollution_distance_m"


def fails(book: shenpi.Rulebook, app: App) -> shenpi.ApplicationError:
    with pytest.raises(shenpi.ApplicationError) as caught:
        book.evaluate(app)
    return caught.value


# --- lone surrogates: a str that has no UTF-8 form -------------------------

@pytest.mark.parametrize(
    "change, code, field, quoted",
    [
        (lambda a: a["facts"].update({"applicant.credit": "go\udcffod"}), "SP604",
         "application.facts['applicant.credit']", "'go\\xFFod'"),
        (lambda a: a["facts"].update({"appl\udcff": 1}), "SP603",
         "application.facts['appl\\xff']", "'appl\\xFF'"),
        (lambda a: a.update({"materials": ["\udcff"]}), "SP605", "application.materials[0]", "'\\xff'"),
        (lambda a: a.update({"commitments": ["x\udcff"]}), "SP606", "application.commitments[0]", "'x\\xff'"),
        (lambda a: a.update({"item": "TJ\udcff"}), "SP602", "application.item", "'TJ\\xff'"),
        (lambda a: a.update({"submitted_on": "2025-09-2\udcff"}), "SP607", "application.submitted_on", None),
    ],
)
def test_lone_surrogates_are_diagnostics(tianjin: shenpi.Rulebook, food_app: App, change: Any, code: str,
                                         field: str, quoted: Any) -> None:
    change(food_app)
    error = fails(tianjin, food_app)
    first = error.diagnostics[0]
    assert (first.code, first.file) == (code, field), first
    if quoted:
        assert quoted in first.message
    str(error).encode("utf-8")  # printable as it is: no surrogate left in the text


def test_surrogates_in_string_and_list_facts() -> None:
    """Not only enum values: a string or list fact refuses them as no UTF-8 text."""
    book = shenpi.load(FIXTURES / "types", calendar_dirs=[RULES / "calendar"])
    app = {"item": "PY-TYPES-0001", "submitted_on": "2025-09-26", "materials": ["form"],
           "facts": {"applicant.name": "\ud800x", "business.scope": ["ok", "\udcff"]}}
    messages = sorted(d.message for d in fails(book, app).diagnostics)
    assert messages == [
        "fact 'applicant.name' must be a string (UTF-8 text); got '\\xED\\xA0\\x80x'",
        "fact 'business.scope' must be a list of strings; got a list with '\\xFF' at [1]",
    ]


def test_surrogate_row_costs_that_row_only(tianjin: shenpi.Rulebook, food_app: App) -> None:
    bad = copy.deepcopy(food_app)
    bad["facts"]["applicant.credit"] = "\udcff"
    apps = [food_app, bad, food_app]
    decisions = tianjin.evaluate_many(apps, errors="return")
    assert [d.valid for d in decisions] == [True, False, True]
    assert decisions[1].diagnostics[0].code == "SP604"
    assert tianjin.evaluate_many(apps, detail="outcome", errors="return")[1] is None
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate_many(apps)
    assert caught.value.index == 1 and str(caught.value).startswith("apps[1]: application.facts")


def test_non_utf8_path_is_sp100() -> None:
    with pytest.raises(shenpi.RuleError) as caught:
        shenpi.load("rules/\udcff")
    assert caught.value.diagnostics[0].code == "SP100"
    assert "\\xff" in str(caught.value)
    with pytest.raises(shenpi.RuleError):
        shenpi.load(RULES / "tianjin", calendar_dirs=["/no/such/\udcff"])


def test_non_utf8_folder_loads_and_pickles(tmp_path: Any) -> None:
    """A folder whose name is no UTF-8 (as os.fsdecode gives it) is a folder like any other."""
    folder = os.fsdecode(os.path.join(os.fsencode(str(tmp_path)), b"r\xff"))
    os.symlink(RULES / "tianjin", folder)
    book = shenpi.load(folder, calendar_dirs=[RULES / "calendar"])
    assert book.sources == [folder]
    assert pickle.loads(pickle.dumps(book)).sources == [folder]
    assert "\\xff" in repr(book)


# --- numbers: NaN is a gap, infinity and past 64 bits are no value -----------

@pytest.mark.parametrize("value", [math.nan, decimal.Decimal("NaN"), decimal.Decimal("sNaN"), None])
def test_every_nan_leaves_the_fact_unknown(tianjin: shenpi.Rulebook, food_app: App, value: Any) -> None:
    """One rule for NaN, whatever holds it: pandas' mark of a gap (as `fact: ~`)."""
    food_app["facts"][DISTANCE] = value
    d = tianjin.evaluate(food_app)
    assert d.conditions["premises-distance"] == "unknown"


@pytest.mark.parametrize(
    "value, given",
    [
        (math.inf, "infinity"),
        (-math.inf, "-infinity"),
        (decimal.Decimal("Infinity"), "decimal.Decimal (Decimal('Infinity'))"),
        (decimal.Decimal("1e400"), "decimal.Decimal (Decimal('1E+400'))"),
        pytest.param(10**400, "int (1000000000000000000000000000000000000000...)", id="1e400"),
        (-(2**63) - 1, "int (-9223372036854775809)"),
    ],
)
def test_no_finite_64_bit_number_is_sp604(tianjin: shenpi.Rulebook, food_app: App, value: Any, given: str) -> None:
    food_app["facts"][DISTANCE] = value
    error = fails(tianjin, food_app)
    assert error.diagnostics[0].code == "SP604"
    assert error.diagnostics[0].message == (f"fact '{DISTANCE}' must be a decimal (a finite number); got {given}")


def test_numbers_that_fit(tianjin: shenpi.Rulebook, food_app: App) -> None:
    outcomes = set()
    for value in (60, 60.0, decimal.Decimal("60"), 2**63 - 1, 1e300):
        food_app["facts"][DISTANCE] = value
        outcomes.add(tianjin.evaluate(food_app).conditions["premises-distance"])
    assert outcomes == {"met"}


def test_numpy_nan_is_a_gap_too(tianjin: shenpi.Rulebook, food_app: App) -> None:
    np = pytest.importorskip("numpy")
    food_app["facts"][DISTANCE] = np.float32("nan")
    assert tianjin.evaluate(food_app).conditions["premises-distance"] == "unknown"
    food_app["facts"][DISTANCE] = np.float64("inf")
    assert fails(tianjin, food_app).diagnostics[0].code == "SP604"


# --- batch arguments -----------------------------------------------------------

@pytest.mark.parametrize("threads", [0, -1, -(10**30)])
def test_threads_below_one(tianjin: shenpi.Rulebook, food_app: App, threads: int) -> None:
    with pytest.raises(ValueError, match=r"evaluate_many: threads must be at least 1, not -?\d+ \(None: one per core\)"):
        tianjin.evaluate_many([food_app], threads=threads)


def test_thread_and_chunk_arguments(tianjin: shenpi.Rulebook, food_app: App) -> None:
    expected = [tianjin.evaluate(food_app).outcome] * 3
    assert tianjin.evaluate_many([food_app] * 3, detail="outcome", threads=10**30) == expected  # capped
    assert tianjin.evaluate_many([food_app] * 3, detail="outcome", chunk_size=10**30) == expected
    with pytest.raises(ValueError, match="chunk_size must be at least 1"):
        tianjin.evaluate_many([food_app], chunk_size=0)
    with pytest.raises(TypeError, match="threads must be an int, not float"):
        tianjin.evaluate_many([food_app], threads=2.0)
    with pytest.raises(TypeError, match="threads must be an int, not bool"):
        tianjin.evaluate_many([food_app], threads=True)


# --- calendar counts of any size ----------------------------------------------------

@pytest.mark.parametrize("n", [10**18, 2**31, 10**400], ids=["1e18", "2**31", "1e400"])
def test_huge_counts_leave_the_calendar(tianjin: shenpi.Rulebook, n: int) -> None:
    with pytest.raises(shenpi.CalendarError) as caught:
        tianjin.calendar.add_working_days(datetime.date(2025, 1, 2), n)
    assert [d.code for d in caught.value.diagnostics] == ["SP504"]
    assert "runs past the end" in str(caught.value)
    assert caught.value.date == datetime.date(max(tianjin.calendar.years) + 1, 1, 1)  # the first day past
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.diagnostics == caught.value.diagnostics


@pytest.mark.parametrize("n", [-1, -(10**18)])
def test_negative_counts(tianjin: shenpi.Rulebook, n: int) -> None:
    with pytest.raises(shenpi.CalendarError, match=rf"cannot add a negative number of working days \({n}\)") as caught:
        tianjin.calendar.add_working_days(datetime.date(2025, 1, 2), n)
    assert caught.value.diagnostics[0].code == "SP504"


def test_calendar_int_arguments(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    with pytest.raises(TypeError, match=r"add_working_days\(\): n: expected an int, got float"):
        cal.add_working_days(datetime.date(2025, 1, 2), 1.5)
    assert cal.is_provisional(10**30) is False
    with pytest.raises(shenpi.CalendarError, match=r"^1000000000000000000000 is outside the calendar"):
        cal.working_days_in_year(10**21)


# --- load(disabled=...) --------------------------------------------------------------------

def test_unknown_disabled_name_is_a_warning() -> None:
    with pytest.warns(shenpi.RuleWarning, match=r"SP111.*cannot disable 'SP999'") as caught:
        book = shenpi.load(RULES / "tianjin", disabled=["SP999"])
    warning = caught[0]
    assert warning.filename == __file__  # points at the caller's line
    assert isinstance(warning.message, shenpi.ShenpiError)
    assert [d.code for d in warning.message.diagnostics] == ["SP111"]
    assert [d.code for d in book.diagnostics if d.code == "SP111"] == ["SP111"]


def test_unknown_disabled_name_as_an_error() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", shenpi.RuleWarning)
        with pytest.raises(shenpi.ShenpiError) as caught:
            shenpi.load(RULES / "tianjin", disabled=["no-such-lint", "SP302"])
    assert caught.value.diagnostics[0].code == "SP111"


def test_known_disabled_names_warn_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shenpi.load(RULES / "tianjin", disabled="SP302")  # one name as a str
        shenpi.load(RULES / "tianjin", disabled=["SP302", "material-without-basis"])


def test_surrogate_disabled_name_is_sp111() -> None:
    with pytest.warns(shenpi.RuleWarning, match=r"cannot disable 'SP\\xff'"):
        shenpi.load(RULES / "tianjin", disabled=["SP\udcff"])
