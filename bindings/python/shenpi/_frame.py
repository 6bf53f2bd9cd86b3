"""Rulebook.evaluate_frame: decide the rows of a pandas DataFrame.

The columns are handed to the compiled module as numpy arrays (bool, int64,
float64, datetime64 as days, categorical codes), so numeric and date
columns cost no Python object per cell; object columns (str, lists,
datetime.date) are converted once per cell (a list object shared by rows
once). Every name (fact, category, text, material id) is resolved once per
item version; binding by handle and deciding then run on every core
without the GIL, a row the typed binder refuses going through an
Application so that its error is the usual one. See docs/python.md.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

OUTCOMES = ("accept", "accept_with_deficiency", "supplement", "reject", "review")

_AUTO = object()  # "the column of that name when the frame has one"


def _mask(series: Any) -> Optional[Any]:
    import numpy as np

    missing = series.isna().to_numpy(dtype=np.uint8)
    return missing if missing.any() else None


def _column_spec(path: str, series: Any) -> Tuple[str, str, Any, Any, Any]:
    """(fact path, kind, values, missing mask, categories) for one column."""
    import numpy as np
    import pandas as pd
    from pandas.api import types

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy(dtype=np.int64)  # -1: no value
        return path, "codes", codes, None, list(series.cat.categories.astype(object))
    if types.is_bool_dtype(dtype):
        mask = _mask(series)
        values = series.to_numpy(dtype=np.uint8, na_value=0) if mask is not None else series.to_numpy(dtype=np.uint8)
        return path, "bool", values, mask, None
    if types.is_unsigned_integer_dtype(dtype) and len(series) and series.max() > np.iinfo(np.int64).max:
        return path, "object", series.to_numpy(dtype=object), None, None  # beyond 64 bits: SP604 per cell
    if types.is_integer_dtype(dtype):
        mask = _mask(series)
        values = series.to_numpy(dtype=np.int64, na_value=0) if mask is not None else series.to_numpy(dtype=np.int64)
        return path, "int", values, mask, None
    if types.is_float_dtype(dtype):
        return path, "float", series.to_numpy(dtype=np.float64, na_value=np.nan), None, None
    if types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)  # the local calendar day
        days = series.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").view(np.int64)
        return path, "date", days, None, None  # NaT stays NaT: int64 minimum
    return path, "object", series.to_numpy(dtype=object), None, None


def _pick(df: Any, name: Any, what: str) -> Optional[str]:
    if name is None:
        return None
    if name is _AUTO:
        return what if what in df.columns else None
    if name not in df.columns:
        raise KeyError(f"evaluate_frame: no column {name!r} for {what}; pass {what}=None when there is none")
    return name


def evaluate_frame(
    self: Any,
    df: Any,
    item: str,
    *,
    submitted_on: Any = "submitted_on",
    materials: Optional[str] = "materials",
    commitments: Any = _AUTO,
    facts: Union[None, Sequence[str], Mapping[str, str]] = None,
    errors: str = "raise",
    threads: Optional[int] = None,
    chunk_size: Optional[int] = None,
) -> Any:
    """Decide every row of ``df`` as an application for ``item``.

    One column per fact, named by its path (``applicant.credit``); ``facts``
    chooses them: None (every column but the ones below), a list of column
    names, or a dict ``{fact path: column}``. A column naming no fact of the
    item raises ApplicationError (SP603). Missing cells (None, NaN, NaT,
    pandas.NA) leave the fact unknown, as in evaluate().

    ``submitted_on`` is a column of dates (datetime64 or datetime.date or
    'YYYY-MM-DD') or one date for every row. ``materials`` names the column
    of submitted material id lists (None: nothing submitted);
    ``commitments`` the column of signed commitment ids (default: the
    ``commitments`` column when there is one).

    Returns a DataFrame with ``df``'s index and the columns ``outcome``
    (categorical; NaN for a bad row), ``missing`` (tuple of material ids to
    supply), ``n_missing``, ``tolerated`` (容缺: ids accepted for later
    supply), ``promised_due``, ``statutory_due``, ``tolerance_due``
    (datetime64; NaT when there is none), ``provisional`` (a due date is
    counted over a provisional calendar year) and ``error`` (None, or the
    first problem of a bad row).

    ``errors="raise"`` raises ApplicationError for the first bad row (its
    ``index`` is the row's position, as in evaluate_many);
    ``errors="return"`` fills ``error`` instead. ``threads``: default every
    core.
    """
    import numpy as np
    import pandas as pd

    from ._errors import ApplicationError  # noqa: F401  (raised by the compiled half)

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"evaluate_frame: expected a pandas.DataFrame, got {type(df).__name__}")
    rows = len(df)
    date_column = submitted_on if isinstance(submitted_on, str) and submitted_on in df.columns else None
    if isinstance(submitted_on, str) and date_column is None:
        try:
            datetime.date.fromisoformat(submitted_on)
        except ValueError:
            raise KeyError(f"evaluate_frame: no column {submitted_on!r} for submitted_on, "
                           "and it is no date (YYYY-MM-DD)") from None
    materials_column = _pick(df, materials, "materials")
    commitments_column = _pick(df, commitments, "commitments")
    taken = {c for c in (date_column, materials_column, commitments_column) if c is not None}
    if facts is None:
        mapping: Dict[str, Any] = {c: c for c in df.columns if c not in taken}
    elif isinstance(facts, Mapping):
        mapping = dict(facts)
    else:
        mapping = {c: c for c in facts}
    for column in mapping.values():
        if column not in df.columns:
            raise KeyError(f"evaluate_frame: no column {column!r}")
    specs: List[Tuple[str, str, Any, Any, Any]] = [
        _column_spec(str(path), df[column]) for path, column in mapping.items()
    ]
    if date_column is not None:
        series = df[date_column]
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            submitted: Any = ("date", _column_spec("submitted_on", series)[2])
        else:  # datetime.date or 'YYYY-MM-DD' per cell; any other cell is a bad row
            submitted = ("object", series.to_numpy(dtype=object))
    else:
        submitted = submitted_on
    out = self._evaluate_columns(
        item,
        rows,
        submitted,
        specs,
        None if materials_column is None else df[materials_column].to_numpy(dtype=object),
        None if commitments_column is None else df[commitments_column].to_numpy(dtype=object),
        errors,
        threads,
        chunk_size,
    )
    error = np.full(rows, None, dtype=object)
    for row, diagnostics in out["errors"]:
        error[row] = str(diagnostics[0]) if diagnostics else "invalid"

    def due(nanoseconds: Any) -> Any:
        return nanoseconds.view("datetime64[ns]")  # written as such; NaT is int64's minimum

    return pd.DataFrame(
        {
            "outcome": pd.Categorical.from_codes(out["outcome"].astype(np.int64), categories=list(OUTCOMES)),
            "missing": out["missing"],
            "n_missing": out["n_missing"],
            "tolerated": out["tolerated"],
            "promised_due": due(out["promised_due"]),
            "statutory_due": due(out["statutory_due"]),
            "tolerance_due": due(out["tolerance_due"]),
            "provisional": out["provisional"],
            "error": error,
        },
        index=df.index,
        copy=False,  # the arrays are new: no copy, and no consolidation into 2-D blocks
    )
