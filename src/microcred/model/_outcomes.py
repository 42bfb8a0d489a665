"""Learning outcomes: what the holder knows and can do."""

from __future__ import annotations

from pydantic import Field, field_validator

from microcred.model._base import FieldCheckError, FrozenModel
from microcred.model._common import Identifier
from microcred.model._esco import EscoSkill
from microcred.model._text import LanguageMap
from microcred.model._vocab import SkillReuseLevel, SkillType

__all__ = ["LearningOutcome"]


class LearningOutcome(FrozenModel):
    """One learning outcome of a micro-credential (Annex I, mandatory element).

    ``id`` is unique within its micro-credential; assessment results name it.
    ``required`` outcomes must all be achieved for the award; the others count
    towards the grade only. ``skill_type`` and ``reusability_level`` describe
    the outcome itself (ELM ``dcType`` and ``reusabilityLevel``).
    """

    id: Identifier
    text: LanguageMap
    esco_skills: tuple[EscoSkill, ...] = Field(default=())
    skill_type: SkillType | None = None
    reusability_level: SkillReuseLevel | None = None
    required: bool = Field(default=True, strict=True)

    @field_validator("esco_skills")
    @classmethod
    def _check_skills_once(cls, skills: tuple[EscoSkill, ...]) -> tuple[EscoSkill, ...]:
        seen: set[str] = set()
        for index, skill in enumerate(skills):
            if skill.iri in seen:
                raise FieldCheckError(f"{skill.iri!r} is listed twice", index, "id")
            seen.add(skill.iri)
        return skills
