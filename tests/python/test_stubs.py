"""The type stubs match the compiled module, and everything public has a docstring."""

from __future__ import annotations

import ast
import pathlib

import pytest

import shenpi
from shenpi import _shenpi

STUB = pathlib.Path(shenpi.__file__).with_name("_shenpi.pyi")


def stub_classes() -> dict:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            classes[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
    return classes


def public(cls: type) -> set:
    return {name for name in vars(cls) if not name.startswith("_")}


def test_stub_files_are_installed() -> None:
    assert STUB.exists() and STUB.with_name("py.typed").exists()


@pytest.mark.parametrize("name", ["Rulebook", "Decision", "Graph", "Calendar"])
def test_stub_lists_every_member(name: str) -> None:
    stubbed = {m for m in stub_classes()[name] if not m.startswith("_")}
    assert stubbed == public(getattr(_shenpi, name))


@pytest.mark.parametrize("name", ["Rulebook", "Decision", "Graph", "Calendar"])
def test_docstrings(name: str) -> None:
    cls = getattr(_shenpi, name)
    assert cls.__doc__ and cls.__doc__.strip()
    missing = []
    for member in public(cls):
        doc = getattr(cls, member).__doc__ or ""
        # pybind11 puts the signature first; a documented member has more.
        if len([line for line in doc.splitlines() if line.strip()]) < 2 and "->" in doc or not doc.strip():
            missing.append(member)
    assert missing == []


def test_module_functions_documented() -> None:
    for fn in (shenpi.load, shenpi.records, shenpi.diagnostic_catalog):
        assert fn.__doc__ and len(fn.__doc__) > 40
