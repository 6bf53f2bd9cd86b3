"""Type stubs of the compiled module ``shenpi._shenpi`` (re-exported by ``shenpi``)."""

import datetime
import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

from ._errors import Diagnostic

__version__: str

DateLike = Union[datetime.date, str]
"""A datetime.date (a datetime counts by its day) or 'YYYY-MM-DD' text."""

FactValueIn = Union[bool, int, float, str, datetime.date, Sequence[str], None]
"""A fact value: checked against the declared type; None and NaN mean unknown."""

Application = Mapping[str, Any]
"""{"item": str, "submitted_on": DateLike, "facts": {path: FactValueIn},
"materials": [ids], "commitments": [ids]}, or {"application": {...}}."""

Outcome = Literal["accept", "accept_with_deficiency", "supplement", "reject", "review"]
MaterialStatus = Literal["submitted", "shared", "committed", "tolerated", "not_required", "missing"]
ConditionStatus = Literal["met", "unmet", "committed", "unknown", "error"]
Row = Dict[str, Any]

class Decision:
    """What the engine decided for one application."""

    @property
    def outcome(self) -> Optional[Outcome]:
        """accept | accept_with_deficiency | supplement | reject (None when invalid)."""
    @property
    def valid(self) -> bool:
        """False when the application was rejected as malformed."""
    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Why an invalid decision has no outcome (empty when valid)."""
    @property
    def item(self) -> str:
        """The item code."""
    @property
    def item_name(self) -> str:
        """The item name."""
    @property
    def submitted_on(self) -> datetime.date:
        """The submission date."""
    @property
    def conditions(self) -> Dict[str, ConditionStatus]:
        """Condition id → status, in item order."""
    @property
    def materials(self) -> Dict[str, MaterialStatus]:
        """Material id → status, in item order."""
    @property
    def missing(self) -> List[str]:
        """Ids of the materials the applicant must still bring."""
    @property
    def tolerated(self) -> List[str]:
        """Ids of the materials accepted as 容缺."""
    @property
    def tolerance(self) -> str:
        """not_needed | applied | no_policy | policy_not_met | too_many | letter_missing."""
    @property
    def deadlines(self) -> Dict[str, Optional[datetime.date]]:
        """{'promised', 'statutory', 'tolerance'} → date, or None when it does not apply."""
    def record(self) -> Dict[str, Any]:
        """The decision record (docs/versions.md): version, period, digests."""
    def to_dict(self, trace: bool = False) -> Dict[str, Any]:
        """The decision as `shenpi eval --json` prints it, parsed."""
    def to_json(self, trace: bool = False) -> str:
        """The JSON text of `shenpi eval --json`."""
    def notice(self) -> str:
        """The notice a window clerk hands over (Chinese)."""
    def trace(self) -> str:
        """Every rule with its expression, the facts read, the result and its basis, as text."""

class Graph:
    """The parallel-approval plan (并联审批) of a bundle."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def target(self) -> Optional[str]:
        """The bundle's target (`1 working day`), or None."""
    @property
    def target_days(self) -> Optional[int]: ...
    @property
    def statutory(self) -> bool:
        """True when planned with statutory limits."""
    @property
    def ok(self) -> bool:
        """False when the graph has errors (a cycle)."""
    @property
    def diagnostics(self) -> List[Diagnostic]: ...
    @property
    def levels(self) -> List[List[str]]:
        """Item codes per topological level: what can run at the same time."""
    @property
    def critical_path(self) -> List[str]:
        """Item codes of one longest path, first to last."""
    @property
    def critical_length(self) -> int:
        """Working days when items run in parallel."""
    @property
    def serial_length(self) -> int:
        """Working days if the items ran one after another."""
    @property
    def nodes(self) -> List[Row]: ...
    @property
    def edges(self) -> List[Row]: ...
    @property
    def stages(self) -> List[Row]: ...
    @property
    def checklist(self) -> List[Row]:
        """The merged checklist (一表申请): material, name, items, conditional."""
    @property
    def asked_separately(self) -> int: ...
    @property
    def asked_merged(self) -> int: ...
    @property
    def start(self) -> Optional[datetime.date]: ...
    @property
    def finish(self) -> Optional[datetime.date]: ...
    def schedule(self, start: Optional[DateLike] = None) -> List[Row]:
        """Dated schedule rows (code, name, start, finish); CalendarError outside the calendar."""
    def to_dot(self) -> str: ...
    def to_mermaid(self) -> str: ...
    def to_text(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Calendar:
    """The working-day calendar of a rulebook."""

    @property
    def years(self) -> List[int]: ...
    def covers(self, date: DateLike) -> bool: ...
    def is_working_day(self, date: DateLike) -> bool:
        """CalendarError outside the calendar."""
    def add_working_days(self, date: DateLike, n: int) -> datetime.date:
        """The day on which n working days after date end (date not counted)."""
    def working_days_between(self, start: DateLike, end: DateLike) -> int:
        """Working days in (start, end]."""
    def due_date(self, date: DateLike, limit: str) -> datetime.date:
        """Due date of a limit such as '5 working days', '20日', '即办'."""
    def is_provisional(self, year: int) -> bool:
        """True when the year comes from a provisional file (预计)."""
    def provisional_between(self, start: DateLike, end: DateLike) -> bool:
        """True when a day of [start, end] is in a provisional year."""
    def next_working_day(self, date: DateLike) -> datetime.date: ...
    def holiday(self, date: DateLike) -> Optional[str]: ...
    def working_days_in_year(self, year: int) -> int: ...

class Rulebook:
    """A checked, immutable, thread-safe rulebook; pickles by its source paths."""

    @property
    def calendar(self) -> Calendar: ...
    @property
    def sources(self) -> List[str]:
        """Absolute paths the rulebook was loaded from."""
    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Warnings found while loading."""
    def evaluate(self, app: Application, *, as_of: Optional[DateLike] = None) -> Decision:
        """Decide one application; ApplicationError naming the field on bad input."""
    @overload
    def evaluate_many(
        self,
        apps: Iterable[Application],
        *,
        detail: Literal["decision"] = ...,
        errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ...,
        chunk_size: int = ...,
    ) -> List[Decision]: ...
    @overload
    def evaluate_many(
        self,
        apps: Iterable[Application],
        *,
        detail: Literal["outcome"],
        errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ...,
        chunk_size: int = ...,
    ) -> List[Optional[Outcome]]: ...
    @overload
    def evaluate_many(
        self,
        apps: Iterable[Application],
        *,
        detail: Literal["missing"],
        errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ...,
        chunk_size: int = ...,
    ) -> List[Tuple[Optional[Outcome], Tuple[str, ...]]]: ...
    # JSON text (batch_json.cpp): the same three result forms as evaluate_many.
    @overload
    def evaluate_json(
        self, docs: Iterable[Union[str, bytes, bytearray, memoryview]], *,
        detail: Literal["decision"] = ..., errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ...,
    ) -> List[Decision]: ...
    @overload
    def evaluate_json(
        self, docs: Iterable[Union[str, bytes, bytearray, memoryview]], *,
        detail: Literal["outcome"], errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ...,
    ) -> List[Optional[Outcome]]: ...
    @overload
    def evaluate_json(
        self, docs: Iterable[Union[str, bytes, bytearray, memoryview]], *,
        detail: Literal["missing"], errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ...,
    ) -> List[Tuple[Optional[Outcome], Tuple[str, ...]]]: ...
    @overload
    def evaluate_jsonl(
        self, data: Union[bytes, bytearray, memoryview, str], *,
        detail: Literal["decision"] = ..., errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ..., name: str = ...,
    ) -> List[Decision]: ...
    @overload
    def evaluate_jsonl(
        self, data: Union[bytes, bytearray, memoryview, str], *,
        detail: Literal["outcome"], errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ..., name: str = ...,
    ) -> List[Optional[Outcome]]: ...
    @overload
    def evaluate_jsonl(
        self, data: Union[bytes, bytearray, memoryview, str], *,
        detail: Literal["missing"], errors: Literal["raise", "return"] = ...,
        threads: Optional[int] = ..., chunk_size: Optional[int] = ..., name: str = ...,
    ) -> List[Tuple[Optional[Outcome], Tuple[str, ...]]]: ...
    def evaluate_frame(
        self, df: Any, item: str, *, submitted_on: Any = ..., materials: Optional[str] = ...,
        commitments: Optional[str] = ..., facts: Union[None, Sequence[str], Mapping[str, str]] = ...,
        errors: Literal["raise", "return"] = ..., threads: Optional[int] = ...,
        chunk_size: Optional[int] = ...,
    ) -> Any:
        """A pandas.DataFrame of results, one row per row of ``df`` (shenpi/_frame.py)."""
    def graph(
        self, code: str, *, statutory: bool = False, start: Optional[DateLike] = None,
        as_of: Optional[DateLike] = None,
    ) -> Graph:
        """The approval graph of a bundle; KeyError for an unknown bundle."""
    def guide(self, code: str, *, as_of: Optional[DateLike] = None) -> str:
        """The item's 办事指南 as text."""
    def items(self) -> List[Row]: ...
    def materials(self, code: Optional[str] = None) -> List[Row]: ...
    def conditions(self, code: Optional[str] = None) -> List[Row]: ...
    def facts(self, code: Optional[str] = None) -> List[Row]: ...
    def time_limits(self) -> List[Row]: ...
    def steps(self, code: Optional[str] = None) -> List[Row]: ...
    def outputs(self, code: Optional[str] = None) -> List[Row]: ...
    def bundles(self) -> List[Row]: ...
    def catalog(self) -> List[Row]: ...
    def __contains__(self, code: object) -> bool: ...

def load(
    paths: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]],
    disabled: Sequence[str] = ...,
    calendar_dirs: Sequence[str] = ...,
) -> Rulebook: ...
def diagnostic_catalog() -> List[Row]:
    """Every diagnostic code: code, name, severity, summary."""
def _compare(books: List[Rulebook], labels: List[str], format: str = ...) -> str: ...

def _diff(old: Rulebook, new: Rulebook, apps: Any = None) -> str: ...
