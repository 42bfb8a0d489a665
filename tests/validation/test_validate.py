"""validate_edc on the EU samples, the report it returns, and profile choice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microcred.errors import ShapeViolationError, UnsupportedError
from microcred.validation import (
    DEFAULT_PROFILE,
    ValidationReport,
    claimed_profiles,
    ensure_valid_edc,
    validate_edc,
)

CRED = "https://www.w3.org/2018/credentials#"
ELM = "http://data.europa.eu/snb/model/elm/"


@pytest.mark.parametrize(
    "name", ["Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld"]
)
def test_sealed_eu_samples_conform(vectors: Path, name: str) -> None:
    """The EU's sealed samples conform, read straight from the JAdES envelope."""
    report = validate_edc(vectors / name)
    assert report.conforms
    assert report.violations == ()
    assert report.profiles == (DEFAULT_PROFILE,)


def test_unsigned_sample_fails_exactly_on_issued_and_eidas(vectors: Path) -> None:
    """The unsigned micro-credential lacks exactly what the sealing service adds."""
    report = validate_edc(vectors / "Sample-MC-Annex1-unsigned.jsonld")
    assert not report.conforms
    assert not report.only_known_quirks
    found = {(v.json_path, v.constraint, v.path_iri) for v in report.violations}
    assert found == {
        ("issued", "MinCountConstraintComponent", CRED + "issued"),
        ("issuer", "NodeConstraintComponent", CRED + "issuer"),
    }
    issuer = next(v for v in report.violations if v.term == "issuer")
    (detail,) = issuer.details
    assert detail.path_iri == ELM + "eidasLegalIdentifier"
    assert (
        detail.message == "issuer.eIDASIdentifier: exactly one is required, found none"
    )
    assert "issuer.eIDASIdentifier: exactly one is required" in issuer.message


def test_accepts_dict_text_bytes_path_and_envelope(vectors: Path) -> None:
    """Every accepted input form gives the same verdict."""
    path = vectors / "Sample-MC-Annex1-unsigned.jsonld"
    raw = path.read_bytes()
    forms: list[Any] = [path, raw, raw.decode("utf-8"), json.loads(raw)]
    envelope = {"payload": raw.decode("utf-8"), "signatures": []}
    reports = [validate_edc(f) for f in [*forms, envelope]]
    assert {(r.conforms, len(r.violations)) for r in reports} == {(False, 2)}


def test_report_renders_as_json_dict_and_text(mc_unsigned: dict[str, Any]) -> None:
    """to_dict, to_json and to_text carry the verdict and every violation."""
    report = validate_edc(mc_unsigned)
    as_dict = report.to_dict()
    assert as_dict["conforms"] is False
    assert json.loads(report.to_json()) == as_dict
    assert [v["path"] for v in as_dict["violations"]] == ["issued", "issuer"]
    assert as_dict["violations"][1]["details"][0]["term"] == "eIDASIdentifier"
    text = report.to_text()
    assert text.splitlines()[0] == "does not conform: 2 violations"
    assert "- issued: exactly one is required, found none" in text


def test_report_is_immutable(mc_signed: dict[str, Any]) -> None:
    """A report cannot be changed after the fact."""
    report = validate_edc(mc_signed)
    with pytest.raises(AttributeError):
        report.conforms = False  # type: ignore[misc]


def test_ensure_valid_raises_listing_every_violation(
    mc_unsigned: dict[str, Any],
) -> None:
    """The raising variant names each failing path in its message."""
    with pytest.raises(ShapeViolationError) as caught:
        ensure_valid_edc(mc_unsigned)
    message = str(caught.value)
    assert "2 violations" in message
    assert "issued: exactly one is required" in message
    assert "issuer.eIDASIdentifier" in message


def test_ensure_valid_returns_the_report_when_it_conforms(
    mc_signed: dict[str, Any],
) -> None:
    """A conforming credential passes through and the report comes back."""
    assert isinstance(ensure_valid_edc(mc_signed), ValidationReport)


