"""shenpi (审批): a rules engine for standardized approval procedures.

Load a checked rulebook, evaluate applications against its items, and plan
parallel approvals of bundles::

    import shenpi
    book = shenpi.load("rules/tianjin")          # RuleError on rule errors
    d = book.evaluate({"item": "TJ-SCJG-XK-0012", "submitted_on": "2025-09-26",
                       "facts": {...}, "materials": [...], "commitments": [...]})
    d.outcome, d.missing, d.deadlines, d.to_dict(), d.notice()
    book.evaluate_many(apps, detail="outcome")   # batches, on every core
    book.evaluate_jsonl(data, detail="missing")  # JSON lines (evaluate_json: a list of texts)
    book.evaluate_frame(df, "TJ-SCJG-XK-0012")   # a pandas DataFrame in, one out
    book.graph("TJ-YJS-QYKB").critical_path

Introspection (``book.items()``, ``book.materials()``, ``book.conditions()``,
``book.time_limits()``, ``book.bundles()`` …) returns lists of flat dicts
that ``pandas.DataFrame(...)`` takes as they are. See docs/python.md.
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Dict, Iterable, List, Sequence, Union

from ._errors import (
    ApplicationError,
    CalendarError,
    Diagnostic,
    DiagnosticNote,
    RuleError,
    RuleWarning,
    ShenpiError,
)
from . import _shenpi
from ._compare import compare
from ._frame import evaluate_frame as _evaluate_frame
from ._shenpi import Calendar, Decision, Graph, Rulebook, diagnostic_catalog

__version__: str = _shenpi.__version__

# Written in Python (shenpi/_frame.py): pandas is imported only when called.
Rulebook.evaluate_frame = _evaluate_frame  # type: ignore[attr-defined]

__all__ = [
    "load",
    "compare",
    "records",
    "diff",
    "Rulebook",
    "Decision",
    "Graph",
    "Calendar",
    "Diagnostic",
    "DiagnosticNote",
    "ShenpiError",
    "RuleError",
    "ApplicationError",
    "CalendarError",
    "RuleWarning",
    "diagnostic_catalog",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]


def load(
    paths: Union[PathLike, Sequence[PathLike]],
    disabled: Iterable[str] = (),
    calendar_dirs: Iterable[PathLike] = (),
) -> Rulebook:
    """Load and check a rulebook from a folder, a file, or a list of them.

    A folder is a jurisdiction (facts.yaml, materials.yaml, items/, bundles/);
    several paths merge into one rulebook. ``disabled`` silences warnings by
    code or name (``"SP310"``, ``"material-without-basis"``; a name that is
    neither is warning SP111, also issued as a RuleWarning); ``calendar_dirs``
    replaces the default calendar folder (``<rulebook>/../calendar``).
    Paths may hold bytes that are no UTF-8 (as ``os.fsdecode`` gives them).

    Raises RuleError, whose ``diagnostics`` lists every problem found, when
    the rules have errors or cannot be read. Warnings are kept in
    ``Rulebook.diagnostics``. The rulebook pickles by these paths.
    """
    names = [disabled] if isinstance(disabled, str) else [str(d) for d in disabled]
    book = _shenpi.load(paths, names, list(calendar_dirs))
    for d in book.diagnostics:
        if d.code == "SP111":  # the caller's own argument: say so where the call is
            warnings.warn(RuleWarning(str(d), [d]), stacklevel=2)
    return book


def records(decisions: Iterable[Decision]) -> List[Dict[str, Any]]:
    """Flat dicts, one per decision, ready for ``pandas.DataFrame``.

    Columns: item, submitted_on, outcome, tolerance, missing (list of ids),
    tolerated (list of ids), promised, statutory and tolerance_due (dates or
    None). Invalid decisions (from ``errors="return"``) have outcome None
    and their first diagnostic under ``error``.
    """
    rows: List[Dict[str, Any]] = []
    for d in decisions:
        if not d.valid:
            rows.append({"outcome": None, "error": str(d.diagnostics[0]) if d.diagnostics else "invalid"})
            continue
        deadlines = d.deadlines
        rows.append(
            {
                "item": d.item,
                "submitted_on": d.submitted_on,
                "outcome": d.outcome,
                "tolerance": d.tolerance,
                "missing": d.missing,
                "tolerated": d.tolerated,
                "promised": deadlines["promised"],
                "statutory": deadlines["statutory"],
                "tolerance_due": deadlines["tolerance"],
            }
        )
    return rows


def diff(old: Rulebook, new: Rulebook, apps: Any = None) -> Dict[str, Any]:
    """What changes from rulebook ``old`` to ``new`` (docs/versions.md).

    Returns the data of ``shenpi diff --json``: ``items`` (per item code the
    Chinese change lines), ``bundles``, ``transitions`` (``{from, to, count,
    examples}``) and ``impact``. ``apps`` is None, a path (a folder of
    application files, one file, or a ``.jsonl`` file) or a list of
    application dicts (an ``"id"`` key names each). Each application is
    decided under both rulebooks with their current versions of its item.
    Where pandas is installed, ``frames`` holds ``items`` (one row per
    change) and ``transitions`` as DataFrames.
    """
    import json

    result: Dict[str, Any] = json.loads(_shenpi._diff(old, new, apps))
    try:
        import pandas as pd
    except ImportError:  # pandas is optional
        return result
    rows = [
        {"code": i["code"], "name": i["name"], "old_version": i["old_version"],
         "new_version": i["new_version"], "change": c}
        for i in result["items"] for c in i["changes"]
    ]
    result["frames"] = {
        "items": pd.DataFrame(rows, columns=["code", "name", "old_version", "new_version", "change"]),
        "transitions": pd.DataFrame(result["transitions"], columns=["from", "to", "count", "examples"]),
    }
    return result
