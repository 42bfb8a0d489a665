"""to_ob3: the OpenBadgeCredential written for an award."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from microcred._jsonio import dumps
from microcred.errors import InvalidDataError
from microcred.jsonld import expand
from microcred.model import Award, Learner, demo_award, synthetic_examples
from microcred.ob3 import OB3_CONTEXT, VC2_CONTEXT, check_ob3, to_ob3

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _award(**changes: object) -> Award:
    return demo_award(ISSUED).model_copy(update=changes)


def test_demo_award_conforms_and_expands_safely() -> None:
    """The export has every OB 3.0 required field and expands safely as JSON-LD."""
    credential = to_ob3(_award())

    check_ob3(credential)
    assert expand(credential, safe=True)


def test_head_of_the_credential() -> None:
    """Contexts, types, ids and dates are those OB 3.0 on VC 2.0 asks for."""
    award = _award(valid_until=ISSUED + timedelta(days=365))

    credential = to_ob3(award, issuer_id="https://issuer.example/profile")

    assert credential["@context"] == [VC2_CONTEXT, OB3_CONTEXT]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == award.id
    assert credential["issuer"]["id"] == "https://issuer.example/profile"
    assert credential["issuer"]["address"]["addressCountryCode"] == "ES"
    assert credential["validFrom"] == "2026-03-01T09:30:00Z"
    assert credential["validUntil"] == "2027-03-01T09:30:00Z"


def test_achievement_carries_the_european_elements() -> None:
    """Type MicroCredential, ECTS as creditsAvailable, EQF and ESCO alignments."""
    award = _award()
    credential = award.micro_credential

    achievement = to_ob3(award)["credentialSubject"]["achievement"]

    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["creditsAvailable"] == credential.workload.ects
    targets = {(a["targetType"], a["targetUrl"]) for a in achievement["alignment"]}
    assert ("ext:EQF", "http://data.europa.eu/snb/eqf/3") in targets
    skills = {s.iri for o in credential.learning_outcomes for s in o.esco_skills}
    assert {url for kind, url in targets if kind == "ext:ESCOSkill"} == skills
    assert all(a["targetFramework"] for a in achievement["alignment"])


def test_every_outcome_is_described_and_every_result_links_to_one() -> None:
    """Each learning outcome has a ResultDescription; each result points to one."""
    award = _award(grade="merit")

    subject = to_ob3(award)["credentialSubject"]

    described = {d["id"] for d in subject["achievement"]["resultDescription"]}
    assert len(described) == len(award.micro_credential.learning_outcomes) + 1
    assert {r["resultDescription"] for r in subject["result"]} <= described
    assert {
        "type": ["Result"],
        "resultDescription": next(d for d in described if d.endswith("#grade")),
        "value": "merit",
    } in subject["result"]
    assert {r.get("value") for r in subject["result"]} >= {"4/5"}


def test_output_is_deterministic() -> None:
    """The same award gives the same bytes."""
    assert dumps(to_ob3(_award())) == dumps(to_ob3(_award()))


def test_email_is_written_only_hashed_and_only_with_a_salt() -> None:
    """Without a salt there is no e-mail; with one, a salted SHA-256 hash."""
    learner = Learner(
        id="urn:uuid:1",
        full_name="Lea Example",
        email="lea@example.org",
        identifier="S-12345",
    )
    award = _award(learner=learner)

    plain = dumps(to_ob3(award))
    salted = to_ob3(award, identity_salt="pepper")["credentialSubject"]["identifier"]

    assert b"lea@example.org" not in plain
    assert b"S-12345" not in plain
    assert b"S-12345" not in dumps(salted)
    digest = hashlib.sha256(b"lea@example.orgpepper").hexdigest()
    assert {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "pepper",
    } in salted


@pytest.mark.parametrize("example", synthetic_examples(), ids=lambda mc: mc.id)
def test_every_synthetic_example_exports_validly(example: object) -> None:
    """All bundled synthetic micro-credentials export to OB 3.0 with every required
    field, and every term they use is defined by the bundled contexts."""
    credential = to_ob3(demo_award(ISSUED, example))  # type: ignore[arg-type]

    check_ob3(credential)
    assert expand(credential, safe=True)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"credential_id": "award-1"}, "id"),
        ({"issuer_id": "not an iri"}, "issuer.id"),
        ({"language": "en-GB-oxendict"}, "language"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, str], path: str) -> None:
    """An id that is not an absolute IRI or a language OB3 cannot say is refused."""
    with pytest.raises(InvalidDataError) as caught:
        to_ob3(_award(), **kwargs)  # type: ignore[arg-type]

    assert caught.value.path == path


def test_relative_learner_id_is_refused() -> None:
    """A learner id that is not an IRI would be resolved against a base: refused."""
    award = _award(learner=Learner(id="student-7", full_name="Lea Example"))

    with pytest.raises(InvalidDataError) as caught:
        to_ob3(award)

    assert caught.value.path == "learner.id"
