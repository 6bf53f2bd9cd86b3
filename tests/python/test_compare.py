"""shenpi.compare returns the data of `shenpi compare --json`, as pandas frames where pandas is installed."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import shenpi
from conftest import SOURCE_DIR

FIXTURES = SOURCE_DIR / "tests" / "fixtures" / "compare"
CLI = os.environ.get("SHENPI_CLI")


@pytest.fixture(scope="module")
def comparison() -> shenpi._compare.Comparison:
    return shenpi.compare(shenpi.load(FIXTURES / "east"), shenpi.load(FIXTURES / "west"))


def test_labels_default_to_folder_names(comparison) -> None:
    assert comparison.jurisdictions == ["east", "west"]
    assert [i["catalog_code"] for i in comparison.data["items"]] == ["CMP-0001", "CMP-0002"]


def test_frames(comparison) -> None:
    pandas = pytest.importorskip("pandas")
    assert isinstance(comparison.items, pandas.DataFrame)
    shop = comparison.items[comparison.items.catalog_code == "CMP-0001"]
    assert list(shop.jurisdiction) == ["east", "west"]
    assert list(shop.promised) == ["5个工作日", "3个工作日"]
    differ = comparison.materials[comparison.materials.names_differ]
    assert set(differ.material) == {"经营场所平面图", "agent-authorization"}
    assert list(comparison.only_in_one["item"]) == ["E-MKT-0003", "W-NIGHT-0004"]
    assert list(comparison.summary.fastest) == [0, 1]


def test_labels_and_renderings(comparison) -> None:
    c = shenpi.compare(shenpi.load(FIXTURES / "east"), shenpi.load(FIXTURES / "west"), labels=["东区", "西区"])
    assert c.jurisdictions == ["东区", "西区"]
    assert "<table" in c.html and "西区" in c.html
    assert c.text.startswith("事项比较：东区、西区")


def test_needs_two_books() -> None:
    with pytest.raises(ValueError):
        shenpi.compare(shenpi.load(FIXTURES / "east"))


@pytest.mark.skipif(not CLI, reason="SHENPI_CLI is not set (CTest sets it)")
def test_same_data_as_the_cli(comparison) -> None:
    out = subprocess.run([CLI, "compare", str(FIXTURES / "east"), str(FIXTURES / "west"), "--json"],
                         capture_output=True, check=True).stdout
    assert json.loads(out) == comparison.data
