"""The offline loader serves bundled contexts and never reaches the network."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest

from microcred.errors import SafeModeError, UnknownContextError
from microcred.jsonld import BUNDLED_CONTEXTS, ContextRegistry, default_registry, expand

EDC = "http://data.europa.eu/snb/model/context/edc-ap"
VC1 = "https://www.w3.org/2018/credentials/v1"


def test_every_bundled_context_loads_as_a_json_object() -> None:
    """Each URL in the registry resolves to a document with an @context."""
    registry = default_registry()
    for url in BUNDLED_CONTEXTS:
        assert "@context" in registry[url], url


def test_bundled_files_match_the_recorded_hashes() -> None:
    """SOURCES.md records a sha256 prefix per file; the shipped bytes match it."""
    folder = resources.files("microcred.jsonld").joinpath("contexts")
    sources = folder.joinpath("SOURCES.md").read_text(encoding="utf-8")
    checked = 0
    for line in sources.splitlines():
        cells = [c.strip().strip("`") for c in line.split("|")]
        if len(cells) > 5 and cells[1].endswith((".json", ".jsonld")):
            data = folder.joinpath(cells[1]).read_bytes()
            assert hashlib.sha256(data).hexdigest()[:16] == cells[5], cells[1]
            checked += 1
    assert checked == len(BUNDLED_CONTEXTS)


def test_unknown_context_is_an_error_not_a_download() -> None:
    """An unbundled URL raises UnknownContextError naming @context."""
    doc = {"@context": "https://example.org/not-bundled", "name": "x"}
    with pytest.raises(UnknownContextError) as info:
        expand(doc)
    assert "not-bundled" in str(info.value)
    assert info.value.path == "@context"


def test_undefined_term_is_refused_in_safe_mode() -> None:
    """A property no context defines would be dropped, so expansion refuses it."""
    doc = {"@context": [VC1], "type": ["VerifiableCredential"], "bogusTerm": 1}
    with pytest.raises(SafeModeError) as info:
        expand(doc)
    assert "bogusTerm" in str(info.value)


def test_undefined_term_is_dropped_only_when_asked() -> None:
    """safe=False keeps pyld's default behaviour for callers who want it."""
    doc = {"@context": [VC1], "type": ["VerifiableCredential"], "bogusTerm": 1}
    expanded = expand(doc, safe=False)
    assert "bogusTerm" not in str(expanded)


def test_registry_accepts_extra_contexts_by_name() -> None:
    """with_documents adds contexts without changing the shared registry."""
    extra = {
        "https://example.org/ctx": {"@context": {"name": "https://schema.org/name"}}
    }
    registry = default_registry().with_documents(extra)
    doc = {"@context": "https://example.org/ctx", "name": "Ana"}
    assert expand(doc, registry=registry)[0]["https://schema.org/name"][0] == {
        "@value": "Ana"
    }
    assert "https://example.org/ctx" not in default_registry()


def test_trailing_slash_and_http_variants_resolve() -> None:
    """The EU writes the same context URL in slightly different spellings."""
    registry = default_registry()
    assert registry[EDC + "/"] is registry[EDC]
    assert registry["http://www.w3.org/2018/credentials/v1"] is registry[VC1]


def test_registry_rejects_non_object_documents() -> None:
    """A context document must be a JSON object."""
    with pytest.raises(ValueError, match="JSON object"):
        ContextRegistry().with_documents({"https://example.org/x": ["nope"]})
