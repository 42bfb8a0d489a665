"""1EdTech validator fixtures against microcred's own required-field check.

Only the fixtures about shape are judged here. The others, and the reason each is
left out, are listed once in ``SKIPPED``. The verdicts of 1EdTech's JSON Schema on
the same files are in ``conformance/test_ob3_schema.py`` (the schema has no licence
that lets us copy it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from microcred._jsonio import load_json
from microcred.errors import SafeModeError, ShapeViolationError
from microcred.jsonld import expand
from microcred.ob3 import check_ob3, ob3_schema_issues

FIXTURES = Path(__file__).parents[1] / "vectors" / "ob3" / "validator-fixtures" / "ob30"

#: Fixtures the 1EdTech validator accepts and that have every required field.
VALID = (
    "simple.json",
    "simple-did-key-method.json",
    "simple-context-alias.json",
    # 1EdTech's failing probe is about the context version, not the shape.
    "simple-context-version.json",
    # 1EdTech's only error is JSON-LD ("SomeProofType"), not the schema.
    "simple-multiple-proofs.json",
    # 1EdTech fails it only because the extra credentialSchema URL is a 404.
    "complete.json",
    # One proof object: the model allows it (1EdTech resolves did:web online).
    "simple-did-web-method.json",
)

#: Fixtures made invalid on purpose, with the path where the check must object.
INVALID = {
    "simple-err-type.json": "type",
    # The VCDM 1.1 context and issuanceDate instead of the VC 2.0 ones.
    "simple-err-context.json": "@context",
    "simple-err-issuer.json": "",
    "simple-err-credential-subject-type.json": "credentialSubject.type",
    "simple-err-credential-subject-identifier-type.json": (
        "credentialSubject.identifier[0].type"
    ),
    "simple-err-credential-subject-result-type.json": (
        "credentialSubject.result[1].type"
    ),
    "simple-err-credential-subject-achievement-result-description-type.json": (
        "credentialSubject.achievement.resultDescription[2].type"
    ),
    "simple-err-credential-subject-profile-type.json": "credentialSubject.source.type",
    "simple-err-evidence-type.json": "evidence[1].type",
    "simple-err-issuer-type.json": "issuer.type",
    "simple-err-issuer-parentorg-type.json": "issuer.parentOrg.type",
    "simple-err-issuer-otheridentifier-type.json": "issuer.otherIdentifier[1].type",
    # VCDM 1.1 context: 1EdTech warns; OB 3.0 requires the VC 2.0 context.
    "simple_v1.json": "@context",
}

#: Fixtures not judged here, each with its reason (none is about the shape).
SKIPPED = {
    "simple.1ob": "the same JSON as simple.json under another file extension",
    "simple-eddsa-2022.json": "legacy cryptosuite name: a signature matter",
    "simple-err-proof-method.json": "signature: verificationMethod not resolvable",
    "simple-err-proof-method-no-scheme.json": "signature: verificationMethod form",
    "simple-err-proof-method-unknown-scheme.json": "signature: verificationMethod",
    "simple-err-proof-method-unknown-did-method.json": "signature: DID method",
    "simple-err-proof-value.json": "signature: proofValue altered",
    "simple-err-expired.json": "validity window judged against the clock",
    "simple-err-issued.json": "validFrom in the future: judged against the clock",
    "simple-noproof.json": "not used by 1EdTech as a test case",
    "complete_v1.json": "fails on a network-only inline credentialSchema",
    "credential-status-revoked.json": "revocation status list fetched online",
    "bit-string-list/*": "Bitstring status lists: revocation, not shape",
    "endorsement-valid.json": "EndorsementCredential: another class",
    "endorsement-err-schema-status-refresh.json": "EndorsementCredential",
    "sd/derivedcredential.json": "ecdsa-sd-2023 derived proof",
    "simple.jwt": "VC-JWT: a securing mechanism, not the shape",
    "velocity.jwt": "VC-JWT",
}


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_passes_the_required_field_check(name: str) -> None:
    """A fixture 1EdTech accepts (or rejects for a non-shape reason) conforms."""
    document = load_json(FIXTURES / name)

    assert ob3_schema_issues(document) == ()
    check_ob3(document)


@pytest.mark.parametrize(("name", "path"), sorted(INVALID.items()))
def test_invalid_fixture_fails_where_it_was_broken(name: str, path: str) -> None:
    """Each broken fixture is refused, with an issue at the field that was broken."""
    document = load_json(FIXTURES / name)

    issues = ob3_schema_issues(document)

    assert path in {issue.path for issue in issues}
    with pytest.raises(ShapeViolationError):
        check_ob3(document)


def test_every_copied_fixture_has_a_verdict() -> None:
    """No copied fixture is silently left without an expected verdict."""
    copied = {path.name for path in FIXTURES.glob("*.json")}

    assert copied == set(VALID) | set(INVALID)
    assert not copied & set(SKIPPED)


@pytest.mark.parametrize(
    "name", [n for n in VALID if n != "simple-multiple-proofs.json"]
)
def test_valid_fixture_expands_in_safe_mode(name: str) -> None:
    """Valid fixtures use only terms the bundled contexts define."""
    assert expand(load_json(FIXTURES / name), safe=True)


def test_undefined_proof_terms_are_refused_in_safe_mode() -> None:
    """The second, made-up proof of simple-multiple-proofs uses undefined terms.

    1EdTech reports it as a JSON-LD error; safe expansion must refuse it too.
    """
    document = load_json(FIXTURES / "simple-multiple-proofs.json")

    with pytest.raises(SafeModeError):
        expand(document, safe=True)
