"""What the EDC carries beyond ELM's own terms: ESCO's classification, ID checks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from microcred.edc import read_edc, to_edc
from microcred.errors import InvalidDataError, SafeModeError
from microcred.jsonld import expand
from microcred.model import (
    Award,
    EscoOccupation,
    EscoSkill,
    IscoGroup,
    LanguageMap,
    SkillReuseLevel,
    SkillType,
    SupervisionVerification,
)
from microcred.validation import validate_edc

ESCO = "http://data.europa.eu/esco/model#"
SKILL = "http://data.europa.eu/esco/skill/0d0fe364-462d-48dd-b54b-e972e2bdecb1"
OCCUPATION = (
    "http://data.europa.eu/esco/occupation/b2dab4fb-b7f7-4f57-94b2-9c0f0848564a"
)


def _spec(credential: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = credential["credentialSubject"]["hasClaim"]["specifiedBy"]
    return spec


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) else value


def _with_esco(award: Award, skill: EscoSkill, occupation: EscoOccupation) -> Award:
    mc = award.micro_credential
    outcome = mc.learning_outcomes[0].replace(esco_skills=(skill,))
    return award.replace(
        micro_credential=mc.replace(
            learning_outcomes=(outcome, *mc.learning_outcomes[1:]),
            esco_occupations=(occupation,),
        )
    )


def _supervised(award: Award, supervision: SupervisionVerification) -> Award:
    mc = award.micro_credential
    assessment = mc.assessment.replace(supervision=supervision)
    return award.replace(micro_credential=mc.replace(assessment=assessment))


@pytest.fixture
def esco_award(award: Award) -> Award:
    """The demo award with one classified skill and one occupation with its group."""
    skill = EscoSkill(
        iri=SKILL,
        label=LanguageMap.of("en", "types of insulation material"),
        skill_type=SkillType.KNOWLEDGE,
        reuse_level=SkillReuseLevel.OCCUPATION_SPECIFIC,
    )
    group = IscoGroup(
        iri="http://data.europa.eu/esco/isco/C7124",
        label=LanguageMap.of("en", "Insulation workers"),
    )
    occupation = EscoOccupation(
        iri=OCCUPATION,
        label=LanguageMap.of("en", "insulation worker"),
        isco_group=group,
    )
    return _with_esco(award, skill, occupation)


def test_esco_classification_uses_esco_properties_and_iris(esco_award: Award) -> None:
    """Skill type, reuse level and ISCO group are ESCO's own triples on ESCO nodes."""
    spec = _spec(to_edc(esco_award))
    skill = _first(_first(spec["learningOutcome"])["relatedESCOSkill"])
    assert skill[ESCO + "skillType"] == {
        "id": "http://data.europa.eu/esco/skill-type/knowledge"
    }
    assert skill[ESCO + "skillReuseLevel"] == {
        "id": "http://data.europa.eu/esco/skill-reuse-level/occupation-specific"
    }
    occupation = _first(spec["entitlesTo"]["limitOccupation"])
    group = occupation[ESCO + "memberOfISCOGroup"]
    assert group["id"] == "http://data.europa.eu/esco/isco/C7124"
    assert group["inScheme"]["id"] == "http://data.europa.eu/esco/concept-scheme/isco"
    assert group["prefLabel"] == {"en": "Insulation workers"}


def test_esco_classification_reads_back(esco_award: Award) -> None:
    """Reading gives the same skill and occupation, with nothing unmapped."""
    reading = read_edc(to_edc(esco_award))
    assert reading.award == esco_award
    assert not reading.unmapped


def test_esco_classification_passes_the_shapes_and_safe_expansion(
    esco_award: Award,
) -> None:
    """The EU shapes accept the ESCO triples and safe-mode expansion keeps them."""
    credential = to_edc(esco_award)
    report = validate_edc(credential)
    assert report.conforms, report
    expanded = str(expand(credential, safe=True))
    for term in ("skillType", "skillReuseLevel", "memberOfISCOGroup"):
        assert ESCO + term in expanded


