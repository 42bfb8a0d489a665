"""The compact form of a catalogue: concepts, relations and label indexes as JSON.

The bundled subset ships as its original CSV files (byte for byte, gzip-compressed)
and, beside them, this compact form derived from them by
``tools/pack_esco_subset.py``. The library loads the compact form, because parsing
the CSV and folding every label takes longer than a start-up should;
``tests/esco/test_package_data.py`` rebuilds it from the CSV files and checks that
both are identical, so it cannot drift from its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple
from typing import Any

from microcred.esco._catalogue import EscoCatalogue
from microcred.esco._concepts import (
    EscoRelease,
    IscoGroup,
    OccupationConcept,
    RelationType,
    SkillConcept,
)
from microcred.esco._index import LabelIndex

__all__ = ["COMPACT_FORMAT", "from_compact", "to_compact"]

#: Bumped whenever the layout below changes.
COMPACT_FORMAT = 4

_KINDS: tuple[RelationType, RelationType] = ("essential", "optional")


def to_compact(catalogue: EscoCatalogue, sources: dict[str, str]) -> dict[str, Any]:
    """The catalogue as plain JSON values; ``sources`` maps file names to SHA-256.

    Concepts are rows of their fields in declaration order; relations and index
    entries refer to concepts by their row number.
    """
    occupations = list(catalogue.occupations.values())
    skills = list(catalogue.skills.values())
    occupation_number = {o.iri: i for i, o in enumerate(occupations)}
    skill_number = {s.iri: i for i, s in enumerate(skills)}
    occupation_index, skill_index = catalogue._label_indexes()
    return {
        "format": COMPACT_FORMAT,
        "esco_version": catalogue.release.esco_version,
        "sources": sources,
        "occupations": [astuple(o) for o in occupations],
        "skills": [astuple(s) for s in skills],
        "isco_groups": [astuple(g) for g in catalogue.isco_groups.values()],
        "relations": [
            [occupation_number[o], skill_number[s], _KINDS.index(kind)]
            for o, s, kind in catalogue.relations()
        ],
        "occupation_index": occupation_index.to_compact(_labels(occupations)),
        "skill_index": skill_index.to_compact(_labels(skills)),
    }


def _labels(
    concepts: Sequence[OccupationConcept | SkillConcept],
) -> dict[str, tuple[int, tuple[str, ...]]]:
    return {
        c.iri: (number, (c.preferred_label, *c.alt_labels))
        for number, c in enumerate(concepts)
    }


def from_compact(data: dict[str, Any], release: EscoRelease) -> EscoCatalogue:
    """Rebuild a catalogue saved by :func:`to_compact`."""
    # Row order is the dataclasses' field order (iri, preferred label, alternative
    # labels, ...), as astuple wrote it.
    occupations = [
        OccupationConcept(row[0], row[1], tuple(row[2]), *row[3:])
        for row in data["occupations"]
    ]
    skills = [
        SkillConcept(row[0], row[1], tuple(row[2]), *row[3:]) for row in data["skills"]
    ]
    relations = [
        (occupations[o].iri, skills[s].iri, _KINDS[kind])
        for o, s, kind in data["relations"]
    ]
    return EscoCatalogue(
        occupations=occupations,
        skills=skills,
        isco_groups=[IscoGroup(*row) for row in data["isco_groups"]],
        relations=relations,
        release=release,
        indexes=(
            LabelIndex.from_compact(
                data["occupation_index"],
                [(o.iri, (o.preferred_label, *o.alt_labels)) for o in occupations],
            ),
            LabelIndex.from_compact(
                data["skill_index"],
                [(s.iri, (s.preferred_label, *s.alt_labels)) for s in skills],
            ),
        ),
    )
