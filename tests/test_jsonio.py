"""Safe JSON reading and the JAdES envelope."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred._jsonio import check_json_value, dumps, load_json, open_envelope
from microcred.errors import (
    InvalidDataError,
    MicrocredError,
    ParseError,
    ResourceLimitError,
)


def test_truncated_json_is_a_parse_error_that_says_so() -> None:
    """A file cut short names the position and calls it truncated."""
    with pytest.raises(ParseError, match="truncated"):
        load_json('{"a": [1, 2')


def test_deep_nesting_is_refused() -> None:
    """Hostile nesting hits a bound, not the interpreter's stack."""
    with pytest.raises(ResourceLimitError):
        load_json("[" * 400 + "]" * 400)


def test_envelope_keeps_the_payload_string_exactly() -> None:
    """The signed characters are kept as they are; the credential is parsed."""
    payload = '{"id":"urn:x",  "type":["VerifiableCredential"]}'
    envelope = open_envelope({"payload": payload, "signatures": [{"protected": "e30"}]})
    assert envelope is not None
    assert envelope.payload == payload
    assert envelope.credential["id"] == "urn:x"


def test_a_plain_credential_is_not_an_envelope() -> None:
    """Documents without a payload are returned as not-an-envelope."""
    assert open_envelope({"id": "urn:x"}) is None


def test_envelope_with_non_string_payload_is_refused() -> None:
    """payload must be the signed string."""
    with pytest.raises(ParseError, match="payload"):
        open_envelope({"payload": {"id": "x"}, "signatures": []})


@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_escape_as_foreign_errors(data: bytes) -> None:
    """Whatever the bytes, the result is a value or a MicrocredError."""
    with contextlib.suppress(MicrocredError):
        load_json(data)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=30,
    )
)
def test_dumps_round_trips(value: object) -> None:
    """dumps then load_json gives the value back, deterministically."""
    assert load_json(dumps(value)) == json.loads(json.dumps(value))
    assert dumps(value) == dumps(value)


def test_integers_beyond_64_bits_are_refused_not_rounded() -> None:
    """orjson would turn them into floats; microcred names the place instead."""
    with pytest.raises(InvalidDataError) as info:
        load_json('{"credit": {"point": 123456789012345678901234567890}}')
    assert info.value.path == "credit.point"


def test_long_digit_strings_are_kept() -> None:
    """A long run of digits inside a string is text, not a number."""
    assert load_json('{"notation": "12345678901234567890123"}') == {
        "notation": "12345678901234567890123"
    }


def test_caller_dicts_are_checked_with_paths() -> None:
    """Non-JSON values handed in as Python objects are named by path."""
    with pytest.raises(InvalidDataError) as info:
        check_json_value({"a": [1, {"b": float("nan")}]})
    assert info.value.path == "a[1].b"
    with pytest.raises(InvalidDataError, match="64 bits"):
        dumps({"x": 2**70})


def test_duplicate_members_are_refused() -> None:
    """Parsers disagree on which duplicate wins, so neither is chosen."""
    with pytest.raises(ParseError, match="'issued' twice"):
        load_json(
            '{"issued": "1999-01-01T00:00:00Z", "issued": "2026-01-01T00:00:00Z"}'
        )


def test_lone_surrogates_and_non_text_inputs_are_refused() -> None:
    """Text that is not Unicode and arguments that are not JSON text are named."""
    with pytest.raises(InvalidDataError, match="surrogate"):
        check_json_value({"givenName": {"en": "\ud800"}})
    with pytest.raises(InvalidDataError, match="not list"):
        load_json([])  # type: ignore[arg-type]


def test_directories_and_missing_files_are_data_errors(tmp_path: Path) -> None:
    """A path that cannot be read is an InvalidDataError naming the path."""
    with pytest.raises(InvalidDataError) as info:
        load_json(tmp_path)
    assert info.value.path == str(tmp_path)


def test_too_many_values_are_refused() -> None:
    """A document far larger than any real credential hits a bound early."""
    with pytest.raises(ResourceLimitError, match="values"):
        check_json_value({"g": list(range(300_000))})


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '{"a" : 1, "b": {"a": 3}, "a": 2}',
        '{"a": "x\\":y", "a": 1}',
        '{"a":\n1,"a"\t:2}',
    ],
)
def test_duplicates_are_caught_whatever_the_spacing(text: str) -> None:
    """The fast path's member count cannot be fooled by spacing or escapes."""
    with pytest.raises(ParseError, match="twice"):
        load_json(text)


@given(
    st.dictionaries(st.text(max_size=5), st.integers(-(2**63), 2**63 - 1), max_size=6),
    st.data(),
)
def test_a_repeated_member_is_always_refused(
    value: dict[str, int], data: st.DataObject
) -> None:
    """Any object with one member written twice is refused; without, it reads."""
    text = json.dumps(value)
    assert load_json(text) == value
    if value:
        key = data.draw(st.sampled_from(sorted(value)))
        doubled = text[:-1] + ", " + json.dumps(key) + ": 0}"
        with pytest.raises(ParseError, match="twice"):
            load_json(doubled)


def test_an_integer_beyond_pythons_digit_limit_is_a_resource_error() -> None:
    """5,000 digits: Python itself refuses to convert them; a clear error says so."""
    with pytest.raises(ResourceLimitError, match="5000 digits"):
        load_json(b'{"a": ' + b"9" * 5000 + b"}")
    with pytest.raises(ResourceLimitError, match="5000 digits"):
        load_json("[-" + "1" * 5000 + "]")
