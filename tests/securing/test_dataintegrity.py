"""Data Integrity: sign/verify round trips, tampering, safe mode, bad input."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from di_helpers import registry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, InvalidKeyError, SafeModeError
from microcred.securing.dataintegrity import sign, verify_proof
from microcred.securing.keys import OfflineResolver, PrivateKey, did_web_document
from microcred.verification import CheckStatus, Outcome

CREATED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
SUITES = [
    ("eddsa-rdfc-2022", "Ed25519"),
    ("eddsa-jcs-2022", "Ed25519"),
    ("ecdsa-rdfc-2019", "P-256"),
    ("ecdsa-rdfc-2019", "P-384"),
    ("ecdsa-jcs-2019", "P-256"),
    ("ecdsa-jcs-2019", "P-384"),
]
KEYS = {key_type: PrivateKey.generate(key_type) for _, key_type in SUITES}  # type: ignore[arg-type]


def _method(key: PrivateKey) -> str:
    did = key.did_key()
    return f"{did}#{did.removeprefix('did:key:')}"


def credential(key: PrivateKey) -> dict[str, Any]:
    """A VC 2.0 credential issued by the key's did:key, with varied values."""
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2",
        ],
        "id": "urn:uuid:7d6c6c84-4b6e-4c7a-9a39-3d1f0e0f5a11",
        "type": ["VerifiableCredential"],
        "issuer": {"id": key.did_key(), "name": "Habitat Skills Alliance"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Retrofit insulation basics",
        "description": "Awarded after the online assessment.",
        "credentialSubject": {
            "id": "did:example:learner",
            "name": "Ana Pereira",
            "score": 87,
            "passed": True,
            "skills": ["insulation", "air tightness"],
        },
    }


SIGNED = {
    (suite, key_type): sign(
        credential(KEYS[key_type]),
        KEYS[key_type],
        verification_method=_method(KEYS[key_type]),
        cryptosuite=suite,
        created=CREATED,
        registry=registry(),
    )
    for suite, key_type in SUITES
}


@pytest.mark.parametrize(("suite", "key_type"), SUITES)
def test_round_trip_is_valid(suite: str, key_type: str) -> None:
    """Every suite signs and verifies, with all checks passing."""
    report = verify_proof(SIGNED[suite, key_type], registry=registry())
    assert report.valid
    assert {c.name for c in report.checks} >= {"signature", "key", "purpose", "issuer"}
    assert report.result.valid
    with pytest.raises(TypeError):
        bool(report)


def test_sign_leaves_input_untouched() -> None:
    """sign() returns a new document and does not modify its argument."""
    key = KEYS["Ed25519"]
    document = credential(key)
    before = copy.deepcopy(document)
    sign(document, key, verification_method=_method(key), registry=registry())
    assert document == before


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((*prefix, index))
            found.extend(_paths(value, (*prefix, index)))
    return found


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    return "replaced"


def _tamper(
    document: dict[str, Any], path: tuple[Any, ...], kind: str
) -> dict[str, Any]:
    tampered = copy.deepcopy(document)
    parent = tampered
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if kind == "value":
        parent[last] = _changed(parent[last])
    elif kind == "remove":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["addedByAttacker"] = "extra"
    elif isinstance(parent, dict):
        parent["addedByAttacker"] = "extra"
    else:
        parent.append("extra")
    return tampered


