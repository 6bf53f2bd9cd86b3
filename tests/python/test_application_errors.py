"""Bad application dicts raise ApplicationError (a ValueError) naming the field."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any, Callable, Dict

import pytest

import shenpi

App = Dict[str, Any]


def with_fact(path: str, value: Any) -> Callable[[App], None]:
    def change(app: App) -> None:
        app["facts"][path] = value
    return change


def setting(key: str, value: Any) -> Callable[[App], None]:
    def change(app: App) -> None:
        app[key] = value
    return change


def dropping(key: str) -> Callable[[App], None]:
    def change(app: App) -> None:
        del app[key]
    return change


# (change to a valid application, expected code, expected start of the message)
CASES = {
    "decimal-given-str": (with_fact("food.pollution_distance_m", "45"), "SP604",
                          "application.facts['food.pollution_distance_m']: fact 'food.pollution_distance_m' must be a decimal "
                          "(a finite number); got '45'"),
    "bool-given-int": (with_fact("food.bulk_food", 1), "SP604",
                       "application.facts['food.bulk_food']: fact 'food.bulk_food' must be a bool (true or false); got 1"),
    "decimal-given-bool": (with_fact("food.pollution_distance_m", True), "SP604",
                           "application.facts['food.pollution_distance_m']: fact 'food.pollution_distance_m' must be a "
                           "decimal (a finite number); got true"),
    "enum-given-unknown-value": (with_fact("applicant.credit", "gud"), "SP604",
                                 "application.facts['applicant.credit']: fact 'applicant.credit' must be one of: good, normal, "
                                 "dishonest; got 'gud'"),
    "enum-given-int": (with_fact("applicant.credit", 3), "SP604",
                       "application.facts['applicant.credit']: fact 'applicant.credit' must be one of: good, normal, "
                       "dishonest; got 3"),
    "unknown-fact": (with_fact("food.colour", "red"), "SP603",
                     "application.facts['food.colour']: item TJ-SCJG-XK-0012 declares no fact 'food.colour'"),
    "fact-name-not-str": (with_fact(7, "x"), "SP601", "application.facts[7]: fact names are str"),
    "facts-not-dict": (setting("facts", ["applicant.credit"]), "SP601",
                       "application.facts: expected a dict of fact values, got list"),
    "missing-item": (dropping("item"), "SP601", "application.item: missing"),
    "item-not-str": (setting("item", 12), "SP604", "application.item: expected str (an item code), got int"),
    "unknown-item": (setting("item", "TJ-NOPE"), "SP602", "application.item: no item 'TJ-NOPE' in the rulebook"),
    "missing-date": (dropping("submitted_on"), "SP607", "application.submitted_on: missing"),
    "bad-date-text": (setting("submitted_on", "2025-02-30"), "SP607",
                      "application.submitted_on: expected datetime.date or 'YYYY-MM-DD', got str ('2025-02-30')"),
    "date-given-int": (setting("submitted_on", 20250926), "SP607",
                       "application.submitted_on: expected datetime.date or 'YYYY-MM-DD', got int"),
    "date-outside-calendar": (setting("submitted_on", datetime.date(2031, 1, 6)), "SP607",
                              "application.submitted_on: 2031-01-06 is outside the loaded calendar"),
    "materials-str": (setting("materials", "application-form"), "SP601",
                      "application.materials: expected a list of material ids, got str"),
    "material-not-str": (setting("materials", ["application-form", 3]), "SP604",
                         "application.materials[1]: expected str (an id), got int (3)"),
    "unknown-material": (setting("materials", ["application-form", "passport"]), "SP605",
                         "application.materials[1]: item TJ-SCJG-XK-0012 lists no material 'passport'"),
    "unknown-commitment": (setting("commitments", ["promise"]), "SP606",
                           "application.commitments[0]: 'promise' is neither a material"),
    "unknown-key": (setting("fact", {}), "SP601", "application['fact']: unknown key"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_shape_names_the_field(tianjin: shenpi.Rulebook, food_app: App, name: str) -> None:
    change, code, message = CASES[name]
    app = copy.deepcopy(food_app)
    change(app)
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate(app)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error).startswith(message), str(error)
    assert error.index is None
    first = error.diagnostics[0]
    assert first.code == code
    assert str(error).startswith(first.file)


def test_not_a_dict(tianjin: shenpi.Rulebook) -> None:
    for value in ("TJ-SCJG-XK-0012", 3, ["item"]):
        with pytest.raises(shenpi.ApplicationError, match="application: expected a dict, got"):
            tianjin.evaluate(value)  # type: ignore[arg-type]


def test_every_problem_is_reported(tianjin: shenpi.Rulebook, food_app: App) -> None:
    food_app["facts"]["food.bulk_food"] = "no"
    food_app["facts"]["food.colour"] = "red"
    food_app["materials"].append("passport")
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate(food_app)
    assert [d.code for d in caught.value.diagnostics] == ["SP604", "SP603", "SP605"]
    assert "(and 2 more; see .diagnostics)" in str(caught.value)


def test_application_error_pickles(tianjin: shenpi.Rulebook, food_app: App) -> None:
    food_app["item"] = "TJ-NOPE"
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate(food_app)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value) and again.diagnostics == caught.value.diagnostics


def test_a_raising_value_propagates(tianjin: shenpi.Rulebook, food_app: App) -> None:
    class Broken:
        def __float__(self) -> float:
            raise RuntimeError("no float today")

    food_app["facts"]["food.pollution_distance_m"] = Broken()
    with pytest.raises(RuntimeError, match="no float today"):
        tianjin.evaluate(food_app)
