"""Shared fixtures of the Python tests.

CTest runs these with PYTHONPATH at the build tree's python/ folder (where
the package is assembled), SHENPI_CLI at the built `shenpi` program and
SHENPI_SOURCE_DIR at the repository (tests/python/CMakeLists.txt).
"""

from __future__ import annotations

import datetime
import os
import pathlib
from typing import Any, Dict

import pytest
import yaml

import shenpi

SOURCE_DIR = pathlib.Path(os.environ.get("SHENPI_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
RULES = SOURCE_DIR / "rules"
APPLICATIONS = SOURCE_DIR / "examples" / "applications"
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"

FOOD = "TJ-SCJG-XK-0012"


@pytest.fixture(scope="session")
def tianjin() -> shenpi.Rulebook:
    return shenpi.load(RULES / "tianjin")


@pytest.fixture(scope="session")
def tianshui() -> shenpi.Rulebook:
    return shenpi.load(RULES / "tianshui")


def read_application(path: pathlib.Path) -> Dict[str, Any]:
    """The `application:` mapping of a YAML file, as a user's dict."""
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)["application"]


def rules_of(path: pathlib.Path) -> pathlib.Path:
    """The rulebook a sample application names in its `shenpi eval` comment."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if "shenpi eval rules/" in line:
            return SOURCE_DIR / line.split("shenpi eval ")[1].split()[0]
    return RULES / "tianjin"


@pytest.fixture
def food_app() -> Dict[str, Any]:
    """A complete food-licence application (accept)."""
    return {
        "item": FOOD,
        "submitted_on": datetime.date(2025, 9, 26),
        "facts": {
            "applicant.credit": "good",
            "applicant.false_commitment": False,
            "applicant.uses_agent": False,
            "food.only_prepackaged": False,
            "food.business_type": "catering",
            "food.bulk_food": False,
            "food.vending_machine": False,
            "food.pollution_distance_m": 60,
            "food.has_safety_manager": True,
            "food.license_revoked_5y": False,
        },
        "materials": ["application-form", "layout-plan", "equipment-list", "safety-rules"],
        "commitments": [],
    }
