"""Shared fixtures: the EU samples copied into tests/vectors/edc."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from microcred._jsonio import load_json, open_envelope

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"


def _credential(name: str) -> dict[str, Any]:
    document = load_json(VECTORS / name)
    envelope = open_envelope(document)
    return envelope.credential if envelope is not None else document


@pytest.fixture
def vectors() -> Path:
    """The folder of EU sample credentials."""
    return VECTORS


@pytest.fixture
def mc_unsigned() -> dict[str, Any]:
    """The EU micro-credential before sealing (a fresh copy per test)."""
    return copy.deepcopy(_credential("Sample-MC-Annex1-unsigned.jsonld"))


@pytest.fixture
def mc_signed() -> dict[str, Any]:
    """The payload credential of the EU's sealed micro-credential (a fresh copy)."""
    return copy.deepcopy(_credential("Sample-MC-Annex1-signed.jsonld"))
