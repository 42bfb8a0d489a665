"""The ESCO concepts a catalogue holds, as small immutable records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ESCO_ATTRIBUTION",
    "EscoRelease",
    "IscoGroup",
    "LabelMatch",
    "OccupationConcept",
    "OccupationLink",
    "RelationType",
    "SkillConcept",
    "SkillLink",
    "SkillSuggestion",
]

RelationType = Literal["essential", "optional"]

#: The acknowledgement ESCO's re-use policy asks for, as shipped with the subset.
ESCO_ATTRIBUTION = (
    "Contains data from ESCO (European Skills, Competences, Qualifications and "
    "Occupations) v1.1.1, © European Union, https://esco.ec.europa.eu — subset "
    "selected and reformatted by the microcred project."
)


@dataclass(frozen=True, slots=True)
class EscoRelease:
    """Which ESCO data a catalogue holds and how to acknowledge it."""

    esco_version: str
    attribution: str
    source: str
    subset: bool


@dataclass(frozen=True, slots=True)
class OccupationConcept:
    """An ESCO occupation: ``isco_group`` is its ISCO-08 unit group code."""

    iri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    code: str = ""
    isco_group: str = ""
    description: str = ""
    regulated_profession_note: str = ""


@dataclass(frozen=True, slots=True)
class SkillConcept:
    """An ESCO skill or knowledge concept.

    The green, digital and transversal flags are ``None`` when the data loaded did
    not include ESCO's collections, which is not the same as ``False``.
    """

    iri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    skill_type: str = ""
    reuse_level: str = ""
    description: str = ""
    is_green: bool | None = None
    is_digital: bool | None = None
    is_transversal: bool | None = None


@dataclass(frozen=True, slots=True)
class IscoGroup:
    """An ISCO-08 group (major, sub-major, minor or unit, by code length)."""

    iri: str
    code: str
    preferred_label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class SkillLink:
    """A skill an occupation needs, and whether ESCO calls it essential."""

    skill: SkillConcept
    relation: RelationType


@dataclass(frozen=True, slots=True)
class OccupationLink:
    """An occupation that needs a skill, and whether it is essential to it."""

    occupation: OccupationConcept
    relation: RelationType


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A search hit: the concept, the label that matched and a score in (0, 1]."""

    concept: OccupationConcept | SkillConcept
    label: str
    preferred: bool
    score: float


@dataclass(frozen=True, slots=True)
class SkillSuggestion:
    """An ESCO skill whose label shares words with a learning outcome's text.

    ``matched_words`` are the outcome's own words (as written) that matched
    ``label``; ``relation`` says whether the skill is essential or optional to one of
    the occupations given, or is ``None``.
    """

    skill: SkillConcept
    label: str
    matched_words: tuple[str, ...]
    score: float
    relation: RelationType | None = None
