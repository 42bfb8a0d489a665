"""The W3C RDFC-1.0 test suite, run from its manifest (all 86 entries)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred.errors import ResourceLimitError
from microcred.securing.rdfc import canonicalize

SUITE = Path(__file__).parents[1] / "vectors" / "rdf-canon"
MANIFEST = json.loads((SUITE / "manifest.jsonld").read_text(encoding="utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["entries"]

#: Entries skipped, with the reason. Empty: every entry runs.
SKIPPED: dict[str, str] = {}


def _entries(kind: str) -> list[Any]:
    return [
        pytest.param(entry, id=entry["id"].lstrip("#"))
        for entry in ENTRIES
        if entry["type"] == kind and entry["id"] not in SKIPPED
    ]


def _read(name: str) -> str:
    # Read bytes and decode: text mode would translate "\r" and "\u2028" lines.
    return (SUITE / name).read_bytes().decode("utf-8")


def _hash(entry: dict[str, Any]) -> str:
    return str(entry.get("hashAlgorithm", "SHA256")).lower()


def test_manifest_counts() -> None:
    """The manifest has 64 eval, 21 map and 1 negative entry, none skipped."""
    kinds = [entry["type"] for entry in ENTRIES]
    assert kinds.count("rdfc:RDFC10EvalTest") == 64
    assert kinds.count("rdfc:RDFC10MapTest") == 21
    assert kinds.count("rdfc:RDFC10NegativeEvalTest") == 1
    assert not SKIPPED


@pytest.mark.parametrize("entry", _entries("rdfc:RDFC10EvalTest"))
def test_eval(entry: dict[str, Any]) -> None:
    """The canonical N-Quads equal the expected file, split on newline only."""
    result = canonicalize(_read(entry["action"]), hash_algorithm=_hash(entry))
    expected = _read(entry["result"])
    assert result.nquads.split("\n") == expected.split("\n")


@pytest.mark.parametrize("entry", _entries("rdfc:RDFC10MapTest"))
def test_map(entry: dict[str, Any]) -> None:
    """The issued identifiers equal the expected blank-node map."""
    result = canonicalize(_read(entry["action"]), hash_algorithm=_hash(entry))
    assert result.issued_identifiers == json.loads(_read(entry["result"]))


@pytest.mark.parametrize("entry", _entries("rdfc:RDFC10NegativeEvalTest"))
def test_poison_is_refused_quickly(entry: dict[str, Any]) -> None:
    """The poison clique ends in ResourceLimitError under the default bound."""
    with pytest.raises(ResourceLimitError, match="work units"):
        canonicalize(_read(entry["action"]), hash_algorithm=_hash(entry))
