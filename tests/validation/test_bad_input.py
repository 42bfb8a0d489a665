"""Bad input gives a MicrocredError naming the problem, never a dependency's own."""

from __future__ import annotations

import contextlib
import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import (
    InvalidDataError,
    JsonLdError,
    MicrocredError,
    ParseError,
    SafeModeError,
    UnknownContextError,
)
from microcred.validation import validate_edc
from microcred.validation._data import load_credential

EDC_CONTEXT = [
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
]


def test_malformed_json_text_is_a_parse_error() -> None:
    """Text that is not JSON says so."""
    with pytest.raises(ParseError, match="not valid JSON"):
        validate_edc("{not json")


def test_truncated_bytes_are_a_parse_error(vectors: Any) -> None:
    """A file cut in half is reported as truncated."""
    data = (vectors / "Sample-MC-Annex1-unsigned.jsonld").read_bytes()
    with pytest.raises(ParseError, match="truncated"):
        validate_edc(data[: len(data) // 2])


def test_json_array_is_refused() -> None:
    """A list of credentials is not one credential."""
    with pytest.raises(InvalidDataError, match="JSON array"):
        validate_edc("[{}]")


@pytest.mark.parametrize("value", ["42", '"text"', "null", "true"])
def test_json_scalars_are_refused(value: str) -> None:
    """A scalar is not a credential."""
    with pytest.raises(InvalidDataError, match="expected a credential JSON object"):
        validate_edc(value)


def test_unknown_context_is_never_downloaded(mc_signed: dict[str, Any]) -> None:
    """A context URL we do not bundle is an UnknownContextError."""
    mc_signed["@context"] = [*mc_signed["@context"], "https://example.org/ctx"]
    with pytest.raises(UnknownContextError, match="never downloaded"):
        validate_edc(mc_signed)


def test_nested_unknown_context_is_never_downloaded(mc_signed: dict[str, Any]) -> None:
    """A context deep inside the document is resolved offline too."""
    mc_signed["issuer"]["@context"] = "https://example.org/ctx"
    with pytest.raises(UnknownContextError):
        validate_edc(mc_signed)


def test_undefined_key_is_refused_not_dropped(mc_signed: dict[str, Any]) -> None:
    """A key no context defines would escape validation; it is refused by name."""
    mc_signed["issuer"]["favouriteColour"] = "blue"
    with pytest.raises(SafeModeError, match="favouriteColour"):
        validate_edc(mc_signed)


def test_undefined_type_is_refused(mc_signed: dict[str, Any]) -> None:
    """A type no context defines would become a relative IRI and vanish."""
    mc_signed["issuer"]["type"] = "Org"
    with pytest.raises(SafeModeError, match="'Org'"):
        validate_edc(mc_signed)


def test_relative_iri_value_is_refused(mc_signed: dict[str, Any]) -> None:
    """An IRI-valued key holding a non-IRI would be dropped; it is refused."""
    mc_signed["issuer"]["id"] = "org-1"
    with pytest.raises(SafeModeError, match="'org-1'"):
        validate_edc(mc_signed)


def test_wrong_context_type_is_a_json_ld_error(mc_signed: dict[str, Any]) -> None:
    """A number where a context belongs is a JSON-LD error, not a crash."""
    mc_signed["@context"] = 5
    with pytest.raises(JsonLdError):
        validate_edc(mc_signed)


def test_envelope_with_broken_payload_is_a_parse_error() -> None:
    """A JAdES envelope whose payload is not JSON says so."""
    with pytest.raises(ParseError, match="payload"):
        validate_edc({"payload": '{"id": "urn:x", ', "signatures": []})


def test_envelope_with_array_payload_is_refused() -> None:
    """The payload must be one credential object."""
    with pytest.raises(ParseError, match="payload"):
        validate_edc({"payload": "[1, 2]", "signatures": []})


def test_non_json_values_in_a_dict_are_refused(mc_signed: dict[str, Any]) -> None:
    """A dict holding Python objects that JSON cannot carry is refused."""
    mc_signed["validFrom"] = {1, 2}
    with pytest.raises(InvalidDataError):
        validate_edc(mc_signed)


def test_missing_file_is_a_data_error_naming_it(tmp_path: Any) -> None:
    """A path that does not exist is an InvalidDataError naming the path."""
    with pytest.raises(InvalidDataError, match="nope"):
        validate_edc(tmp_path / "nope.jsonld")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip
KEYS = st.sampled_from(
    ["@context", "id", "type", "issuer", "credentialSubject", "issued", "title",
     "@id", "@type", "@value", "@language", "dateModified", "payload", "hasClaim"]
) | st.text(max_size=8)  # fmt: skip
CREDENTIALISH = st.dictionaries(KEYS, JSON | st.just(EDC_CONTEXT), max_size=6)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(CREDENTIALISH)
def test_arbitrary_objects_never_raise_a_foreign_exception(doc: dict[str, Any]) -> None:
    """Any JSON object gives a report or a MicrocredError, nothing else."""
    with contextlib.suppress(MicrocredError):
        validate_edc(doc)


BASE = load_credential(
    Path(__file__).parents[1] / "vectors" / "edc" / "Sample-MC-Annex1-signed.jsonld"
).document


@pytest.mark.slow
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.dictionaries(KEYS, JSON, max_size=4))
def test_arbitrary_additions_to_a_credential_never_raise_foreign_errors(
    extra: dict[str, Any],
) -> None:
    """A real credential with random keys added: a report or a MicrocredError."""
    doc = {**copy.deepcopy(BASE), **extra}
    with contextlib.suppress(MicrocredError):
        validate_edc(doc)


def test_a_type_resolving_above_the_base_is_refused(vectors: Any) -> None:
    """'/' is a relative IRI too; JSON-LD would drop it (found by Hypothesis)."""
    import json as _json

    envelope = _json.loads((vectors / "Sample-MC-Annex1-signed.jsonld").read_text())
    credential = _json.loads(envelope["payload"])
    credential["type"][1] = "/"
    with pytest.raises(SafeModeError):
        validate_edc(credential)
