"""The W3C VC-JOSE-COSE test suite's expected results, reproduced.

Each entry of ``test-mapping.json`` names an input, a key and the expected
result (success or failure). JWS, COSE and SD-JWT entries are all run
through microcred.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from _jose_support import JOSE_SUITE, load, make_examples_registry

from microcred.errors import MicrocredError
from microcred.jsonld import ContextRegistry
from microcred.securing import jose, sd_jwt
from microcred.securing._jose_jwk import private_key_from_jwk, public_key_from_jwk
from microcred.verification import Outcome, verify

MAPPING = load(JOSE_SUITE / "test-mapping.json")
#: When the suite's inputs were made; presentations carry an exp a day later.
SUITE_TIME = dt.datetime(2024, 12, 16, 1, 0, tzinfo=dt.UTC)
#: Cases whose presentation envelopes presentation-single.json's credential, a
#: JWS whose header lost its first character ("yJ..." for "eyJ..."): the suite
#: expects success, which microcred gives only when told to be lenient.
CORRUPT_ENVELOPE = frozenset({3, 28, 31})


@pytest.fixture(scope="module")
def examples_registry() -> ContextRegistry:
    """The bundled contexts plus the W3C examples context."""
    return make_examples_registry()


def _cases(group: str) -> list[Any]:
    return [pytest.param(case, id=name) for name, case in MAPPING[group].items()]


def _issue(
    case: dict[str, Any], registry: ContextRegistry, profile: str, *, lenient: bool
) -> bool:
    method = load(JOSE_SUITE / case["key_file"])
    document = load(JOSE_SUITE / case["input_file"])
    key = private_key_from_jwk(method["secretKeyJwk"])
    try:
        secured = jose.sign(
            document, key, kid=method["id"], registry=registry, profile=profile
        )
    except MicrocredError:
        return False
    result = verify(
        secured,
        now=SUITE_TIME,
        key=key.public_key(),
        registry=registry,
        unsafe_allow_faulty_enveloped_credentials=lenient,
    )
    return result.valid


def _verify(
    case: dict[str, Any], registry: ContextRegistry, *, lenient: bool = False
) -> bool:
    method = load(JOSE_SUITE / case["key_file"])
    text = (JOSE_SUITE / case["input_file"]).read_text(encoding="utf-8")
    key = public_key_from_jwk(method["publicKeyJwk"])
    result = verify(
        text,
        now=SUITE_TIME,
        key=key,
        registry=registry,
        unsafe_allow_faulty_enveloped_credentials=lenient,
    )
    return result.valid


@pytest.mark.parametrize(
    ("case", "profile"),
    [pytest.param(c.values[0], "vc+jwt", id=c.id) for c in _cases("JOSETestMapping")]
    + [
        pytest.param(c.values[0], "vc+cose", id=c.id) for c in _cases("COSETestMapping")
    ],
)
def test_expected_result(
    case: dict[str, Any], profile: str, examples_registry: ContextRegistry
) -> None:
    """Every JWS and COSE issue/verify case ends as the suite expects (the three
    whose presentation envelopes a corrupt credential only when asked to be
    lenient about it, see CORRUPT_ENVELOPE)."""
    lenient = case["number"] in CORRUPT_ENVELOPE
    if case["fn"] == "issue":
        outcome = _issue(case, examples_registry, profile, lenient=lenient)
    else:
        outcome = _verify(case, examples_registry, lenient=lenient)
    assert outcome is (case["expected_result"] == "success")


@pytest.mark.parametrize(
    ("case", "profile"),
    [
        pytest.param(c.values[0], profile, id=c.id)
        for group, profile in (
            ("JOSETestMapping", "vc+jwt"),
            ("COSETestMapping", "vc+cose"),
        )
        for c in _cases(group)
        if c.values[0]["number"] in CORRUPT_ENVELOPE
    ],
)
def test_a_corrupt_enveloped_credential_fails_by_default(
    case: dict[str, Any], profile: str, examples_registry: ContextRegistry
) -> None:
    """Without the unsafe option, the suite's presentations with a corrupt
    enveloped credential fail, on the credentials check alone."""
    if case["fn"] == "issue":
        assert not _issue(case, examples_registry, profile, lenient=False)
        return
    method = load(JOSE_SUITE / case["key_file"])
    text = (JOSE_SUITE / case["input_file"]).read_text(encoding="utf-8")
    key = public_key_from_jwk(method["publicKeyJwk"])
    result = verify(text, now=SUITE_TIME, key=key, registry=examples_registry)
    assert [c.name for c in result.failures] == ["credentials"]
    assert "verifiableCredential[0]" in result["credentials"].message


def disclosure_paths(text: str) -> list[str]:
    """The suite's ``disclosure_paths``, which its extraction left truncated.

    ``"['credentialSubject.firstName'"`` (no closing bracket) must read as the
    list it was meant to be, and so must a complete one.
    """
    inner = text.strip().removeprefix("[").removesuffix("]")
    parts = (part.strip().strip("'\"").strip() for part in inner.split(","))
    return [part for part in parts if part]


def _value_at(document: Any, path: str) -> Any:
    for part in path.split("."):
        document = document[part]
    return document


def _issue_sd_jwt(case: dict[str, Any], registry: ContextRegistry) -> bool:
    method = load(JOSE_SUITE / case["key_file"])
    document = load(JOSE_SUITE / case["input_file"])
    key = private_key_from_jwk(method["secretKeyJwk"])
    paths = disclosure_paths(case["disclosure_paths"])
    try:
        secured = sd_jwt.sign_sd_jwt(
            document, key, kid=method["id"], disclosable=paths, registry=registry
        )
    except MicrocredError:
        return False
    # Hidden in the signed payload, back in the disclosed claims.
    signed = jose.unverified_claims(secured.split("~", 1)[0])
    for path in paths:
        with pytest.raises(KeyError):
            _value_at(signed, path)
        assert _value_at(sd_jwt.unverified_claims(secured), path) == _value_at(
            document, path
        )
    result = verify(secured, now=SUITE_TIME, key=key.public_key(), registry=registry)
    return result.valid


@pytest.mark.parametrize("case", _cases("SDJWTTestMapping"))
def test_sd_jwt_expected_result(
    case: dict[str, Any], examples_registry: ContextRegistry
) -> None:
    """Every SD-JWT issue/verify case (17-26) ends as the suite expects."""
    if case["fn"] == "issue":
        outcome = _issue_sd_jwt(case, examples_registry)
    else:
        outcome = _verify(case, examples_registry)
    assert outcome is (case["expected_result"] == "success")


def test_disclosure_paths_read_truncated_and_whole_lists() -> None:
    """The mapping's cut-off list strings parse like whole ones."""
    assert disclosure_paths("['credentialSubject.firstName'") == [
        "credentialSubject.firstName"
    ]
    assert disclosure_paths("['a.b', 'c']") == ["a.b", "c"]
    assert disclosure_paths("[]") == []


