"""from_ob3: reading an OB 3.0 credential back, with everything else kept."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from microcred._jsonio import dumps
from microcred.errors import InvalidDataError, ResourceLimitError
from microcred.model import Award, demo_award
from microcred.ob3 import from_ob3, ob3_schema_issues, to_ob3

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _award() -> Award:
    base = demo_award(ISSUED)
    return base.model_copy(
        update={"grade": "merit", "valid_until": ISSUED + timedelta(days=30)}
    )


def assert_round_trip(
    award: Award, language: str | None = None, salt: str | None = None
) -> None:
    """Everything to_ob3 writes comes back as the award's own values."""
    credential = award.micro_credential
    chosen = language or credential.languages[0]

    reading = from_ob3(to_ob3(award, language=language, identity_salt=salt))

    assert reading.extra == {}
    assert reading.credential_id == award.id
    assert reading.issuer_id == credential.issuer.id
    assert reading.valid_from == award.effective_valid_from
    assert reading.valid_until == award.valid_until
    assert reading.awarded == award.issued
    assert [
        (e.id, e.url, e.description.get_text(chosen)) for e in reading.evidence
    ] == [(e.id, e.url, e.description.get_text(chosen)) for e in award.evidence]
    assert reading.learner_id == award.learner.id
    assert reading.learner_name == award.learner.display_name
    has_email = salt is not None and award.learner.email is not None
    assert (reading.learner_email_hash is not None) == has_email
    has_identifier = salt is not None and award.learner.identifier is not None
    assert (reading.learner_identifier_hash is not None) == has_identifier
    assert reading.title == credential.title.get_text(chosen)
    assert reading.ects == credential.workload.ects
    assert reading.eqf_level == credential.eqf_level
    assert [o.id for o in reading.outcomes] == list(credential.outcome_ids)
    pairs = zip(reading.outcomes, credential.learning_outcomes, strict=True)
    for outcome, source in pairs:
        assert outcome.text == source.text.get_text(chosen)
        assert [s.iri for s in outcome.esco_skills] == [
            s.iri for s in source.esco_skills
        ]
    assert reading.outcome_results == award.outcome_results
    assert reading.grade == award.grade
    assert [o.iri for o in reading.esco_occupations] == [
        o.iri for o in credential.esco_occupations
    ]


def test_round_trip_of_the_demo_award() -> None:
    """The demo award's mapped values survive to_ob3 then from_ob3."""
    assert_round_trip(_award())


def test_accepts_json_text() -> None:
    """JSON bytes read the same as the parsed dict."""
    credential = to_ob3(_award())

    assert from_ob3(dumps(credential)) == from_ob3(credential)


def test_foreign_values_are_kept_as_extra() -> None:
    """Values microcred has no field for are kept under their dotted path."""
    credential = to_ob3(_award())
    credential["credentialSubject"]["achievement"]["tag"] = ["insulation"]
    credential["evidence"] = [{"id": "https://x.example/e", "type": ["Evidence"]}]

    extra = from_ob3(credential).extra

    assert extra["credentialSubject.achievement.tag[0]"] == "insulation"
    assert extra["evidence[0].id"] == "https://x.example/e"


def test_reads_a_foreign_eqf_alignment_by_its_code() -> None:
    """An ext:EQF alignment pointing at a web page is read from targetCode."""
    credential = to_ob3(_award())
    eqf = credential["credentialSubject"]["achievement"]["alignment"][0]
    eqf["targetUrl"] = "https://content.example.com/description-eqf-levels"
    eqf["targetCode"] = "4"

    reading = from_ob3(credential)

    assert reading.eqf_level == 4
    assert reading.extra == {
        "credentialSubject.achievement.alignment[0].targetUrl": eqf["targetUrl"]
    }


def _broken(edit: Any) -> dict[str, Any]:
    credential = copy.deepcopy(to_ob3(_award()))
    edit(credential)
    return credential


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda c: c.pop("validFrom"), "validFrom"),
        (lambda c: c.update(validFrom="2026-03-01T09:30:00"), "validFrom"),
        (lambda c: c.update(type=["VerifiableCredential"]), "type"),
        (lambda c: c.update(id=7), "id"),
        (
            lambda c: c["credentialSubject"].pop("achievement"),
            "credentialSubject.achievement",
        ),
        (
            lambda c: c["credentialSubject"]["achievement"].update(
                creditsAvailable=True
            ),
            "credentialSubject.achievement.creditsAvailable",
        ),
        (
            lambda c: c["credentialSubject"]["achievement"]["alignment"][1].update(
                targetUrl="http://data.europa.eu/esco/skill/not-a-uuid"
            ),
            "credentialSubject.achievement.alignment[1].targetUrl",
        ),
        (
            lambda c: c["credentialSubject"]["result"][0].update(status="Enrolled"),
            "credentialSubject.result[0].status",
        ),
        (
            lambda c: c["credentialSubject"]["result"][0].update(value="7/5"),
            "credentialSubject.result[0]",
        ),
    ],
)
def test_bad_input_names_the_field(edit: Any, path: str) -> None:
    """Missing or mistyped values raise InvalidDataError naming their path."""
    with pytest.raises(InvalidDataError) as caught:
        from_ob3(_broken(edit))

    assert caught.value.path == path


def test_not_an_object() -> None:
    """A JSON array is not a credential."""
    with pytest.raises(InvalidDataError):
        from_ob3(b"[1, 2]")


@pytest.mark.parametrize("value", ["1e999999999", "0x1", "-1/2", "1/0", "9" * 50])
def test_score_text_is_bounded(value: str) -> None:
    """Scores are plain short fractions: exponent forms never reach Fraction."""
    credential = to_ob3(_award())
    credential["credentialSubject"]["result"][0]["value"] = value

    with pytest.raises(InvalidDataError) as caught:
        from_ob3(credential)

    assert caught.value.path == "credentialSubject.result[0].value"


def test_credits_must_be_finite() -> None:
    """An infinite or negative creditsAvailable is refused with its path."""
    credential = to_ob3(_award())
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = float("inf")

    with pytest.raises(InvalidDataError) as caught:
        from_ob3(credential)

    assert caught.value.path == "credentialSubject.achievement.creditsAvailable"


def test_single_object_alignment_keeps_its_path() -> None:
    """A single foreign alignment object (no array) is kept under its own path."""
    credential = to_ob3(_award())
    credential["credentialSubject"]["achievement"]["alignment"] = {
        "type": ["Alignment"],
        "targetName": "Other framework",
        "targetUrl": "https://frameworks.example/1",
    }

    extra = from_ob3(credential).extra

    assert extra["credentialSubject.achievement.alignment.targetName"] == (
        "Other framework"
    )


def test_deeply_nested_dict_is_a_resource_error() -> None:
    """A caller's dict nested beyond Python's recursion limit fails cleanly; the
    required-field check does not descend into it and names the evidence."""
    credential = to_ob3(_award())
    deep: dict[str, Any] = {}
    for _ in range(5000):
        deep = {"x": deep}
    credential["evidence"] = deep

    with pytest.raises(ResourceLimitError):
        from_ob3(credential)
    issues = ob3_schema_issues(credential)
    assert [issue.path for issue in issues] == ["evidence"]
