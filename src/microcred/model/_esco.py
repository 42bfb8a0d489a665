"""References to ESCO: occupations, skills and ISCO-08 groups, by IRI."""

from __future__ import annotations

from pydantic import Field

from microcred.model._base import FrozenModel
from microcred.model._text import LanguageMap
from microcred.model._vocab import Concept, SkillReuseLevel, SkillType

__all__ = [
    "ESCO_OCCUPATION_PATTERN",
    "ESCO_SKILL_PATTERN",
    "ISCO_GROUP_PATTERN",
    "EscoOccupation",
    "EscoSkill",
    "IscoGroup",
]

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ESCO_OCCUPATION_PATTERN = rf"^http://data\.europa\.eu/esco/occupation/{_UUID}$"
ESCO_SKILL_PATTERN = rf"^http://data\.europa\.eu/esco/skill/{_UUID}$"
ISCO_GROUP_PATTERN = r"^http://data\.europa\.eu/esco/isco/C\d{1,4}$"

ESCO_SKILLS_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"
ESCO_OCCUPATIONS_SCHEME = "http://data.europa.eu/esco/concept-scheme/occupations"
ISCO_SCHEME = "http://data.europa.eu/esco/concept-scheme/isco"


def _as_concept(iri: str, scheme: str, label: LanguageMap | None) -> Concept:
    # EDC wants a prefLabel on every concept; the IRI's tail stands in for a
    # missing label rather than inventing words.
    text = label if label is not None else LanguageMap.of("en", iri.rsplit("/", 1)[1])
    return Concept(iri=iri, scheme=scheme, pref_label=text)


class IscoGroup(FrozenModel):
    """An ISCO-08 group as ESCO publishes it: ``http://data.europa.eu/esco/isco/C7124``."""

    iri: str = Field(alias="id", pattern=ISCO_GROUP_PATTERN)
    label: LanguageMap | None = None

    @property
    def code(self) -> str:
        """The ISCO-08 code, ``"7124"``."""
        return self.iri.rsplit("/C", 1)[1]

    @property
    def concept(self) -> Concept:
        """The group as a concept of ESCO's ISCO scheme."""
        return _as_concept(self.iri, ISCO_SCHEME, self.label)


class EscoOccupation(FrozenModel):
    """An ESCO occupation: ``http://data.europa.eu/esco/occupation/<uuid>``."""

    iri: str = Field(alias="id", pattern=ESCO_OCCUPATION_PATTERN)
    label: LanguageMap | None = None
    isco_group: IscoGroup | None = None

    @property
    def concept(self) -> Concept:
        """The occupation as a concept of ESCO's occupations scheme."""
        return _as_concept(self.iri, ESCO_OCCUPATIONS_SCHEME, self.label)


class EscoSkill(FrozenModel):
    """An ESCO skill or knowledge concept: ``http://data.europa.eu/esco/skill/<uuid>``.

    ``skill_type`` and ``reuse_level`` are ESCO's own classification where known.
    """

    iri: str = Field(alias="id", pattern=ESCO_SKILL_PATTERN)
    label: LanguageMap | None = None
    skill_type: SkillType | None = None
    reuse_level: SkillReuseLevel | None = None

    @property
    def concept(self) -> Concept:
        """The skill as a concept of ESCO's skills scheme (``relatedESCOSkill``)."""
        return _as_concept(self.iri, ESCO_SKILLS_SCHEME, self.label)