def test_sd_jwt_bad_signature_is_reported_as_such(
    examples_registry: ContextRegistry,
) -> None:
    """Case 23 fails on the issuer's signature, its disclosures being sound."""
    method = load(JOSE_SUITE / "vm-p384.json")
    text = (JOSE_SUITE / "credential-sdjwt-bad-signature.txt").read_text()
    result = verify(
        text,
        now=SUITE_TIME,
        key=public_key_from_jwk(method["publicKeyJwk"]),
        registry=examples_registry,
    )
    assert result["disclosures"].status.value == "passed"
    assert result["signature"].outcome is Outcome.INVALID_SIGNATURE


def test_sd_jwt_presentation_verifies_its_enveloped_credential(
    examples_registry: ContextRegistry,
) -> None:
    """Case 22 with a resolver for the inner kid: the inner JWT is verified too."""
    holder = load(JOSE_SUITE / "vm-p384.json")
    issuer = load(JOSE_SUITE / "vm-ed25519.json")
    resolver = {issuer["publicKeyJwk"]["kid"]: issuer}
    text = (JOSE_SUITE / "presentation-sdjwt-selective.txt").read_text()
    result = verify(
        text,
        now=SUITE_TIME,
        key=public_key_from_jwk(holder["publicKeyJwk"]),
        resolver=resolver,
        registry=examples_registry,
    )
    assert result.valid
    assert result["credentials"].status.value == "passed"
    assert "verified" in result["credentials"].message


