"""verify(): dispatch, ordered checks and a distinct outcome for each failure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred._jsonio import dumps
from microcred.errors import InvalidDataError, VerificationError
from microcred.securing import jose, keys, sd_jwt, status
from microcred.securing._jose_jws import b64url_encode
from microcred.verification import CheckStatus, Outcome, verify, verify_or_raise

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
KEY = keys.PrivateKey.generate("P-256")
ISSUER = KEY.did_key()
KID = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
LIST_URL = "https://issuer.example/status/1"


def _credential(**extra: Any) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential"],
        "issuer": ISSUER,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }
    credential.update(extra)
    return credential


def _signed(**extra: Any) -> str:
    return jose.sign(_credential(**extra), KEY, kid=KID)


def _status_list(purpose: str, *revoked: int) -> str:
    bits = status.BitstringStatusList()
    for index in revoked:
        bits.set(index)
    document = status.status_list_credential(
        id=LIST_URL,
        issuer=ISSUER,
        purpose=purpose,
        status_list=bits,
        valid_from=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return jose.sign(document, KEY, kid=KID)


def _fetcher(token: str) -> Any:
    def fetch(url: str) -> str:
        assert url == LIST_URL
        return token

    return fetch


def test_valid_credential_has_ordered_checks() -> None:
    """A good vc+jwt passes, with checks in the documented order."""
    result = verify(_signed(), now=NOW)
    assert result.valid
    names = [c.name for c in result]
    assert names.index("parse") < names.index("context") < names.index("signature")
    assert names.index("signature") < names.index("key") < names.index("validity")
    assert names[-2:] == ["status", "trust"]
    assert result["trust"].status is CheckStatus.SKIPPED


def test_unsigned_credential_says_no_proof_or_seal() -> None:
    """A bare credential fails the signature check with a clear message."""
    result = verify(_credential(), now=NOW)
    assert not result.valid
    assert result["signature"].status is CheckStatus.FAILED
    assert "no proof or seal" in result["signature"].message


def test_expired_and_not_yet_valid_are_distinct() -> None:
    """validUntil in the past and validFrom in the future have own outcomes."""
    expired = verify(_signed(validUntil="2026-02-01T00:00:00Z"), now=NOW)
    assert expired["validity"].outcome is Outcome.EXPIRED
    early = verify(_signed(validFrom="2027-01-01T00:00:00Z"), now=NOW)
    assert early["validity"].outcome is Outcome.NOT_YET_VALID


def test_revoked_and_suspended_through_fetch_status() -> None:
    """The status entry is read from a signed list the caller fetches."""
    entry = status.status_entry(LIST_URL, 42, "revocation")
    token = _signed(credentialStatus=entry)
    revoked = verify(
        token, now=NOW, fetch_status=_fetcher(_status_list("revocation", 42))
    )
    assert revoked["status"].outcome is Outcome.REVOKED
    assert not revoked.valid
    clear = verify(token, now=NOW, fetch_status=_fetcher(_status_list("revocation", 7)))
    assert clear.valid, clear.to_dict()
    assert clear["status"].status is CheckStatus.PASSED
    suspended_entry = status.status_entry(LIST_URL, 3, "suspension")
    suspended = verify(
        _signed(credentialStatus=suspended_entry),
        now=NOW,
        fetch_status=_fetcher(_status_list("suspension", 3)),
    )
    assert suspended["status"].outcome is Outcome.SUSPENDED


def test_status_list_with_a_bad_signature_is_not_relied_on() -> None:
    """A tampered status list cannot vouch for a credential."""
    entry = status.status_entry(LIST_URL, 42, "revocation")
    forged = _status_list("revocation")[:-6] + "AAAAAA"
    result = verify(
        _signed(credentialStatus=entry), now=NOW, fetch_status=_fetcher(forged)
    )
    assert not result.valid
    assert result["status"].outcome is Outcome.INVALID_SIGNATURE


def test_untrusted_issuer_is_invalid_with_anchors() -> None:
    """With trust anchors, an issuer outside them makes the credential invalid."""
    untrusted = verify(_signed(), now=NOW, trust=["did:example:ministry"])
    assert untrusted["trust"].outcome is Outcome.UNTRUSTED
    assert not untrusted.valid
    trusted = verify(_signed(), now=NOW, trust=[ISSUER])
    assert trusted.valid
    assert trusted["trust"].status is CheckStatus.PASSED


def test_vc_jwt_with_disclosures_is_not_an_sd_jwt() -> None:
    """A vc+jwt with disclosures glued on fails its media type, not later."""
    sd_jwt = _signed() + "~WyJzYWx0IiwibmFtZSIsIkFkYSJd~"
    result = verify(sd_jwt, now=NOW)
    assert result["header"].outcome is Outcome.MALFORMED
    assert "vc+sd-jwt" in result["header"].message


def test_sd_jwt_goes_through_the_same_pipeline() -> None:
    """An SD-JWT verifies with the JWT checks plus a disclosures check."""
    token = sd_jwt.sign_sd_jwt(
        _credential(), KEY, kid=KID, disclosable=["credentialSubject.id"]
    )
    result = verify(token, now=NOW, trust=[ISSUER])
    assert result.valid
    names = [check.name for check in result]
    assert names[:4] == ["parse", "header", "disclosures", "claims"]
    assert names.index("signature") < names.index("validity") < names.index("trust")


def test_ietf_sd_jwt_vc_is_unsupported_by_name() -> None:
    """An IETF SD-JWT VC (dc+sd-jwt) fails as unsupported, naming it."""
    token = sd_jwt.sign_sd_jwt(_credential(), KEY, kid=KID)
    header, rest = token.split(".", 1)
    claims = jose.unverified_header(token.split("~")[0]) | {"typ": "dc+sd-jwt"}
    forged = b64url_encode(dumps(claims, indent=False)) + "." + rest
    result = verify(forged, now=NOW)
    assert result["header"].outcome is Outcome.UNSUPPORTED
    assert "dc+sd-jwt" in result["header"].message
    assert header != forged.split(".", 1)[0]


def test_raising_variant() -> None:
    """verify_or_raise raises with the result attached, or returns a valid one."""
    assert verify_or_raise(_signed(), now=NOW).valid
    with pytest.raises(VerificationError, match="signature") as info:
        verify_or_raise(_credential(), now=NOW)
    assert info.value.result is not None


def test_now_must_be_aware() -> None:
    """A naive datetime is refused; None means the current time."""
    with pytest.raises(InvalidDataError, match="time-zone"):
        verify(_signed(), now=dt.datetime(2026, 6, 1))  # noqa: DTZ001
    assert verify(_signed(), now=None).valid


def test_result_cannot_pass_for_true() -> None:
    """if result: raises instead of quietly succeeding."""
    with pytest.raises(TypeError):
        bool(verify(_credential(), now=NOW))


@pytest.mark.parametrize(
    "garbage", ["", "not json", "{", b"\xff\xfe", 42, "[1, 2]", "{}"]
)
def test_garbage_is_a_failed_result_not_an_exception(garbage: Any) -> None:
    """Anything unparseable comes back as an invalid result."""
    result = verify(garbage, now=NOW)
    assert not result.valid
    assert result.failures


def test_json_text_and_path_inputs(tmp_path: Any) -> None:
    """JSON text and files are read like parsed objects."""
    path = tmp_path / "credential.jwt"
    path.write_text(_signed())
    assert verify(path, now=NOW).valid
    assert verify(_signed().encode(), now=NOW).valid


def test_to_dict_names_signature_and_statuses() -> None:
    """The CLI's JSON: a signature check and only the four status words."""
    data = verify(_signed(), now=NOW).to_dict()
    assert data["valid"] is True
    assert any(c["check"] == "signature" for c in data["checks"])
    statuses = {c["status"] for c in data["checks"]}
    assert statuses <= {"passed", "failed", "warning", "skipped"}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            ["@context", "type", "issuer", "proof", "credentialStatus", "validFrom",
             "validUntil", "payload", "signatures", "id", "credentialSubject"]
        )
        | st.text(max_size=6),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(document=JSON)
def test_arbitrary_json_never_raises_and_is_never_valid(document: Any) -> None:
    """Whatever JSON comes in, verify() returns an invalid result, never raises."""
    result = verify(document, now=NOW, fetch_status=_fetcher("x.y.z"))
    assert not result.valid


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_arbitrary_text_never_raises(text: str) -> None:
    """Arbitrary strings (tokens, JSON text, garbage) give an invalid result."""
    assert not verify(text, now=NOW).valid


def test_a_missing_file_is_invalid_data_naming_it(tmp_path: Path) -> None:
    """verify(Path) on a file that does not exist raises InvalidDataError naming it."""
    missing = tmp_path / "missing.json"
    with pytest.raises(InvalidDataError, match="cannot read the file") as caught:
        verify(missing, now=NOW)
    assert caught.value.path == str(missing)