def test_an_unknown_esco_value_stays_unmapped(esco_award: Award) -> None:
    """A skill type that is not ESCO's is not guessed at, but kept for writing back."""
    credential = to_edc(esco_award)
    source = copy.deepcopy(credential)
    skill = _first(_first(_spec(source)["learningOutcome"])["relatedESCOSkill"])
    skill[ESCO + "skillType"] = {"id": "http://example.org/skill-type/other"}
    reading = read_edc(source)
    assert reading.award is not None
    read_skill = reading.award.micro_credential.learning_outcomes[0].esco_skills[0]
    assert read_skill.skill_type is None
    assert read_skill.reuse_level is SkillReuseLevel.OCCUPATION_SPECIFIC
    assert reading.unmapped
    assert reading.to_edc() == source


@pytest.mark.parametrize("supervision", list(SupervisionVerification))
def test_every_supervision_value_reads_back(
    award: Award, supervision: SupervisionVerification
) -> None:
    """All five Annex I values round-trip, and the credential passes the shapes."""
    supervised = _supervised(award, supervision)
    credential = to_edc(supervised)
    reading = read_edc(credential)
    assert reading.award == supervised
    assert not reading.unmapped
    report = validate_edc(credential)
    assert report.conforms, report


def test_online_and_onsite_share_the_concept_and_differ_by_note(award: Award) -> None:
    """Both ID checks use the one EU concept; the specification's note says which."""
    online, onsite = (
        to_edc(_supervised(award, member))
        for member in (
            SupervisionVerification.SUPERVISED_WITH_ONLINE_ID_CHECK,
            SupervisionVerification.SUPERVISED_WITH_ONSITE_ID_CHECK,
        )
    )
    concepts = [
        c["credentialSubject"]["hasClaim"]["provenBy"]["idVerification"]["id"]
        for c in (online, onsite)
    ]
    assert (
        concepts[0]
        == concepts[1]
        == SupervisionVerification.SUPERVISED_WITH_ID_CHECK.iri
    )
    notes = [_spec(c)["provenBy"]["additionalNote"]["id"] for c in (online, onsite)]
    assert notes[0].endswith("#onlineIdCheck-1")
    assert notes[1].endswith("#onsiteIdCheck-1")


def test_without_an_id_check_there_is_no_concept_but_a_note(award: Award) -> None:
    """No EU concept exists: no idVerification, and the note states the value."""
    supervised = _supervised(award, SupervisionVerification.SUPERVISED_WITHOUT_ID_CHECK)
    credential = to_edc(supervised)
    assert (
        "idVerification" not in credential["credentialSubject"]["hasClaim"]["provenBy"]
    )
    note = _spec(credential)["provenBy"]["additionalNote"]
    assert note["id"].endswith("#supervisedWithoutIdCheck-1")


def test_the_shared_concept_without_a_note_reads_as_id_check(award: Award) -> None:
    """Another tool's EDC (no note) gives SUPERVISED_WITH_ID_CHECK, kept as read."""
    credential = to_edc(
        _supervised(award, SupervisionVerification.SUPERVISED_WITH_ONLINE_ID_CHECK)
    )
    del _spec(credential)["provenBy"]["additionalNote"]
    reading = read_edc(credential)
    assert reading.award is not None
    assert (
        reading.award.micro_credential.assessment.supervision
        is SupervisionVerification.SUPERVISED_WITH_ID_CHECK
    )
    assert reading.to_edc() == credential


def test_iri_keys_hold_nodes_or_literals_only(esco_award: Award) -> None:
    """Under an absolute-IRI key, null is refused and nested keys must be terms."""
    credential = to_edc(esco_award)
    skill = _first(_first(_spec(credential)["learningOutcome"])["relatedESCOSkill"])
    skill[ESCO + "skillType"] = None
    with pytest.raises(InvalidDataError) as caught:
        read_edc(credential)
    assert "skillType" in str(caught.value.path)
    skill[ESCO + "skillType"] = {"id": "http://example.org/x", "madeUp": "x"}
    with pytest.raises(SafeModeError):
        read_edc(credential)
