"""Rulebook.evaluate_many: the same answers as evaluate, in order, on all cores."""

from __future__ import annotations

import copy
import random
import threading
from typing import Any, Dict, List

import pytest

import shenpi
from conftest import APPLICATIONS, read_application

App = Dict[str, Any]


def samples(book: shenpi.Rulebook) -> List[App]:
    apps = [read_application(p) for p in sorted(APPLICATIONS.glob("*.yaml"))]
    return [a for a in apps if a["item"] in book]


def varied(book: shenpi.Rulebook, n: int, seed: int = 7) -> List[App]:
    """Sample applications with materials dropped at random: every outcome occurs."""
    rng = random.Random(seed)
    base = samples(book)
    out = []
    for i in range(n):
        app = copy.deepcopy(base[i % len(base)])
        app["materials"] = [m for m in app.get("materials") or [] if rng.random() > 0.3]
        out.append(app)
    return out


def test_matches_evaluate(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 3000)
    one_by_one = [tianjin.evaluate(a).to_dict() for a in apps]
    batch = tianjin.evaluate_many(apps, chunk_size=64)
    assert [d.to_dict() for d in batch] == one_by_one
    assert len({d["outcome"] for d in one_by_one}) >= 3


def test_compact_details(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 2000)
    decisions = tianjin.evaluate_many(apps)
    assert tianjin.evaluate_many(apps, detail="outcome") == [d.outcome for d in decisions]
    missing = tianjin.evaluate_many(apps, detail="missing")
    assert missing == [(d.outcome, tuple(d.missing)) for d in decisions]


@pytest.mark.parametrize("threads, chunk_size", [(1, 1024), (2, 7), (4, 100), (None, 1)])
def test_threads_and_chunks_do_not_change_answers(tianjin: shenpi.Rulebook, threads: Any, chunk_size: int) -> None:
    apps = varied(tianjin, 500)
    expected = [tianjin.evaluate(a).outcome for a in apps]
    assert tianjin.evaluate_many(apps, detail="outcome", threads=threads, chunk_size=chunk_size) == expected


def test_empty_and_iterables(tianjin: shenpi.Rulebook) -> None:
    assert tianjin.evaluate_many([]) == []
    apps = varied(tianjin, 10)
    expected = tianjin.evaluate_many(apps, detail="outcome")
    assert tianjin.evaluate_many((a for a in apps), detail="outcome") == expected
    assert tianjin.evaluate_many(tuple(apps), detail="outcome") == expected


def test_errors_raise_with_index(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 5000)
    apps[4321]["facts"]["applicant.credit"] = "excellent"
    apps[4500]["item"] = "NOPE"
    with pytest.raises(shenpi.ApplicationError) as caught:
        tianjin.evaluate_many(apps, detail="outcome", chunk_size=256)
    assert caught.value.index == 4321
    assert str(caught.value).startswith("apps[4321]: application.facts['applicant.credit']: fact 'applicant.credit' must be one of")
    for threads in (1, 2):  # the first bad one, however the work is spread
        with pytest.raises(shenpi.ApplicationError) as caught:
            tianjin.evaluate_many(apps[::-1], threads=threads, chunk_size=2**62)
        assert caught.value.index == 5000 - 1 - 4500


def test_errors_return(tianjin: shenpi.Rulebook) -> None:
    apps = varied(tianjin, 50)
    apps[3] = "not an application"  # type: ignore[call-overload]
    apps[7]["materials"] = ["passport"]
    decisions = tianjin.evaluate_many(apps, errors="return")
    assert not decisions[3].valid and decisions[3].outcome is None
    assert decisions[3].diagnostics[0].code == "SP601"
    assert decisions[7].diagnostics[0].file == "application.materials[0]"
    with pytest.raises(shenpi.ApplicationError):
        decisions[7].materials  # statuses need a valid decision
    assert decisions[7].to_dict()["outcome"] is None  # the JSON form of an invalid decision
    assert all(d.valid for i, d in enumerate(decisions) if i not in (3, 7))
    outcomes = tianjin.evaluate_many(apps, detail="outcome", errors="return")
    assert outcomes[3] is None and outcomes[7] is None and outcomes[0] is not None
    missing = tianjin.evaluate_many(apps, detail="missing", errors="return")
    assert missing[3] == (None, ())
    rows = shenpi.records(decisions)
    assert rows[3]["outcome"] is None and "SP601" in rows[3]["error"]


def test_bad_options(tianjin: shenpi.Rulebook) -> None:
    with pytest.raises(ValueError, match="detail"):
        tianjin.evaluate_many([], detail="everything")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="errors"):
        tianjin.evaluate_many([], errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        tianjin.evaluate_many(42)  # type: ignore[arg-type]


def test_python_threads_share_a_rulebook(tianjin: shenpi.Rulebook) -> None:
    """Batches from several Python threads at once (the GIL is released inside)."""
    apps = varied(tianjin, 2000)
    expected = tianjin.evaluate_many(apps, detail="missing")
    results: List[Any] = [None] * 4

    def run(k: int) -> None:
        results[k] = tianjin.evaluate_many(apps, detail="missing", chunk_size=128)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_decisions_outlive_the_rulebook_variable(food_app: App) -> None:
    from conftest import RULES
    book = shenpi.load(RULES / "tianjin")
    decisions = book.evaluate_many([food_app] * 3)
    del book
    assert [d.to_dict()["outcome"] for d in decisions] == ["accept"] * 3


def test_fresh_key_objects(tianjin: shenpi.Rulebook) -> None:
    """Dicts from JSON have their own key strings: the key cache must not matter."""
    import json

    apps = varied(tianjin, 3000, seed=11)
    fresh = [json.loads(json.dumps(a, default=str)) for a in apps]
    assert tianjin.evaluate_many(fresh, detail="missing", chunk_size=200) == tianjin.evaluate_many(
        apps, detail="missing")


def test_self_nested_application(tianjin: shenpi.Rulebook) -> None:
    nested: App = {}
    nested["application"] = nested
    with pytest.raises(shenpi.ApplicationError):
        tianjin.evaluate(nested)


def test_decisions_do_not_pickle(tianjin: shenpi.Rulebook, food_app: App) -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(tianjin.evaluate(food_app))