def test_sd_jwt_presentation_without_inner_key_warns(
    examples_registry: ContextRegistry,
) -> None:
    """Case 22 without the inner issuer's key: valid, with a visible warning."""
    holder = load(JOSE_SUITE / "vm-p384.json")
    text = (JOSE_SUITE / "presentation-sdjwt-selective.txt").read_text()
    result = verify(
        text,
        now=SUITE_TIME,
        key=public_key_from_jwk(holder["publicKeyJwk"]),
        registry=examples_registry,
    )
    assert result.valid
    assert result["credentials"].status.value == "warning"
    assert "not checked" in result["credentials"].message


def test_hex_cose_is_refused_by_name(examples_registry: ContextRegistry) -> None:
    """Case 30: COSE as hex instead of base64 fails, and the message says why."""
    text = (JOSE_SUITE / "credential-cose-minimal-not-base64.txt").read_text()
    result = verify(text, now=SUITE_TIME, registry=examples_registry)
    assert "hex" in result["parse"].message


def test_bad_signature_is_reported_as_such(examples_registry: ContextRegistry) -> None:
    """Case 12 fails on the signature itself, with its own outcome."""
    method = load(JOSE_SUITE / "vm-ed25519.json")
    text = (JOSE_SUITE / "credential-jose-bad-signature.txt").read_text()
    result = verify(
        text,
        now=SUITE_TIME,
        key=public_key_from_jwk(method["publicKeyJwk"]),
        registry=examples_registry,
    )
    assert result["signature"].outcome is Outcome.INVALID_SIGNATURE


def test_resolver_binds_the_key_to_the_issuer(
    examples_registry: ContextRegistry,
) -> None:
    """With a resolver, the kid finds the method and its controller is the issuer."""
    method = load(JOSE_SUITE / "vm-p256.json")
    resolver = {method["publicKeyJwk"]["kid"]: method}
    text = (JOSE_SUITE / "credential-jose-minimal.txt").read_text()
    result = verify(text, now=SUITE_TIME, resolver=resolver, registry=examples_registry)
    assert result.valid
    assert "belongs to https://example.issuer/vc-jose-cose" in result["key"].message


def test_resolver_for_another_controller_fails_key_binding(
    examples_registry: ContextRegistry,
) -> None:
    """A key controlled by someone else than the issuer is a key mismatch."""
    method = dict(load(JOSE_SUITE / "vm-p256.json"), controller="did:example:other")
    resolver = {method["publicKeyJwk"]["kid"]: method}
    text = (JOSE_SUITE / "credential-jose-minimal.txt").read_text()
    result = verify(text, now=SUITE_TIME, resolver=resolver, registry=examples_registry)
    assert not result.valid
    assert result["key"].outcome is Outcome.KEY_MISMATCH


def test_unknown_kid_is_unavailable_not_valid(
    examples_registry: ContextRegistry,
) -> None:
    """Without a key for the kid, the signature check fails as unavailable."""
    text = (JOSE_SUITE / "credential-jose-minimal.txt").read_text()
    result = verify(text, now=SUITE_TIME, registry=examples_registry)
    assert not result.valid
    assert result["signature"].outcome is Outcome.UNAVAILABLE
