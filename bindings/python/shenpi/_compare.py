"""shenpi.compare: the same national-catalogue item across rulebooks (docs/compare.md)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence

from . import _shenpi


class Comparison:
    """What ``shenpi compare`` prints, as data.

    ``data`` is the JSON of ``shenpi compare --json`` as a dict. ``items``,
    ``materials``, ``only_in_one`` and ``summary`` are flat tables (one row
    per item and jurisdiction, per material and jurisdiction, …): pandas
    DataFrames when pandas is installed, else lists of dicts.
    """

    def __init__(self, data: Dict[str, Any], html: str, text: str) -> None:
        self.data = data
        self.html = html
        self.text = text
        self.jurisdictions: List[str] = list(data["jurisdictions"])
        self.items = _frame(_item_rows(data))
        self.materials = _frame(_material_rows(data))
        self.only_in_one = _frame(list(data["only_in_one"]))
        self.summary = _frame(list(data["summary"]))

    def __repr__(self) -> str:
        return "<shenpi.Comparison {} items across {}>".format(
            len(self.data["items"]), ", ".join(self.jurisdictions))


def _item_rows(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    rows = []
    for item in data["items"]:
        for label, side in zip(data["jurisdictions"], item["sides"]):
            if side is None:
                continue
            row = {"catalog_code": item["catalog_code"], "jurisdiction": label}
            row.update({k: v for k, v in side.items() if k not in ("basis", "conditions", "commitments")})
            row["basis"] = "；".join(side["basis"])
            row["uniform"] = item["uniform"]["all"]
            rows.append(row)
    return rows


def _material_rows(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    rows = []
    for item in data["items"]:
        for m in item["materials"]:
            for j, label in enumerate(data["jurisdictions"]):
                rows.append({"catalog_code": item["catalog_code"], "material": m["key"],
                             "jurisdiction": label, "name": m["names"][j],
                             "presence": m["presence"][j], "required_when": m["required_when"][j],
                             "names_differ": m["names_differ"]})
    return rows


def _frame(rows: List[Dict[str, Any]]) -> Any:
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows)


def compare(*books: Any, labels: Optional[Sequence[str]] = None) -> Comparison:
    """Compares rulebooks (``shenpi.load`` results) item by item over their
    national catalogue codes. ``labels`` name the columns; by default each
    book's folder name."""
    if len(books) < 2:
        raise ValueError("compare() needs at least two rulebooks")
    names = list(labels or [])
    data = json.loads(_shenpi._compare(list(books), names, "json"))
    names = data["jurisdictions"]
    return Comparison(data, _shenpi._compare(list(books), names, "html"),
                      _shenpi._compare(list(books), names, "text"))
