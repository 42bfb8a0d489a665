"""Bitstring Status List: the bitstring, its encoding, and checking an entry."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
from collections.abc import Mapping
from typing import Any

import pytest
from _jose_support import VECTORS, load
from hypothesis import given
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, ParseError, ResourceLimitError
from microcred.securing import status
from microcred.securing.status import BitstringStatusList, StatusPurpose
from microcred.verification import Check, CheckStatus, Outcome, VerificationResult

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
LIST_URL = "https://example.com/credentials/status/3"


def test_new_list_is_16_kb_and_all_clear() -> None:
    """The default list has 131,072 one-bit entries, all zero."""
    bits = BitstringStatusList()
    assert len(bits) == 131_072
    assert bits.get(0) == 0
    assert bits.get(131_071) == 0


def test_index_zero_is_the_most_significant_bit_of_byte_zero() -> None:
    """Section 4: entry 0 is the leftmost bit of the first byte."""
    bits = BitstringStatusList()
    bits.set(0)
    bits.set(9)
    raw = gzip.decompress(base64.urlsafe_b64decode(bits.encode()[1:] + "=="))
    assert raw[0] == 0b1000_0000
    assert raw[1] == 0b0100_0000


def test_encoding_is_gzip_base64url_with_multibase_prefix() -> None:
    """encodedList starts with u, is base64url without padding, and is GZIP."""
    encoded = BitstringStatusList().encode()
    assert encoded.startswith("uH4sI")
    assert not set("=+/") & set(encoded)


def test_set_and_clear() -> None:
    """Clearing restores an entry; other entries are untouched."""
    bits = BitstringStatusList()
    bits.set(94567)
    assert bits.get(94567) == 1
    assert bits.get(94566) == 0
    bits.clear(94567)
    assert bits.get(94567) == 0


def test_multi_bit_status_size() -> None:
    """statusSize 2 stores values 0-3 per entry, most significant bit first."""
    bits = BitstringStatusList(65_536, status_size=2)
    bits.set(1, 3)
    bits.set(2, 2)
    assert [bits.get(i) for i in range(4)] == [0, 3, 2, 0]
    with pytest.raises(InvalidDataError, match="does not fit"):
        bits.set(0, 4)


def test_too_short_and_out_of_range_are_refused() -> None:
    """Fewer than 131,072 bits, or an index past the end, is refused."""
    with pytest.raises(InvalidDataError, match="at least"):
        BitstringStatusList(1000)
    with pytest.raises(InvalidDataError, match="outside"):
        BitstringStatusList().get(131_072)


@given(st.sets(st.integers(0, 131_071), max_size=50))
def test_encode_decode_round_trip(indices: set[int]) -> None:
    """Whatever is set survives encoding and decoding, and nothing else is set."""
    bits = BitstringStatusList()
    for index in indices:
        bits.set(index)
    decoded = BitstringStatusList.decode(bits.encode())
    probe = indices | {0, 1, 131_071}
    assert {i for i in probe if decoded.get(i)} == indices


def test_spec_example_list_decodes() -> None:
    """The spec's example list (bsl-example-03) is 16 KB of zeros."""
    example = load(VECTORS / "status" / "bsl-example-03.json")
    bits = BitstringStatusList.decode(example["credentialSubject"]["encodedList"])
    assert len(bits) == 131_072
    assert not any(bits.get(i) for i in range(0, 131_072, 997))


def test_1edtech_list_has_bit_23_set() -> None:
    """The 1EdTech validator's testlist revokes index 23 only."""
    testlist = load(VECTORS / "status" / "testlist")
    bits = BitstringStatusList.decode(testlist["credentialSubject"]["encodedList"])
    assert bits.get(23) == 1
    assert [i for i in range(200) if bits.get(i)] == [23]


def test_bad_encodings_are_parse_errors() -> None:
    """Not base64, not GZIP: a ParseError naming encodedList."""
    with pytest.raises(ParseError, match="encodedList"):
        BitstringStatusList.decode("u!!!")
    with pytest.raises(ParseError, match="GZIP"):
        BitstringStatusList.decode("u" + base64.urlsafe_b64encode(b"x" * 40).decode())


def test_gzip_bomb_is_refused() -> None:
    """A tiny GZIP that inflates past the bound is a resource error."""
    bomb = gzip.compress(b"\0" * (17 * 1024 * 1024))
    encoded = "u" + base64.urlsafe_b64encode(bomb).decode().rstrip("=")
    with pytest.raises(ResourceLimitError):
        BitstringStatusList.decode(encoded)