@pytest.mark.parametrize(("suite", "key_type"), SUITES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_change_fails(
    suite: str, key_type: str, data: st.DataObject
) -> None:
    """Changing, removing or adding one thing anywhere makes verification fail."""
    signed = SIGNED[suite, key_type]
    path = data.draw(st.sampled_from(_paths(signed)), label="path")
    kind = data.draw(st.sampled_from(["value", "remove", "add"]), label="kind")
    tampered = _tamper(signed, path, kind)
    assert not verify_proof(tampered, registry=registry()).valid


@pytest.mark.parametrize(
    ("field", "value", "outcome"),
    [
        ("proofValue", "z" + "1" * 80, Outcome.INVALID_SIGNATURE),
        ("created", "2026-01-02T03:04:06Z", Outcome.INVALID_SIGNATURE),
        ("proofPurpose", "authentication", Outcome.KEY_MISMATCH),
        ("cryptosuite", "ecdsa-sd-2023", Outcome.UNSUPPORTED),
        ("type", "BbsBlsSignature2020", Outcome.UNSUPPORTED),
        ("type", "Ed25519Signature2020", Outcome.INVALID_SIGNATURE),
        ("proofValue", "not-multibase", Outcome.MALFORMED),
        ("created", "yesterday", Outcome.MALFORMED),
    ],
)
def test_named_proof_changes(field: str, value: str, outcome: Outcome) -> None:
    """Named changes to the proof fail with the outcome that describes them."""
    signed = copy.deepcopy(SIGNED["eddsa-rdfc-2022", "Ed25519"])
    signed["proof"][field] = value
    report = verify_proof(signed, registry=registry())
    assert not report.valid
    assert outcome in {
        c.outcome for c in report.checks if c.status is CheckStatus.FAILED
    }


def test_other_key_is_key_mismatch_or_invalid() -> None:
    """A proof naming another did:key fails: its key did not sign."""
    signed = copy.deepcopy(SIGNED["eddsa-rdfc-2022", "Ed25519"])
    signed["proof"]["verificationMethod"] = _method(PrivateKey.generate("Ed25519"))
    report = verify_proof(signed, registry=registry())
    failed = {c.outcome for c in report.checks if c.status is CheckStatus.FAILED}
    assert Outcome.INVALID_SIGNATURE in failed


def test_issuer_binding() -> None:
    """A valid signature by a key that is not the issuer's fails the issuer check."""
    key, other = KEYS["Ed25519"], PrivateKey.generate("Ed25519")
    document = credential(key)
    signed = sign(
        document, other, verification_method=_method(other), created=CREATED,
        registry=registry(),
    )  # fmt: skip
    report = verify_proof(signed, registry=registry())
    by_name = {c.name: c for c in report.checks}
    assert by_name["signature"].status is CheckStatus.PASSED
    assert by_name["issuer"].outcome is Outcome.ISSUER_MISMATCH
    assert not report.valid


def test_did_web_issuer_with_resolver() -> None:
    """A did:web issuer verifies through an in-memory DID document."""
    key = KEYS["P-256"]
    did = "did:web:credentials.example"
    document = credential(key)
    document["issuer"]["id"] = did
    resolver = OfflineResolver(
        [did_web_document(did, {"key-1": key.public_key}, key_format="JsonWebKey")]
    )
    signed = sign(
        document, key, verification_method=f"{did}#key-1", created=CREATED,
        registry=registry(),
    )  # fmt: skip
    assert verify_proof(signed, resolver=resolver, registry=registry()).valid
    unresolved = verify_proof(signed, registry=registry())
    assert Outcome.UNAVAILABLE in {c.outcome for c in unresolved.checks}


def test_expired_proof() -> None:
    """A proof past its expires fails the validity check."""
    key = KEYS["Ed25519"]
    signed = sign(
        credential(key), key, verification_method=_method(key), created=CREATED,
        expires=CREATED + timedelta(days=1), registry=registry(),
    )  # fmt: skip
    later = CREATED + timedelta(hours=1)
    assert verify_proof(signed, now=later, registry=registry()).valid
    late = verify_proof(signed, now=CREATED + timedelta(days=2), registry=registry())
    assert Outcome.EXPIRED in {c.outcome for c in late.checks}


def _v1_credential(key: PrivateKey) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": key.did_key(),
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (
            lambda d: d["credentialSubject"].update(favouriteColour="blue"),
            "favouriteColour",
        ),
        (lambda d: d["type"].append("MicroCredential"), "MicroCredential"),
        (lambda d: d["credentialSubject"].update(id="learners/42"), "learners/42"),
        (lambda d: d["credentialSubject"].update({"@comment": "x"}), "@comment"),
    ],
)
def test_safe_mode_refuses_to_sign(change: Any, named: str) -> None:
    """Undefined terms, undefined types, relative ids and @-keys are refused."""
    key = KEYS["Ed25519"]
    document = _v1_credential(key)
    change(document)
    with pytest.raises(SafeModeError) as caught:
        sign(document, key, verification_method=_method(key), created=CREATED)
    assert named in str(caught.value)


