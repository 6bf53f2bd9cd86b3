"""Diagnostics and exceptions of the shenpi package.

Defined in Python rather than in the compiled module so that they pickle
with their diagnostics: an error raised on a Dask worker reaches the client
intact.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, Iterable, Optional, Tuple

__all__ = [
    "Diagnostic",
    "DiagnosticNote",
    "ShenpiError",
    "RuleError",
    "ApplicationError",
    "CalendarError",
    "RuleWarning",
]


@dataclasses.dataclass(frozen=True)
class DiagnosticNote:
    """A secondary message attached to a diagnostic ("declared here")."""

    file: str
    line: int
    column: int
    message: str


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """One problem in a rule file or an application.

    ``code`` is stable (``SP203``; see docs/diagnostics.md), ``severity`` is
    ``"error"``, ``"warning"`` or ``"note"``. Lines and columns are 1-based,
    0 when unknown. For application errors found in a Python dict, ``file``
    is the field, e.g. ``application.facts['premises.area_m2']``.
    """

    code: str
    severity: str
    file: str
    line: int
    column: int
    message: str
    notes: Tuple[DiagnosticNote, ...] = ()

    def to_dict(self) -> Dict[str, Any]:
        """The diagnostic as a plain dict (a row for pandas.DataFrame)."""
        return dataclasses.asdict(self)

    def __str__(self) -> str:
        where = self.file
        if self.line > 0:
            where += f":{self.line}"
            if self.column > 0:
                where += f":{self.column}"
        head = f"{where}: " if where else ""
        text = f"{head}{self.severity}[{self.code}]: {self.message}"
        for note in self.notes:
            text += f"\n{note.file}:{note.line}:{note.column}: note: {note.message}"
        return text


class ShenpiError(Exception):
    """Base class of every shenpi exception; ``diagnostics`` says why."""

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.diagnostics))


class RuleError(ShenpiError):
    """The rulebook has errors (or could not be read): ``shenpi.load`` failed.

    ``diagnostics`` lists every problem found, errors and warnings, sorted by
    file, line and column, like ``shenpi check`` prints them.
    """


class ApplicationError(ShenpiError, ValueError):
    """An application dict is malformed or does not fit its item.

    The message names the field, then says what is wrong in the library's
    words (``application.facts['premises.area_m2']: fact 'premises.area_m2'
    must be a decimal (a finite number); got '45'``); ``diagnostics`` holds every problem
    with the field path in ``Diagnostic.file``. ``index`` is the position of
    the application in an ``evaluate_many`` batch, None for ``evaluate``.
    """

    def __init__(
        self,
        message: str,
        diagnostics: Iterable[Diagnostic] = (),
        index: Optional[int] = None,
    ) -> None:
        super().__init__(message, diagnostics)
        self.index = index

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.diagnostics, self.index))


class CalendarError(ShenpiError, ValueError):
    """A date outside the years the calendar covers: an error, never a guess.

    ``date`` is the date that is not covered (or the start of a count that
    cannot be made); ``diagnostics`` holds one SP504 with the message.
    """

    def __init__(self, message: str, date: Any = None, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message, diagnostics)
        self.date = date

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.date, self.diagnostics))


class RuleWarning(ShenpiError, UserWarning):
    """A warning about how the rulebook was loaded, issued with ``warnings.warn``.

    ``shenpi.load`` issues one for each name in ``disabled`` that is no
    diagnostic code or name (SP111): the typo would otherwise silence
    nothing, silently. ``diagnostics`` holds the diagnostic. Under
    ``warnings.simplefilter("error")`` it is raised, and like every shenpi
    exception it is then a ShenpiError.
    """