def test_date_modified_is_flagged_as_the_known_eu_quirk(
    mc_signed: dict[str, Any],
) -> None:
    """dateModified fails the EU's shapes because of the EU's context; we say so."""
    mc_signed["issuer"]["dateModified"] = "2024-01-01T00:00:00Z"
    report = validate_edc(mc_signed)
    assert not report.conforms
    assert report.only_known_quirks
    (violation,) = report.violations
    assert violation.known_quirk == "edc-ap-dateModified"
    assert violation.json_path == "issuer.dateModified"
    assert "known EU context quirk" in violation.message
    assert "(only known EU quirks)" in report.to_text()


def test_quirk_alongside_a_real_fault_is_not_only_quirks(
    mc_signed: dict[str, Any],
) -> None:
    """A real fault next to the quirk keeps only_known_quirks false."""
    mc_signed["issuer"]["dateModified"] = "2024-01-01T00:00:00Z"
    del mc_signed["issued"]
    report = validate_edc(mc_signed)
    assert not report.only_known_quirks
    assert sum(1 for v in report.violations if v.known_quirk) == 1


def test_profile_comes_from_credential_schema(mc_signed: dict[str, Any]) -> None:
    """credentialSchema picks the shapes; unknown schemas are skipped."""
    ap = "http://data.europa.eu/snb/model/ap/"
    mc_signed["credentialSchema"] = [
        {"id": "https://example.org/some-json-schema", "type": "JsonSchema"},
        {"id": ap + "edc-accredited", "type": "ShaclValidator2017"},
    ]
    assert claimed_profiles(mc_signed) == {ap + "edc-accredited"}
    del mc_signed["credentialSchema"]
    assert claimed_profiles(mc_signed) == {DEFAULT_PROFILE}


def test_accredited_profile_requires_accreditation_evidence(
    mc_signed: dict[str, Any],
) -> None:
    """The accredited shapes add rules that generic-full does not have."""
    assert validate_edc(mc_signed).conforms
    report = validate_edc(mc_signed, profile="accredited")
    assert not report.conforms
    assert report.profiles == ("http://data.europa.eu/snb/model/ap/edc-accredited",)


def test_no_cv_profile_ignores_vocabulary_schemes(mc_signed: dict[str, Any]) -> None:
    """generic-no-cv skips the controlled-vocabulary checks that generic-full adds."""
    spec = mc_signed["credentialSubject"]["hasClaim"]["specifiedBy"]
    spec["eqfLevel"]["inScheme"]["id"] = "http://example.org/not-eqf"
    assert not validate_edc(mc_signed).conforms
    assert validate_edc(mc_signed, profile="generic-no-cv").conforms


def test_unknown_profile_is_unsupported(mc_signed: dict[str, Any]) -> None:
    """Asking for a profile we do not ship names the ones we do."""
    with pytest.raises(UnsupportedError, match="edc-generic-full"):
        validate_edc(mc_signed, profile="loq")


def test_concurrent_validation_gives_the_same_reports(vectors: Path) -> None:
    """Threads share the cached shapes safely: every thread gets the same report."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [vectors / "Sample-MC-Annex1-unsigned.jsonld",
             vectors / "Sample-MC-Annex1-signed.jsonld"] * 4  # fmt: skip
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(validate_edc, paths))
    assert [r.to_dict() for r in reports] == [validate_edc(p).to_dict() for p in paths]


def test_messages_for_node_kind_and_has_value(mc_signed: dict[str, Any]) -> None:
    """A concept scheme without an id: 'must be an IRI' and 'must include' wording."""
    spec = mc_signed["credentialSubject"]["hasClaim"]["specifiedBy"]
    del spec["eqfLevel"]["inScheme"]["id"]
    report = validate_edc(mc_signed)
    text = report.to_text()
    assert "eqfLevel.inScheme: must be an IRI, found a blank node" in text
    assert "must include <http://data.europa.eu/snb/eqf/25831c2>" in text


def test_message_for_max_inclusive(mc_signed: dict[str, Any]) -> None:
    """A completion level over 100 says what the limit is."""
    activity = mc_signed["credentialSubject"]["hasClaim"]["influencedBy"]
    activity = activity[0] if isinstance(activity, list) else activity
    activity["levelOfCompletion"] = 150
    (violation,) = validate_edc(mc_signed).violations
    assert violation.constraint == "MaxInclusiveConstraintComponent"
    assert violation.message.endswith(
        'must be at most 100, found "150" (xsd:positiveInteger)'
    )
