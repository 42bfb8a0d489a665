"""Controlled vocabularies: closed enums, bundled concepts, authority tables."""

from __future__ import annotations

import pytest

from microcred.errors import ModelValidationError, UnsupportedError
from microcred.model import (
    AccreditationType,
    AssessmentType,
    Concept,
    CredentialProfile,
    CreditSystem,
    EQFLevel,
    LearningActivityType,
    LearningOpportunityType,
    LearningSetting,
    Mode,
    SkillReuseLevel,
    SkillType,
    SupervisionVerification,
    VocabularyEnum,
    concept,
    country_code,
    country_concept,
    isced_f,
    language_code,
    language_concept,
    language_tag_for,
)

ENUMS: list[type[VocabularyEnum]] = [
    AccreditationType,
    AssessmentType,
    CredentialProfile,
    CreditSystem,
    LearningActivityType,
    LearningOpportunityType,
    LearningSetting,
    Mode,
    SkillReuseLevel,
    SkillType,
    SupervisionVerification,
]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_is_a_bundled_concept(enum: type[VocabularyEnum]) -> None:
    """Each member's IRI is in the bundled EU tables, in one scheme per enum."""
    schemes = set()
    for member in enum:
        if member is SupervisionVerification.SUPERVISED_WITHOUT_ID_CHECK:
            continue
        found = member.concept
        assert found.iri == member.iri
        assert found.pref_label["en"]
        schemes.add(found.scheme)
        assert enum.from_iri(member.iri) in enum
    assert len(schemes) == 1


def test_edc_concept_shape() -> None:
    """Concepts serialise as EDC wants: id, type, inScheme, prefLabel."""
    node = CreditSystem.ECTS.concept.to_jsonld()
    assert node == {
        "id": "http://data.europa.eu/snb/education-credit/6fcec5c5af",
        "type": "Concept",
        "inScheme": {
            "id": "http://data.europa.eu/snb/education-credit/25831c2",
            "type": "ConceptScheme",
        },
        "prefLabel": {"en": "European Credit Transfer System"},
    }


def test_eqf_concepts() -> None:
    """All eight EQF levels are bundled concepts labelled Level N."""
    for level in EQFLevel:
        assert level.concept.pref_label["en"] == f"Level {level.value}"
    assert EQFLevel.from_iri("http://data.europa.eu/snb/eqf/4") is EQFLevel.LEVEL_4
    with pytest.raises(ValueError, match="EQF"):
        EQFLevel.from_iri("http://data.europa.eu/snb/eqf/9")


def test_a_typo_fails() -> None:
    """A misspelt member or value fails loudly."""
    with pytest.raises(AttributeError):
        _ = Mode.ONLNE  # type: ignore[attr-defined]
    with pytest.raises(ModelValidationError):
        Mode.from_code("onlin")
    with pytest.raises(ModelValidationError):
        Mode.from_iri("http://data.europa.eu/snb/learning-assessment/xxxx")


def test_supervision_values() -> None:
    """Annex I's supervision values map to the EU concepts that exist."""
    observed = "http://data.europa.eu/snb/supervision-verification/"
    unsupervised = SupervisionVerification.UNSUPERVISED_WITHOUT_ID_CHECK
    assert unsupervised.iri == observed + "c598449d64"
    online = SupervisionVerification.SUPERVISED_WITH_ONLINE_ID_CHECK
    assert online.iri == observed + "70be69aaf9"
    assert (
        SupervisionVerification.from_iri(observed + "70be69aaf9")
        is SupervisionVerification.SUPERVISED_WITH_ID_CHECK
    )
    with pytest.raises(UnsupportedError, match="SUPERVISED_WITHOUT_ID_CHECK"):
        _ = SupervisionVerification.SUPERVISED_WITHOUT_ID_CHECK.iri


def test_esco_skill_type_mapping() -> None:
    """ESCO's 'skill/competence' is the EU's skill type 'skill'."""
    assert SkillType.from_esco("skill/competence") is SkillType.SKILL
    assert SkillType.from_esco("knowledge") is SkillType.KNOWLEDGE
    with pytest.raises(ModelValidationError):
        SkillType.from_esco("competence")


def test_isced_f_lookup() -> None:
    """ISCED-F codes give bundled concepts; unknown codes fail."""
    assert isced_f("0732").pref_label["en"] == "Building and civil engineering"
    assert isced_f("0688").scheme == "http://data.europa.eu/snb/isced-f/25831c2"
    with pytest.raises(ModelValidationError):
        isced_f("0733")  # not an ISCED-F 2013 field (9999 is "Field unknown")


@pytest.mark.parametrize(
    ("given", "code"),
    [("ES", "ESP"), ("es", "ESP"), ("ESP", "ESP"), ("GR", "GRC"), ("NO", "NOR"),
     ("IS", "ISL"), ("LI", "LIE"), ("DE", "DEU"), ("USA", "USA")],
)  # fmt: skip
def test_country_codes(given: str, code: str) -> None:
    """Alpha-2 (EU/EEA and more) and alpha-3 codes give the EU authority code."""
    assert country_code(given) == code
    found = country_concept(given)
    assert (
        found.iri == f"http://publications.europa.eu/resource/authority/country/{code}"
    )
    assert found.notation == "country"


def test_every_eu_and_eea_country_is_mapped() -> None:
    """All 27 EU member states and the 3 other EEA states have alpha-2 codes."""
    eu_eea = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
        "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
        "SE", "IS", "LI", "NO",
    ]  # fmt: skip
    for alpha2 in eu_eea:
        assert country_concept(alpha2).pref_label["en"]


@pytest.mark.parametrize("bad", ["XX", "E", "", "SPAIN", "ZZZ"])
def test_unknown_countries_fail(bad: str) -> None:
    """Unknown country codes raise ModelValidationError."""
    with pytest.raises(ModelValidationError):
        country_code(bad)


def test_languages() -> None:
    """ISO 639-1 tags of EU and EEA languages give EU authority codes."""
    assert language_code("en") == "ENG"
    assert language_code("en-GB") == "ENG"
    assert language_code("sv") == "SWE"
    assert language_concept("es").iri.endswith("/language/SPA")
    official = "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv"
    assert len({language_code(tag) for tag in official.split()}) == 24
    for tag in ("is", "no", "nb", "nn"):
        assert language_code(tag)
    with pytest.raises(UnsupportedError):
        language_code("tlh")
    assert language_tag_for("ENG") == "en"
    assert language_tag_for(language_concept("sv").iri) == "sv"
    with pytest.raises(UnsupportedError):
        language_tag_for("XXX")


def test_concept_lookup() -> None:
    """Any bundled concept can be found by IRI; unknown IRIs fail."""
    assert isinstance(concept("http://data.europa.eu/snb/eqf/6"), Concept)
    with pytest.raises(ModelValidationError):
        concept("http://example.org/nothing")
