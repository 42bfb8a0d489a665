"""ESCO, the European classification of occupations and skills, offline.

:class:`EscoCatalogue` answers look-ups by IRI, ranked label search, the essential
and optional skills of an occupation, the occupations that need a skill, the ISCO
hierarchy of an occupation, and lexical skill suggestions for a learning outcome.
:meth:`EscoCatalogue.bundled` gives the habitat-sector subset of ESCO v1.1.1 that
ships with microcred; :meth:`EscoCatalogue.from_official_csv` loads the full ESCO
CSV download from a folder.

Contains data from ESCO (European Skills, Competences, Qualifications and
Occupations) v1.1.1, © European Union, https://esco.ec.europa.eu — subset selected
and reformatted by the microcred project.
"""

from __future__ import annotations

from microcred.esco._catalogue import EscoCatalogue
from microcred.esco._concepts import (
    ESCO_ATTRIBUTION,
    EscoRelease,
    IscoGroup,
    LabelMatch,
    OccupationConcept,
    OccupationLink,
    RelationType,
    SkillConcept,
    SkillLink,
    SkillSuggestion,
)
from microcred.esco._loaders import BUNDLED_ESCO_VERSION

__all__ = [
    "BUNDLED_ESCO_VERSION",
    "ESCO_ATTRIBUTION",
    "EscoCatalogue",
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