def _list_credential(purpose: str, *indices: int) -> dict[str, Any]:
    bits = BitstringStatusList()
    for index in indices:
        bits.set(index)
    return status.status_list_credential(
        id=LIST_URL,
        issuer="did:example:12345",
        purpose=purpose,
        status_list=bits,
        valid_from=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def _holder(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"credentialStatus": list(entries)}


def _fetch(document: Mapping[str, Any]) -> Any:
    def fetch(url: str) -> Mapping[str, Any]:
        if url != LIST_URL:
            raise LookupError(url)
        return document

    return fetch


def _verified(_: Mapping[str, Any]) -> VerificationResult:
    return VerificationResult.of([Check("signature", CheckStatus.PASSED, "ok")])


def _check(purpose: str, index: int, *set_indices: int) -> Check:
    entry = status.status_entry(LIST_URL, index, purpose)
    checks = status.check_status(
        _holder(entry),
        fetch_status=_fetch(_list_credential(purpose, *set_indices)),
        now=NOW,
        verify_list=_verified,
    )
    assert len(checks) == 1
    return checks[0]


def test_revoked_suspended_and_clear() -> None:
    """A set bit is revoked or suspended by purpose; a clear bit passes."""
    assert _check("revocation", 5, 5).outcome is Outcome.REVOKED
    assert _check("suspension", 5, 5).outcome is Outcome.SUSPENDED
    clear = _check("revocation", 6, 5)
    assert clear.status is CheckStatus.PASSED
    assert "not revoked" in clear.message


def test_purpose_mismatch_fails() -> None:
    """An entry for suspension cannot be read from a revocation list."""
    entry = status.status_entry(LIST_URL, 1, StatusPurpose.SUSPENSION)
    [check] = status.check_status(
        _holder(entry),
        fetch_status=_fetch(_list_credential("revocation")),
        now=NOW,
        verify_list=_verified,
    )
    assert check.outcome is Outcome.MALFORMED


def test_unverified_list_warns_and_a_failed_list_fails() -> None:
    """Without a verifier the result warns; with a failing one it fails."""
    entry = status.status_entry(LIST_URL, 1, "revocation")
    fetch = _fetch(_list_credential("revocation"))
    [unverified] = status.check_status(_holder(entry), fetch_status=fetch, now=NOW)
    assert unverified.status is CheckStatus.WARNING

    def bad(_: Mapping[str, Any]) -> VerificationResult:
        return VerificationResult.of(
            [Check("signature", CheckStatus.FAILED, "bad", Outcome.INVALID_SIGNATURE)]
        )

    [rejected] = status.check_status(
        _holder(entry), fetch_status=fetch, now=NOW, verify_list=bad
    )
    assert rejected.status is CheckStatus.FAILED


def test_no_fetch_function_skips_and_fetch_failure_is_unavailable() -> None:
    """The library never fetches by itself; a failing fetch is reported."""
    entry = status.status_entry(LIST_URL, 1, "revocation")
    [skipped] = status.check_status(_holder(entry), fetch_status=None, now=NOW)
    assert skipped.status is CheckStatus.SKIPPED

    def broken(url: str) -> Mapping[str, Any]:
        raise OSError("offline")

    [down] = status.check_status(_holder(entry), fetch_status=broken, now=NOW)
    assert down.outcome is Outcome.UNAVAILABLE


def test_1edtech_revoked_credential_is_revoked() -> None:
    """The validator's fixture at index 23 of testlist comes back revoked."""
    credential = load(VECTORS / "status" / "credential-status-revoked.json")
    testlist = load(VECTORS / "status" / "testlist")
    [check] = status.check_status(
        credential, fetch_status=lambda _: testlist, now=NOW, verify_list=_verified
    )
    assert check.outcome is Outcome.REVOKED


def test_expired_status_list_is_not_used() -> None:
    """A list outside its own validity window cannot clear a credential."""
    document = _list_credential("revocation")
    document["validUntil"] = "2026-02-01T00:00:00Z"
    entry = status.status_entry(LIST_URL, 1, "revocation")
    [check] = status.check_status(
        _holder(entry), fetch_status=_fetch(document), now=NOW, verify_list=_verified
    )
    assert check.outcome is Outcome.UNAVAILABLE


@pytest.mark.parametrize("index", ["-1", "1.5", "x", None, True])
def test_bad_index_is_malformed(index: Any) -> None:
    """statusListIndex must be a non-negative integer (string or number)."""
    entry = dict(status.status_entry(LIST_URL, 1, "revocation"), statusListIndex=index)
    [check] = status.check_status(
        _holder(entry), fetch_status=_fetch(_list_credential("revocation")), now=NOW
    )
    assert check.outcome is Outcome.MALFORMED


def test_short_lists_need_the_unsafe_switch() -> None:
    """A 100,000-bit list is refused unless unsafe_allow_short_lists is set."""
    raw = bytearray(12_500)
    raw[0] = 0b0010_0000  # index 2 set
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(raw))).decode()
    with pytest.raises(InvalidDataError, match="131072"):
        BitstringStatusList.decode(encoded)
    short = BitstringStatusList.decode(encoded, unsafe_allow_short_lists=True)
    assert len(short) == 100_000
    assert short.get(2) == 1
    assert short.get(3) == 0