def test_unsafe_allow_undefined_terms_by_name_only() -> None:
    """The unsafe switch signs; a normal verify still refuses the document."""
    key = KEYS["Ed25519"]
    document = _v1_credential(key)
    document["credentialSubject"]["favouriteColour"] = "blue"
    signed = sign(
        document, key, verification_method=_method(key), created=CREATED,
        unsafe_allow_undefined_terms=True,
    )  # fmt: skip
    assert verify_proof(signed, unsafe_allow_undefined_terms=True).valid
    report = verify_proof(signed, registry=registry())
    assert Outcome.UNSAFE_JSONLD in {c.outcome for c in report.checks}


def test_v1_document_gets_data_integrity_context() -> None:
    """A VC 1.1 document gains the Data Integrity context and verifies."""
    key = KEYS["Ed25519"]
    signed = sign(_v1_credential(key), key, verification_method=_method(key))
    assert signed["@context"][-1] == "https://w3id.org/security/data-integrity/v2"
    assert verify_proof(signed).valid


def test_added_undefined_term_after_signing_is_unsafe() -> None:
    """An attacker's undefined term in a VC 1.1 credential is caught as unsafe."""
    key = KEYS["Ed25519"]
    signed = sign(_v1_credential(key), key, verification_method=_method(key))
    signed["credentialSubject"]["grade"] = "A+"
    report = verify_proof(signed, registry=registry())
    assert Outcome.UNSAFE_JSONLD in {c.outcome for c in report.checks}


def test_bad_inputs() -> None:
    """Wrong key type, mismatched did:key, naive datetimes and non-objects."""
    key = KEYS["Ed25519"]
    document = credential(key)
    with pytest.raises(InvalidKeyError):
        sign(document, KEYS["P-256"], verification_method=_method(KEYS["P-256"]),
             cryptosuite="eddsa-rdfc-2022", registry=registry())  # fmt: skip
    with pytest.raises(InvalidKeyError):
        sign(
            document,
            key,
            verification_method=_method(KEYS["P-256"]),
            registry=registry(),
        )
    with pytest.raises(InvalidDataError):
        sign(
            document,
            key,
            verification_method=_method(key),
            created=datetime(2026, 1, 1),  # noqa: DTZ001
        )
    with pytest.raises(InvalidDataError):
        sign([], key, verification_method=_method(key))  # type: ignore[arg-type]
    assert not verify_proof([]).valid  # type: ignore[arg-type]
    assert not verify_proof(document, registry=registry()).valid
    assert not verify_proof({**document, "proof": "nope"}).valid


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["type", "cryptosuite", "proofValue", "verificationMethod",
                         "proofPurpose", "created", "previousProof", "@context"]),
        st.one_of(st.text(max_size=20), st.integers(), st.none(), st.lists(st.text())),
    )
)  # fmt: skip
def test_arbitrary_proofs_never_crash(proof: dict[str, Any]) -> None:
    """Any proof object yields a report that is not valid, never an exception."""
    document = {**credential(KEYS["Ed25519"]), "proof": proof}
    assert not verify_proof(document, registry=registry()).valid


_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.sampled_from(["@context", "id", "type"])),
            children,
            max_size=3,
        ),
    ),
    max_leaves=10,
)


def _no_data(value: Any) -> bool:
    """``null`` or arrays of nothing but those: JSON-LD reads them as absent."""
    if isinstance(value, list):
        return all(_no_data(item) for item in value)
    return value is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list(SIGNED)), st.text(max_size=10), _json)
def test_arbitrary_documents_never_crash(
    suite: tuple[str, str], field: str, value: Any
) -> None:
    """Any JSON put into a signed credential yields a report, never a crash.

    (JSON-LD reads ``null`` as absent, so a new null-valued term may still
    verify under the RDFC suites; every other change is covered above.)
    """
    document = copy.deepcopy(SIGNED[suite])
    document[field or "@context"] = value
    report = verify_proof(document, registry=registry())
    assert isinstance(report.valid, bool)
    if report.valid:
        assert suite[0].endswith(("rdfc-2022", "rdfc-2019"))
        # A string @index is JSON-LD metadata with no RDF of its own, so RDFC
        # suites cannot see it (docs/limitations.md); anything else must fail.
        assert _no_data(value) or (field == "@index" and isinstance(value, str))
