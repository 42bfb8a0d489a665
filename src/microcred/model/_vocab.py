"""Controlled vocabularies: the EU's concepts, as closed enums and lookups.

The concept data (IRI, scheme, English label) is package data copied from the
ELM 3.1 vocabulary tables and the concepts the EU's own samples use; see
``data/SOURCES.md``. Each enum member knows its IRI and gives the full
:class:`Concept` that EDC needs (a bare IRI fails the EU's SHACL shapes).
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Self

from pydantic import Field

from microcred.errors import ModelValidationError, UnsupportedError
from microcred.model._base import FrozenModel
from microcred.model._bcp47 import normalize_language_tag
from microcred.model._text import LanguageMap

__all__ = [
    "AccreditationType",
    "AssessmentType",
    "Concept",
    "CredentialProfile",
    "CreditSystem",
    "LearningActivityType",
    "LearningOpportunityType",
    "LearningSetting",
    "Mode",
    "SkillReuseLevel",
    "SkillType",
    "SupervisionVerification",
    "VocabularyEnum",
    "concept",
    "country_code",
    "country_concept",
    "isced_f",
    "language_code",
    "language_concept",
    "language_tag_for",
]

SNB = "http://data.europa.eu/snb/"
COUNTRY_SCHEME = "http://publications.europa.eu/resource/authority/country"
LANGUAGE_SCHEME = "http://publications.europa.eu/resource/authority/language"
ISCED_F_SCHEME = SNB + "isced-f/25831c2"


class Concept(FrozenModel):
    """A SKOS concept from a controlled vocabulary.

    ``iri`` is the concept, ``scheme`` the concept scheme it belongs to,
    ``pref_label`` its preferred label and ``notation`` the ``skos:notation`` the
    EU writes, if any. :meth:`to_jsonld` gives the embedded form EDC requires.
    """

    iri: str = Field(alias="id", min_length=1, pattern=r"^\S+:\S+$")
    scheme: str = Field(alias="inScheme", min_length=1, pattern=r"^\S+:\S+$")
    pref_label: LanguageMap
    notation: str | None = Field(default=None, min_length=1)

    def to_jsonld(self) -> dict[str, Any]:
        """The embedded form EDC needs.

        ``{id, type: "Concept", inScheme: {id, type: "ConceptScheme"}, prefLabel}``
        (plus ``notation`` where the concept has one).
        """
        node: dict[str, Any] = {
            "id": self.iri,
            "type": "Concept",
            "inScheme": {"id": self.scheme, "type": "ConceptScheme"},
            "prefLabel": self.pref_label.to_dict(),
        }
        if self.notation is not None:
            node["notation"] = self.notation
        return node


def _data_text(name: str) -> str:
    return (resources.files("microcred.model") / "data" / name).read_text("utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data_text(name), newline="")))


@cache
def _concepts() -> dict[str, Concept]:
    table: dict[str, Concept] = {}
    for row in _rows("concepts-observed-in-eu-samples.csv"):
        if row["concept_scheme"] and row["label_en"].strip():
            table[row["concept_uri"]] = Concept(
                iri=row["concept_uri"],
                scheme=row["concept_scheme"],
                pref_label=LanguageMap.of("en", row["label_en"].strip()),
            )
    # The ELM tables are the fuller source; they win where both name a concept.
    for row in _rows("elm-3.1-controlled-vocabularies-from-xsd.csv"):
        table[row["concept_uri"]] = Concept(
            iri=row["concept_uri"],
            scheme=row["concept_scheme"],
            pref_label=LanguageMap.of("en", row["label_en"].strip()),
        )
    return table


@cache
def _authority_codes() -> dict[str, dict[str, dict[str, str]]]:
    data: dict[str, dict[str, dict[str, str]]] = json.loads(
        _data_text("authority_codes.json")
    )
    return data


def concept(iri: str) -> Concept:
    """The bundled concept with this IRI; ``ModelValidationError`` if unknown."""
    found = _concepts().get(iri)
    if found is None:
        raise ModelValidationError(f"{iri!r} is not a concept microcred bundles")
    return found


class VocabularyEnum(StrEnum):
    """A closed set of concepts: each member is a short code with an IRI.

    The value (``"online"``) is what models hold and JSON carries; ``.iri`` and
    ``.concept`` give the EU's identifier and full concept. A misspelt member
    is an ``AttributeError``; a misspelt value fails validation.
    """

    _value_: str
    _iri: str | None

    def __new__(cls, code: str, iri: str | None) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member._iri = iri
        return member

    def __str__(self) -> str:
        return self._value_

    @property
    def iri(self) -> str:
        """The concept's IRI; ``UnsupportedError`` where the EU's is unknown."""
        if self._iri is None:
            raise UnsupportedError(
                f"{type(self).__name__}.{self.name} has no verified EU vocabulary "
                "concept (see docs/limitations.md)"
            )
        return self._iri

    @property
    def concept(self) -> Concept:
        """The full concept (IRI, scheme, English label) for EDC."""
        return concept(self.iri)

    @classmethod
    def from_code(cls, code: str) -> Self:
        """The member with this short code (its value): ``Mode.from_code("online")``."""
        for member in cls:
            if member._value_ == code:
                return member
        raise ModelValidationError(f"{code!r} is not a value of {cls.__name__}")

    @classmethod
    def from_iri(cls, iri: str) -> Self:
        """The member whose concept has this IRI (the first, if several share it)."""
        for member in cls:
            if member._iri == iri:
                return member
        raise ModelValidationError(f"{iri!r} is not a concept of {cls.__name__}")


class LearningSetting(VocabularyEnum):
    """Formal or non-formal learning (EU vocabulary ``learning-setting``)."""

    FORMAL = ("formal", SNB + "learning-setting/6fd4685715")
    NON_FORMAL = ("non-formal", SNB + "learning-setting/e207a81fc7")


class Mode(VocabularyEnum):
    """How learning and assessment take place (EU vocabulary ``learning-assessment``).

    Annex I's "onsite" is ``PRESENTIAL`` and "work-based" is ``WORK_BASED``;
    volunteering is a kind of learning activity, see :class:`LearningActivityType`.
    """

    ONLINE = ("online", SNB + "learning-assessment/920fbb3cbe")
    PRESENTIAL = ("presential", SNB + "learning-assessment/9191af2ed9")
    BLENDED = ("blended", SNB + "learning-assessment/e92d221e4d")
    WORK_BASED = ("work-based", SNB + "learning-assessment/729f3bed4b")
    PROJECT_BASED = ("project-based", SNB + "learning-assessment/7813801c77")
    RESEARCH_LAB_BASED = ("research-lab-based", SNB + "learning-assessment/ed4c557045")


class SupervisionVerification(VocabularyEnum):
    """Supervision and identity verification during assessment (Annex I).

    The EU vocabulary ``supervision-verification`` has one concept for "supervised
    with ID verification" whether the check is online or onsite, so both Annex I
    values map to it, and ``SUPERVISED_WITH_ID_CHECK`` stands for that concept
    when it is read from an EDC. No EU concept for "supervised without ID check"
    could be verified; its ``.iri`` raises ``UnsupportedError``.
    """

    UNSUPERVISED_WITHOUT_ID_CHECK = (
        "unsupervised-without-id-check",
        SNB + "supervision-verification/c598449d64",
    )
    SUPERVISED_WITHOUT_ID_CHECK = ("supervised-without-id-check", None)
    SUPERVISED_WITH_ONLINE_ID_CHECK = (
        "supervised-with-online-id-check",
        SNB + "supervision-verification/70be69aaf9",
    )
    SUPERVISED_WITH_ONSITE_ID_CHECK = (
        "supervised-with-onsite-id-check",
        SNB + "supervision-verification/70be69aaf9",
    )
    SUPERVISED_WITH_ID_CHECK = (
        "supervised-with-id-check",
        SNB + "supervision-verification/70be69aaf9",
    )

    @classmethod
    def from_iri(cls, iri: str) -> Self:
        """The member for an EDC concept; the shared ID-check concept gives
        ``SUPERVISED_WITH_ID_CHECK``, since EDC does not say online or onsite."""
        if iri == SNB + "supervision-verification/70be69aaf9":
            return cls.from_code("supervised-with-id-check")
        return super().from_iri(iri)


class CreditSystem(VocabularyEnum):
    """Credit systems (EU vocabulary ``education-credit``)."""

    ECTS = ("ects", SNB + "education-credit/6fcec5c5af")
    ECVET = ("ecvet", SNB + "education-credit/60b314e826")


class SkillType(VocabularyEnum):
    """Knowledge or skill (EU vocabulary ``skill-type``; ESCO's skill type)."""

    SKILL = ("skill", SNB + "skill-type/skill")
    KNOWLEDGE = ("knowledge", SNB + "skill-type/knowledge")

    @classmethod
    def from_esco(cls, value: str) -> SkillType:
        """Map ESCO's ``skillType`` column (``skill/competence``, ``knowledge``)."""
        mapping = {"skill/competence": cls.SKILL, "knowledge": cls.KNOWLEDGE}
        if value not in mapping:
            raise ModelValidationError(f"{value!r} is not an ESCO skill type")
        return mapping[value]


class SkillReuseLevel(VocabularyEnum):
    """How widely a skill applies (EU vocabulary ``skill-reuse-level``; ESCO)."""

    TRANSVERSAL = ("transversal", SNB + "skill-reuse-level/transversal")
    CROSS_SECTOR = ("cross-sector", SNB + "skill-reuse-level/cross-sector")
    SECTOR_SPECIFIC = ("sector-specific", SNB + "skill-reuse-level/sector-specific")
    OCCUPATION_SPECIFIC = (
        "occupation-specific",
        SNB + "skill-reuse-level/occupation-specific",
    )


class AssessmentType(VocabularyEnum):
    """Type of assessment (EU vocabulary ``assessment``)."""

    PEER_ASSESSMENT = ("peer-assessment", SNB + "assessment/19a2e5e671")
    MARKED_ASSIGNMENT = ("marked-assignment", SNB + "assessment/2939dae15f")
    CONTINUOUS_EVALUATION = ("continuous-evaluation", SNB + "assessment/3484bd7e51")
    PORTFOLIO = ("portfolio", SNB + "assessment/4f03b91c0e")
    GROUP_PERFORMANCE = ("group-performance", SNB + "assessment/56539a6507")
    PRACTICAL_ASSESSMENT = ("practical-assessment", SNB + "assessment/6a4db9f11d")
    WRITTEN_EXAMINATION = ("written-examination", SNB + "assessment/6e6cb2cc78")
    LEVEL_OF_ATTENDANCE = ("level-of-attendance", SNB + "assessment/7331eb4762")
    PROJECT_WORK = ("project-work", SNB + "assessment/795dac4096")
    PEER_REVIEW = ("peer-review", SNB + "assessment/812e3b0ae1")
    QUIZ = ("quiz", SNB + "assessment/b1b68f6735")
    PROBLEM_BASED_LEARNING = ("problem-based-learning", SNB + "assessment/c4256a2726")
    ORAL_EXAMINATION = ("oral-examination", SNB + "assessment/d30284d7df")
    ARTEFACT_ASSESSMENT = ("artefact-assessment", SNB + "assessment/de4d165a6c")


class AccreditationType(VocabularyEnum):
    """Kinds of quality assurance and licence (EU vocabulary ``accreditation``)."""

    INSTITUTIONAL_LICENSE = ("institutional-license", SNB + "accreditation/003293d2ce")
    PROGRAM_QUALITY_ASSURANCE = (
        "program-quality-assurance",
        SNB + "accreditation/820101cba6",
    )
    INSTITUTIONAL_QUALITY_ASSURANCE = (
        "institutional-quality-assurance",
        SNB + "accreditation/bb4618238e",
    )
    PROGRAM_LICENSE = ("program-license", SNB + "accreditation/e57dddfcf3")


class LearningOpportunityType(VocabularyEnum):
    """Kinds of learning opportunity (EU vocabulary ``learning-opportunity``)."""

    COURSE = ("course", SNB + "learning-opportunity/05053c1cbe")
    PROGRAMME_MODULE = ("programme-module", SNB + "learning-opportunity/0f7dac46ca")
    MENTORING = ("mentoring", SNB + "learning-opportunity/11252a5207")
    MOOC = ("mooc", SNB + "learning-opportunity/17744a2647")
    APPRENTICESHIP = ("apprenticeship", SNB + "learning-opportunity/63f9f6180c")
    STUDY_VISIT = ("study-visit", SNB + "learning-opportunity/65a4cf5de2")
    SHORT_LEARNING_PROGRAMME = (
        "short-learning-programme",
        SNB + "learning-opportunity/74a4a268e8",
    )
    INTERNSHIP = ("internship", SNB + "learning-opportunity/77b99de990")
    EDUCATIONAL_PROGRAMME = (
        "educational-programme",
        SNB + "learning-opportunity/79343569f3",
    )
    CLASS = ("class", SNB + "learning-opportunity/7e1ac538db")
    SERVICE_LEARNING = ("service-learning", SNB + "learning-opportunity/8b965da2d4")
    THESIS = ("thesis", SNB + "learning-opportunity/b2434ca358")


class LearningActivityType(VocabularyEnum):
    """Kinds of learning activity (EU vocabulary ``learning-activity``)."""

    LAB_SIMULATION_PRACTICE = (
        "lab-simulation-practice",
        SNB + "learning-activity/3c8bd58d62",
    )
    JOB_EXPERIENCE = ("job-experience", SNB + "learning-activity/4357e0e681")
    VOLUNTEERING = ("volunteering", SNB + "learning-activity/59eaf34fab")
    RESEARCH = ("research", SNB + "learning-activity/a7e556215a")
    SELF_MOTIVATED_STUDY = (
        "self-motivated-study",
        SNB + "learning-activity/b660f5dcea",
    )
    E_LEARNING = ("e-learning", SNB + "learning-activity/bf2e3a7bae")
    INTERNSHIP = ("internship", SNB + "learning-activity/bf5588ff84")
    APPRENTICESHIP = ("apprenticeship", SNB + "learning-activity/d46a826a39")
    WORKSHOP = ("workshop", SNB + "learning-activity/efff75e10a")
    EDUCATIONAL_PROGRAMME = (
        "educational-programme",
        SNB + "learning-activity/fd33e234ae",
    )
    CLASSROOM = ("classroom", SNB + "learning-activity/ff436ea7c9")


class CredentialProfile(VocabularyEnum):
    """EDC credential profiles (EU vocabulary ``credential``).

    The EU issues micro-credentials with the ``GENERIC`` profile.
    """

    LEARNING_ACTIVITY = ("learning-activity", SNB + "credential/48b514e72a")
    QUALIFICATION_AWARD = ("qualification-award", SNB + "credential/6cf8e68c43")
    DIPLOMA_SUPPLEMENT = ("diploma-supplement", SNB + "credential/6dff8a0f87")
    LEARNING_ENTITLEMENT = ("learning-entitlement", SNB + "credential/bdc47cb449")
    GENERIC = ("generic", SNB + "credential/e34929035b")


def isced_f(code: str) -> Concept:
    """The ISCED-F 2013 field of education for a code such as ``"0732"``."""
    found = _concepts().get(SNB + f"isced-f/{code}")
    if found is None or found.scheme != ISCED_F_SCHEME:
        raise ModelValidationError(f"{code!r} is not an ISCED-F 2013 field code")
    return found


def country_code(value: str) -> str:
    """The EU authority code (ISO 3166-1 alpha-3) for an alpha-2 or alpha-3 code.

    ``"es"``, ``"ES"`` and ``"ESP"`` all give ``"ESP"``. Alpha-2 codes are known
    for the countries in the bundled table (EU, EEA, EFTA, neighbours and a few
    partners); alpha-3 codes for every country in the EU's table.
    """
    if not isinstance(value, str):
        raise ModelValidationError(f"a country code must be a string, not {value!r}")
    upper = value.upper()
    if len(upper) == 2:
        entry = _authority_codes()["countries"].get(upper)
        if entry is not None:
            return entry["code"]
    elif len(upper) == 3 and _concepts().get(f"{COUNTRY_SCHEME}/{upper}"):
        return upper
    raise ModelValidationError(f"{value!r} is not a country code microcred knows")


# The EU's own credentials give authority-table concepts the notation "country"
# or "language" (the table's name, not the code); microcred writes them the same
# way so that its concepts match the EU's node for node.
_AUTHORITY_NOTATION = {COUNTRY_SCHEME: "country", LANGUAGE_SCHEME: "language"}


def country_concept(value: str) -> Concept:
    """The EU authority concept for a country: ``"ES"`` gives ``.../country/ESP``.

    As in the EU's samples, its ``notation`` is ``"country"``.
    """
    found = concept(f"{COUNTRY_SCHEME}/{country_code(value)}")
    return found.replace(notation=_AUTHORITY_NOTATION[COUNTRY_SCHEME])


def language_code(tag: str) -> str:
    """The EU authority code of a language tag's primary language (``en`` → ``ENG``).

    Known for the EU's official languages, the EEA's and a few more (see
    ``data/SOURCES.md``); others raise ``UnsupportedError``.
    """
    primary = normalize_language_tag(tag).split("-", 1)[0]
    entry = _authority_codes()["languages"].get(primary)
    if entry is None:
        raise UnsupportedError(f"no EU authority language code is bundled for {tag!r}")
    return entry["code"]


def language_tag_for(code: str) -> str:
    """The ISO 639-1 tag for an EU authority language code or IRI (``ENG`` → ``en``).

    The reverse of :func:`language_code`, for reading EDC; unknown codes raise
    ``UnsupportedError``.
    """
    wanted = code.rsplit("/", 1)[-1].upper()
    for tag, entry in _authority_codes()["languages"].items():
        if entry["code"] == wanted:
            return tag
    raise UnsupportedError(f"no language tag is bundled for EU language {code!r}")


def language_concept(tag: str) -> Concept:
    """The EU authority concept for a language: ``"en"`` gives ``.../language/ENG``.

    As in the EU's samples, its ``notation`` is ``"language"``.
    """
    code = language_code(tag)
    label = _authority_codes()["languages"][tag.split("-", 1)[0].lower()]["label_en"]
    return Concept(
        iri=f"{LANGUAGE_SCHEME}/{code}",
        scheme=LANGUAGE_SCHEME,
        pref_label=LanguageMap.of("en", label),
        notation=_AUTHORITY_NOTATION[LANGUAGE_SCHEME],
    )
