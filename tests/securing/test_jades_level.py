"""The JAdES level a seal reaches is reported, and a minimum can be required.

A seal's timestamps and validation data travel in the unsigned header
(``etsiU``): stripping them leaves a valid seal of a lower level, which no
signature check can notice. The ``level`` check makes that visible.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from _jades_pki import SIGNING_TIME, SealIdentity, TestTsa, rsa_key, seal_identity
from _jades_pki import test_tsa as make_tsa

from microcred.errors import InvalidDataError, VerificationError
from microcred.securing import dataintegrity, jades
from microcred.securing.keys import PrivateKey
from microcred.verification import CheckStatus, Outcome, verify

VECTORS = Path(__file__).parents[1] / "vectors" / "edc"
EU_SEALED = ("Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld")


@pytest.fixture(scope="module")
def identity() -> SealIdentity:
    """An RSA seal certificate under a two-level test CA."""
    return seal_identity(rsa_key())


@pytest.fixture(scope="module")
def tsa() -> TestTsa:
    """A test TSA producing real RFC 3161 tokens."""
    return make_tsa()


def _credential() -> dict[str, Any]:
    document = json.loads((VECTORS / "Sample-MC-Annex1-signed.jsonld").read_bytes())
    parsed: dict[str, Any] = json.loads(document["payload"])
    return parsed


def _seal(identity: SealIdentity, tsa: TestTsa | None) -> dict[str, Any]:
    return jades.seal(
        _credential(),
        certificate=identity.certificate,
        private_key=identity.key,
        chain=identity.chain,
        signing_time=SIGNING_TIME,
        timestamp=tsa,
    )


def _stripped(sealed: dict[str, Any], *names: str) -> dict[str, Any]:
    """The seal without the named unsigned properties (all of etsiU if none)."""
    changed = copy.deepcopy(sealed)
    header = changed["signatures"][0].get("header", {})
    if not names:
        header.pop("etsiU", None)
        return changed
    header["etsiU"] = [
        entry
        for entry in header["etsiU"]
        if not any(name in _entry_names(entry) for name in names)
    ]
    return changed


def _entry_names(entry: Any) -> set[str]:
    """The property names of one etsiU entry (base64url JSON or clear JSON)."""
    if isinstance(entry, dict):
        return set(entry)
    text = base64.urlsafe_b64decode(entry + "=" * (-len(entry) % 4))
    return set(json.loads(text))


def _level(result: Any) -> Any:
    return result["level"].details["level"]


def test_b_b_seal_is_reported_b_b(identity: SealIdentity) -> None:
    """A seal without timestamp reaches B-B, and says what B-T would need."""
    result = jades.verify_seal(_seal(identity, None))
    assert result.valid
    assert _level(result) == "B-B"
    assert result["level"].status is CheckStatus.PASSED
    assert "sigTst" in result["level"].message


def test_b_t_seal_meets_b_t(identity: SealIdentity, tsa: TestTsa) -> None:
    """Our B-T seal reaches B-T and passes min_level="B-T", not "B-LT"."""
    sealed = _seal(identity, tsa)
    result = jades.verify_seal(sealed, min_level="B-T")
    assert result.valid
    assert _level(result) == "B-T"
    assert result["level"].message.startswith("the seal reaches B-T, B-T required")
    short = jades.verify_seal(sealed, min_level="B-LT")
    assert not short.valid
    assert short["level"].message.startswith("the seal reaches B-T, B-LT required")


def test_stripped_b_t_seal_fails_a_b_t_minimum(
    identity: SealIdentity, tsa: TestTsa
) -> None:
    """Our B-T seal with its etsiU removed is a valid B-B seal, below B-T."""
    stripped = _stripped(_seal(identity, tsa))
    plain = jades.verify_seal(stripped)
    assert plain.valid
    assert _level(plain) == "B-B"

    result = jades.verify_seal(stripped, min_level="B-T")
    assert not result.valid
    level = result["level"]
    assert level.status is CheckStatus.FAILED
    assert level.outcome is Outcome.BELOW_REQUIRED_LEVEL
    assert level.message.startswith("the seal reaches B-B, B-T required")
    with pytest.raises(VerificationError):
        jades.unseal(stripped, min_level="B-T")


def test_verify_pipeline_min_jades_level(identity: SealIdentity, tsa: TestTsa) -> None:
    """verify() shows the level and enforces min_jades_level."""
    sealed = _seal(identity, tsa)
    stripped = _stripped(sealed)
    assert verify(sealed, now="signing-time", min_jades_level="B-T").valid
    assert verify(stripped, now="signing-time").valid
    result = verify(stripped, now="signing-time", min_jades_level="B-T")
    assert not result.valid
    assert result["level"].message.startswith("the seal reaches B-B, B-T required")
    assert "B-B" in verify(stripped, now="signing-time")["level"].message


def test_min_level_needs_a_jades_seal() -> None:
    """A Data Integrity credential fails min_jades_level: it has no seal."""
    key = PrivateKey.generate("Ed25519")
    did = key.did_key()
    signed = dataintegrity.sign(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "issuer": did,
            "credentialSubject": {"id": "did:example:learner"},
        },
        key,
        verification_method=f"{did}#{did.removeprefix('did:key:')}",
    )
    assert verify(signed, now=None).valid
    result = verify(signed, now=None, min_jades_level="B-B")
    assert not result.valid
    assert result["level"].outcome is Outcome.BELOW_REQUIRED_LEVEL
    assert "not JAdES-sealed" in result["level"].message


@pytest.mark.parametrize("bad", ["B-X", "b-t", "LTA", 3])
def test_unknown_level_names_are_refused(bad: Any, identity: SealIdentity) -> None:
    """A level that is not B-B, B-T, B-LT or B-LTA raises, naming the argument."""
    with pytest.raises(InvalidDataError, match="min_level"):
        jades.verify_seal(_seal(identity, None), min_level=bad)
    with pytest.raises(InvalidDataError, match="min_jades_level"):
        verify({}, now=None, min_jades_level=bad)


@pytest.mark.parametrize("name", EU_SEALED)
def test_eu_samples_are_b_lta(name: str) -> None:
    """The EU's sealed samples reach B-LTA; each stripped layer lowers the level."""
    sealed = json.loads((VECTORS / name).read_bytes())
    assert _level(jades.verify_seal(sealed, min_level="B-LTA")) == "B-LTA"
    expected = {
        ("arcTst",): "B-LT",
        ("arcTst", "rVals"): "B-T",
        ("arcTst", "rVals", "xVals", "sigTst"): "B-B",
    }
    for names, level in expected.items():
        result = jades.verify_seal(_stripped(sealed, *names))
        assert result.valid, names
        assert _level(result) == level, names
        below = jades.verify_seal(_stripped(sealed, *names), min_level="B-LTA")
        assert below["level"].message.startswith(
            f"the seal reaches {level}, B-LTA required"
        )


def test_cli_min_level(identity: SealIdentity, tmp_path: Path) -> None:
    """``microcred verify --min-level B-T`` exits 1 for a B-B seal."""
    from microcred.cli import main

    path = tmp_path / "sealed.json"
    path.write_text(json.dumps(_seal(identity, None)), encoding="utf-8")
    command = ["verify", str(path), "--at", "signing-time"]
    assert main(command) == 0
    assert main([*command, "--min-level", "B-T"]) == 1
