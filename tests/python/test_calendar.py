"""Rulebook.calendar: working-day arithmetic on datetime.date."""

from __future__ import annotations

import datetime
import os
import pathlib
import subprocess

import pytest

import shenpi

D = datetime.date
CLI = os.environ.get("SHENPI_CLI")
SOURCE_DIR = pathlib.Path(os.environ.get("SHENPI_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


def test_years_and_repr(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    assert {2024, 2025, 2026} <= set(cal.years)
    assert cal.covers(D(2025, 1, 1)) and not cal.covers(D(2031, 1, 1))
    assert "2025" in repr(cal)


def test_is_working_day(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    assert cal.is_working_day(D(2025, 9, 26))         # Friday
    assert not cal.is_working_day(D(2025, 10, 1))     # 国庆节
    assert cal.is_working_day(D(2025, 9, 28))         # Sunday, 调休 make-up day
    assert not cal.is_working_day("2025-10-04")
    assert cal.holiday(D(2025, 10, 1)) is not None
    assert cal.holiday(D(2025, 9, 26)) is None


def test_add_and_count(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    assert cal.add_working_days(D(2025, 9, 26), 0) == D(2025, 9, 26)
    assert cal.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    end = cal.add_working_days(D(2025, 9, 26), 10)
    assert cal.working_days_between(D(2025, 9, 26), end) == 10
    assert cal.working_days_between(end, D(2025, 9, 26)) == -10
    assert cal.next_working_day(D(2025, 10, 1)) == D(2025, 10, 9)
    assert cal.due_date(D(2025, 9, 26), "5 working days") == cal.add_working_days(D(2025, 9, 26), 5)
    assert cal.due_date(D(2025, 9, 26), "即办") == D(2025, 9, 26)
    assert 240 <= cal.working_days_in_year(2025) <= 255


def test_outside_the_calendar_raises(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    with pytest.raises(shenpi.CalendarError) as caught:
        cal.is_working_day(D(2031, 1, 6))
    assert isinstance(caught.value, ValueError) and caught.value.date == D(2031, 1, 6)
    with pytest.raises(ValueError):
        cal.add_working_days(D(2027, 12, 20), 30)
    with pytest.raises(ValueError):
        cal.working_days_between(D(2025, 1, 1), D(2031, 1, 1))
    with pytest.raises(ValueError):
        cal.working_days_in_year(2031)


def test_bad_arguments(tianjin: shenpi.Rulebook) -> None:
    cal = tianjin.calendar
    with pytest.raises(TypeError, match="expected datetime.date"):
        cal.is_working_day(20250926)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a date"):
        cal.is_working_day("26/09/2025")
    with pytest.raises(ValueError, match="not a duration"):
        cal.due_date(D(2025, 9, 26), "soon")


def test_counting_into_the_provisional_year(tianjin: shenpi.Rulebook) -> None:
    # 2027 is the provisional cn-2027.yaml until the State Council publishes it.
    cal = tianjin.calendar
    assert cal.add_working_days(D(2026, 12, 24), 20) == D(2027, 1, 22)
    assert cal.is_working_day(D(2027, 2, 9)) is False  # 春节's 补假
    assert cal.working_days_in_year(2027) == 248
    assert cal.is_provisional(2027) and not cal.is_provisional(2026)
    assert cal.provisional_between(D(2026, 12, 24), D(2027, 1, 22))
    assert not cal.provisional_between(D(2026, 12, 1), D(2026, 12, 31))


@pytest.mark.skipif(not CLI, reason="SHENPI_CLI is not set (CTest sets it)")
def test_the_shipped_2027_is_what_the_cli_prints() -> None:
    # The provisional file is generated, never hand-edited: regenerate it, not patch it.
    assert CLI
    printed = subprocess.run([CLI, "calendar", "rules", "provisional", "2027"], cwd=SOURCE_DIR,
                             capture_output=True, check=True).stdout
    assert printed == (SOURCE_DIR / "rules" / "calendar" / "cn-2027.yaml").read_bytes()
