"""The fast JSON-LD engine gives exactly pyld's dataset on every vector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from di_helpers import ECDSA, EDDSA, load, registry

from microcred.errors import SafeModeError
from microcred.securing._rdf import document_quads
from microcred.securing.rdfc import canonicalize

_DOCUMENTS = sorted(
    {
        *EDDSA.rglob("*.json"),
        *ECDSA.glob("*.json"),
        *ECDSA.glob("ecdsa-*-2019-*/**/*.json"),
    }
)


def _documents() -> list[Any]:
    found = []
    for path in _DOCUMENTS:
        document = load(path)
        if isinstance(document, dict) and "@context" in document:
            found.append(pytest.param(path, id=str(path.relative_to(path.parents[2]))))
    return found


@pytest.mark.parametrize("path", _documents())
def test_engines_agree(path: Path) -> None:
    """Canonical N-Quads from the fast engine equal those from plain pyld."""
    document = {k: v for k, v in load(path).items() if k != "proof"}
    results = []
    for engine in ("pyld", "fast"):
        try:
            quads = document_quads(document, registry=registry(), engine=engine)
        except SafeModeError as error:
            results.append(("refused", error.path))
            continue
        results.append(("ok", canonicalize(quads).nquads))
    assert results[0] == results[1]
    assert results[0][0] == "ok"


def test_engines_agree_on_relative_iris() -> None:
    """Both engines refuse a relative id and a relative type the same way."""
    document = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "credentials/1",
        "type": ["VerifiableCredential", "Unknown"],
    }
    for engine in ("pyld", "fast"):
        with pytest.raises(SafeModeError):
            document_quads(document, registry=registry(), engine=engine)


def test_inline_context_changed_in_place_is_seen() -> None:
    """Memoised context processing notices an inline context edited in place."""
    context = {"grade": "https://example.org/vocab#grade"}
    document = {"@context": [context], "@id": "urn:x:1", "grade": "A"}
    # Safe mode refuses inline contexts outright; the memo is shared by both modes.
    first = canonicalize(
        document_quads(document, registry=registry(), safe=False)
    ).nquads
    context["grade"] = "https://example.org/vocab#mark"
    second = canonicalize(
        document_quads(document, registry=registry(), safe=False)
    ).nquads
    assert "#grade" in first
    assert "#mark" in second


def test_inline_contexts_are_refused_in_safe_mode() -> None:
    """An embedded context could swap terms under an RDFC signature: refused."""
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            {"nickname": {"@id": "http://xmlns.com/foaf/0.1/givenName"}},
        ],
        "type": ["VerifiableCredential"],
    }
    with pytest.raises(SafeModeError) as info:
        document_quads(document, registry=registry())
    assert info.value.path == "@context[1]"


@pytest.mark.parametrize("name", ["\r", "\n", "a b", "a\tb", "\x85", "a|b", "a<b"])
@pytest.mark.parametrize("engine", ["pyld", "fast"])
def test_malformed_iris_are_refused(name: str, engine: str) -> None:
    """A type or id with a character no IRI may hold is refused by both engines.

    pyld drops such an IRI silently, except one ending in a newline, which it
    writes into the N-Quads text (found by Hypothesis: ``{"type": "\\r"}``).
    """
    context = [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ]
    for document in (
        {"@context": context, "name": {"type": name}},
        {"@context": context, "id": f"urn:x:{name}", "name": "n"},
    ):
        with pytest.raises(SafeModeError, match=r"no IRI may hold|relative IRI"):
            document_quads(document, registry=registry(), engine=engine)
