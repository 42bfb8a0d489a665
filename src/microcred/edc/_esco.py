"""ESCO's own classification of its concepts, as ESCO's ontology states it.

ELM has no property for an ESCO skill's type or reuse level, or for the ISCO-08
group of an ESCO occupation; ESCO's ontology (``http://data.europa.eu/esco/model#``)
has, and the ESCO RDF download uses them on every concept::

    <http://data.europa.eu/esco/skill/...> esco:skillType
        <http://data.europa.eu/esco/skill-type/skill> ;
      esco:skillReuseLevel
        <http://data.europa.eu/esco/skill-reuse-level/occupation-specific> .

``esco:memberOfISCOGroup`` (a sub-property of ``skos:broadMatch``) maps an ESCO
occupation to its ISCO-08 group ``http://data.europa.eu/esco/isco/C<code>``. The
writer states these same triples on the ESCO concepts it embeds, with the
properties' absolute IRIs as keys: the ``edc-ap`` context defines no term for
them, and an absolute IRI needs none. The tails of ESCO's skill-type and
reuse-level IRIs are the codes of :class:`SkillType` and :class:`SkillReuseLevel`
(``skill``, ``knowledge``; ``transversal``, ``cross-sector``, ``sector-specific``,
``occupation-specific``).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from microcred.model import SkillReuseLevel, SkillType
from microcred.model._esco import ISCO_GROUP_PATTERN

__all__ = [
    "MEMBER_OF_ISCO_GROUP",
    "SKILL_REUSE_LEVEL",
    "SKILL_TYPE",
    "is_isco_group",
    "reuse_level_from_iri",
    "reuse_level_iri",
    "skill_type_from_iri",
    "skill_type_iri",
]

_MODEL = "http://data.europa.eu/esco/model#"
SKILL_TYPE = _MODEL + "skillType"
SKILL_REUSE_LEVEL = _MODEL + "skillReuseLevel"
MEMBER_OF_ISCO_GROUP = _MODEL + "memberOfISCOGroup"

E = TypeVar("E", SkillType, SkillReuseLevel)

_SKILL_TYPES = "http://data.europa.eu/esco/skill-type/"
_REUSE_LEVELS = "http://data.europa.eu/esco/skill-reuse-level/"
_ISCO_GROUP = re.compile(ISCO_GROUP_PATTERN)


def skill_type_iri(member: SkillType) -> str:
    """ESCO's IRI for a skill type: ``.../esco/skill-type/knowledge``."""
    return _SKILL_TYPES + member.value


def reuse_level_iri(member: SkillReuseLevel) -> str:
    """ESCO's IRI for a reuse level: ``.../esco/skill-reuse-level/transversal``."""
    return _REUSE_LEVELS + member.value


def skill_type_from_iri(iri: Any) -> SkillType | None:
    """The skill type for one of ESCO's IRIs; ``None`` for anything else."""
    return _member(SkillType, _SKILL_TYPES, iri)


def reuse_level_from_iri(iri: Any) -> SkillReuseLevel | None:
    """The reuse level for one of ESCO's IRIs; ``None`` for anything else."""
    return _member(SkillReuseLevel, _REUSE_LEVELS, iri)


def is_isco_group(iri: Any) -> bool:
    """Whether ``iri`` is an ISCO-08 group as ESCO publishes it."""
    return isinstance(iri, str) and _ISCO_GROUP.match(iri) is not None


def _member(kind: type[E], prefix: str, iri: Any) -> E | None:
    # An IRI of another ESCO version or vocabulary is not guessed at: the reader
    # leaves the field empty and the value stays in the unmapped patch.
    if not isinstance(iri, str) or not iri.startswith(prefix):
        return None
    code = iri.removeprefix(prefix)
    for member in kind:
        if member.value == code:
            return member
    return None
