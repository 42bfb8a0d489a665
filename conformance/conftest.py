"""Conformance suite: real files we may not copy, read from ../shared/anchors.

The EU's ELM-support samples and the DCC fixtures state no licence, so they stay
outside the repository. ``nox -s conformance`` passes the folder in
``MICROCRED_ANCHORS``; without it every test here errors instead of passing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def anchors() -> Path:
    """The anchors folder; a missing folder is an error, never a skip."""
    raw = os.environ.get("MICROCRED_ANCHORS")
    folder = Path(raw) if raw else Path(__file__).parents[2] / "shared" / "anchors"
    if not folder.is_dir():
        pytest.fail(f"anchors folder not found at {folder}; set MICROCRED_ANCHORS")
    return folder
