"""Tampering with JAdES seals and Data Integrity proofs fails verify() too."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_tampering import _mutate

from microcred.securing import dataintegrity, keys
from microcred.verification import CheckStatus, verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SEALED = (
    Path(__file__).parents[1] / "vectors" / "edc" / "Sample-CertOfPart-signed.jsonld"
)
KEY = keys.PrivateKey.generate("Ed25519")
ISSUER = KEY.did_key()
METHOD = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
CREDENTIAL: dict[str, Any] = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000005",
    "type": ["VerifiableCredential"],
    "issuer": {"id": ISSUER, "name": "Habitat Alliance"},
    "validFrom": "2026-01-01T00:00:00Z",
    "name": "Timber framing",
    "credentialSubject": {"id": "did:example:learner", "name": "Ada"},
}
SIGNED = {
    suite: dataintegrity.sign(
        CREDENTIAL, KEY, verification_method=METHOD, cryptosuite=suite
    )
    for suite in ("eddsa-rdfc-2022", "eddsa-jcs-2022")
}


@pytest.mark.parametrize("suite", sorted(SIGNED))
def test_data_integrity_credential_verifies(suite: str) -> None:
    """The untouched credential is valid through verify()."""
    result = verify(SIGNED[suite], now=NOW)
    assert result.valid, [c.to_dict() for c in result.failures]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suite=st.sampled_from(sorted(SIGNED)), data=st.data())
def test_data_integrity_any_change_fails(suite: str, data: st.DataObject) -> None:
    """A changed value, removed key or added property anywhere fails."""
    tampered = _mutate(SIGNED[suite], data)
    # The JCS suites copy the document's @context into the proof options when
    # verifying (vc-di-eddsa, "Proof Configuration"), so a proof without its own
    # @context is the same proof: removing it changes nothing that is signed.
    proof = tampered.get("proof")
    assume(not isinstance(proof, dict) or "@context" in proof)
    assert not verify(tampered, now=NOW).valid


def _sealed() -> dict[str, Any]:
    return json.loads(SEALED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_sealed_payload_any_change_fails(data: st.DataObject) -> None:
    """Any single change to the sealed EDC payload breaks the seal."""
    sealed = _sealed()
    credential = json.loads(sealed["payload"])
    changed = _mutate({"issuer": credential["issuer"], "id": credential["id"]}, data)
    credential.update(changed)
    sealed["payload"] = json.dumps(credential, ensure_ascii=False)
    result = verify(sealed, now="signing-time")
    assert not result.valid
    names = [check.name for check in result]
    if "signature" not in names:
        # A payload JSON cannot carry exactly is refused when read, before the
        # signature is looked at; it still fails, as a malformed credential.
        assert result["parse"].status is CheckStatus.FAILED
        return
    assert result["signature"].status is CheckStatus.FAILED


def _edit_protected(sealed: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """Change the protected header's text in place, every other byte kept."""
    raw = sealed["signatures"][0]["protected"]
    text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
    assert old in text
    changed = copy.deepcopy(sealed)
    encoded = base64.urlsafe_b64encode(text.replace(old, new, 1).encode())
    changed["signatures"][0]["protected"] = encoded.rstrip(b"=").decode()
    return changed


def _other_certificate() -> str:
    """A base64 DER certificate for another RSA key, to swap into x5c."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = keys.PrivateKey.generate("RSA", rsa_bits=2048).cryptography_key
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Mallory")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
        .sign(key, hashes.SHA256())  # type: ignore[arg-type]
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return base64.b64encode(der).decode()


def test_sealed_header_changes_fail() -> None:
    """A changed value, a removed or added parameter, a swapped certificate fail."""
    sealed = _sealed()
    assert verify(_edit_protected(sealed, '"alg"', '"alg"'), now="signing-time").valid
    header_text = base64.urlsafe_b64decode(
        sealed["signatures"][0]["protected"] + "=="
    ).decode()
    certificates = json.loads(header_text)["x5c"]
    variants = {
        "sigT": ('"sigT":"2023-09-27T12:07:01Z"', '"sigT":"2023-09-28T12:07:01Z"'),
        "removed cty": ('"cty":"octet-stream",', ""),
        "added": ('"typ"', '"extra":1,"typ"'),
        "swapped certificate": (certificates[0], _other_certificate()),
    }
    for name, (old, new) in variants.items():
        result = verify(_edit_protected(sealed, old, new), now="signing-time")
        assert not result.valid, name


EDC = json.loads(
    (
        Path(__file__).parents[1]
        / "vectors"
        / "edc"
        / "Sample-MC-Annex1-unsigned.jsonld"
    ).read_text(encoding="utf-8")
)
EDC["issuer"]["id"] = ISSUER  # the EU's sample repeats its nodes; not the issuer
SIGNED_EDC = dataintegrity.sign(EDC, KEY, verification_method=METHOD)


def _key_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(value, dict):
        for name, child in value.items():
            found.append((*prefix, name))
            found += _key_paths(child, (*prefix, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _key_paths(child, (*prefix, index))
    return found


EDC_KEYS = _key_paths(SIGNED_EDC)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(EDC_KEYS))
def test_edc_any_key_removal_fails(path: tuple[Any, ...]) -> None:
    """Removing any key from any object of an RDFC-signed EDC fails.

    The EU's sample repeats nodes in full; before copies had to be identical,
    removing a property from one copy left the RDF, and the proof, unchanged.
    """
    tampered = copy.deepcopy(SIGNED_EDC)
    parent = tampered
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    assert not dataintegrity.verify_proof(tampered).valid
    assert not verify(tampered, now=NOW).valid


def test_edc_untouched_signature_verifies() -> None:
    """The RDFC-signed EU sample verifies (its shape lacks what sealing adds)."""
    report = dataintegrity.verify_proof(SIGNED_EDC)
    assert report.valid, [c.to_dict() for c in report.checks]
