"""The ESCO catalogue: look-ups, label search, skill relations, ISCO hierarchy."""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from microcred.errors import UnknownConceptError
from microcred.esco._concepts import (
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
from microcred.esco._index import LabelIndex
from microcred.esco._text import word_spans

__all__ = ["EscoCatalogue"]

logger = logging.getLogger(__name__)

Concept = OccupationConcept | SkillConcept | IscoGroup
Relation = tuple[str, str, RelationType]

_RELATION_ORDER = {"essential": 0, "optional": 1}


class EscoCatalogue:
    """A set of ESCO occupations, skills and ISCO groups, and the links between them.

    Build one with :meth:`bundled` (the habitat-sector subset shipped with
    microcred) or :meth:`from_official_csv` (the full ESCO CSV download). The
    catalogue is immutable and safe to share; its search indexes are built on
    first use.
    """

    def __init__(
        self,
        *,
        occupations: Iterable[OccupationConcept],
        skills: Iterable[SkillConcept],
        isco_groups: Iterable[IscoGroup],
        relations: Iterable[Relation],
        release: EscoRelease,
        indexes: tuple[LabelIndex, LabelIndex] | None = None,
    ) -> None:
        """Assemble a catalogue; relations are ``(occupation, skill, type)`` IRIs.

        A relation naming a concept that is not in the catalogue is left out and
        counted in :attr:`dangling_relations`, so a partial download still loads.
        ``indexes`` (occupation labels, skill labels) are built on first search
        when not given.
        """
        self.release = release
        self._prebuilt = indexes
        self._occupations = {o.iri: o for o in occupations}
        self._skills = {s.iri: s for s in skills}
        self._isco = {g.code: g for g in isco_groups}
        self._isco_by_iri = {g.iri: g for g in self._isco.values()}
        self._skills_of: dict[str, list[tuple[str, RelationType]]] = defaultdict(list)
        self._needed_by: dict[str, list[tuple[str, RelationType]]] = defaultdict(list)
        self.dangling_relations = 0
        for occupation, skill, relation in relations:
            if occupation not in self._occupations or skill not in self._skills:
                self.dangling_relations += 1
                continue
            self._skills_of[occupation].append((skill, relation))
            self._needed_by[skill].append((occupation, relation))
        if self.dangling_relations:
            logger.debug("%d relations name unknown concepts", self.dangling_relations)

    @classmethod
    def bundled(cls) -> EscoCatalogue:
        """The habitat-sector subset of ESCO v1.1.1 shipped with microcred (cached)."""
        from microcred.esco._loaders import load_bundled

        return load_bundled()

    @classmethod
    def from_official_csv(
        cls,
        folder: str | os.PathLike[str],
        *,
        language: str = "en",
        esco_version: str = "",
    ) -> EscoCatalogue:
        """Load the official ESCO CSV download unpacked in ``folder``.

        Reads ``occupations_<lang>.csv``, ``skills_<lang>.csv``,
        ``occupationSkillRelations_<lang>.csv`` and ``ISCOGroups_<lang>.csv`` by
        their published column names (extra columns are ignored), and the green,
        digital and transversal skills collections when present. Raises
        :class:`~microcred.errors.InvalidDataError` naming the file and column when
        the folder does not hold that layout.
        """
        from microcred.esco._loaders import load_official

        return load_official(folder, language=language, esco_version=esco_version)

    @property
    def occupations(self) -> Mapping[str, OccupationConcept]:
        """Every occupation, by IRI."""
        return MappingProxyType(self._occupations)

    @property
    def skills(self) -> Mapping[str, SkillConcept]:
        """Every skill and knowledge concept, by IRI."""
        return MappingProxyType(self._skills)

    @property
    def isco_groups(self) -> Mapping[str, IscoGroup]:
        """Every ISCO-08 group, by code."""
        return MappingProxyType(self._isco)

    def __repr__(self) -> str:
        return (
            f"<EscoCatalogue ESCO {self.release.esco_version}: "
            f"{len(self._occupations)} occupations, {len(self._skills)} skills>"
        )

    def get(self, iri: str) -> Concept | None:
        """The occupation, skill or ISCO group with this IRI, or None."""
        return (
            self._occupations.get(iri)
            or self._skills.get(iri)
            or self._isco_by_iri.get(iri)
        )

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and self.get(iri) is not None

    def occupation(self, iri: str) -> OccupationConcept:
        """The occupation with this IRI; :class:`UnknownConceptError` otherwise."""
        found = self._occupations.get(iri)
        if found is None:
            raise UnknownConceptError(
                f"{iri!r} is not an occupation in this catalogue "
                f"(ESCO {self.release.esco_version})"
            )
        return found

    def skill(self, iri: str) -> SkillConcept:
        """The skill with this IRI; :class:`UnknownConceptError` otherwise."""
        found = self._skills.get(iri)
        if found is None:
            raise UnknownConceptError(
                f"{iri!r} is not a skill in this catalogue "
                f"(ESCO {self.release.esco_version})"
            )
        return found

    def skills_of(
        self, occupation_iri: str, relation: RelationType | None = None
    ) -> tuple[SkillLink, ...]:
        """The skills an occupation needs, essential first, then by label."""
        self.occupation(occupation_iri)
        links = [
            SkillLink(self._skills[iri], kind)
            for iri, kind in self._skills_of.get(occupation_iri, ())
            if relation is None or kind == relation
        ]
        links.sort(key=lambda x: (_RELATION_ORDER[x.relation], x.skill.preferred_label))
        return tuple(links)

    def essential_skills(self, occupation_iri: str) -> tuple[SkillConcept, ...]:
        """The skills ESCO marks essential for an occupation."""
        return tuple(x.skill for x in self.skills_of(occupation_iri, "essential"))

    def optional_skills(self, occupation_iri: str) -> tuple[SkillConcept, ...]:
        """The skills ESCO marks optional for an occupation."""
        return tuple(x.skill for x in self.skills_of(occupation_iri, "optional"))

    def occupations_needing(
        self, skill_iri: str, relation: RelationType | None = None
    ) -> tuple[OccupationLink, ...]:
        """The occupations that need a skill, essential first, then by label."""
        self.skill(skill_iri)
        links = [
            OccupationLink(self._occupations[iri], kind)
            for iri, kind in self._needed_by.get(skill_iri, ())
            if relation is None or kind == relation
        ]
        links.sort(
            key=lambda x: (_RELATION_ORDER[x.relation], x.occupation.preferred_label)
        )
        return tuple(links)

    def relation(self, occupation_iri: str, skill_iri: str) -> RelationType | None:
        """``"essential"`` or ``"optional"`` if the occupation needs the skill."""
        for iri, kind in self._skills_of.get(occupation_iri, ()):
            if iri == skill_iri:
                return kind
        return None

    def isco_hierarchy(self, occupation_iri: str) -> tuple[IscoGroup, ...]:
        """The ISCO-08 groups above an occupation, from major group to unit group.

        ISCO codes nest by prefix (7 ⊃ 71 ⊃ 712 ⊃ 7124), so the chain is read
        from the occupation's unit-group code; groups missing from the data are
        skipped.
        """
        code = self.occupation(occupation_iri).isco_group
        chain = (self._isco.get(code[:length]) for length in range(1, len(code) + 1))
        return tuple(group for group in chain if group is not None)

    def relations(self) -> Iterator[Relation]:
        """Every ``(occupation IRI, skill IRI, relation type)`` in the catalogue."""
        for occupation, links in self._skills_of.items():
            for skill, kind in links:
                yield occupation, skill, kind

    @cached_property
    def _occupation_index(self) -> LabelIndex:
        if self._prebuilt is not None:
            return self._prebuilt[0]
        return LabelIndex.build(
            (o.iri, o.preferred_label, o.alt_labels) for o in self._occupations.values()
        )

    @cached_property
    def _skill_index(self) -> LabelIndex:
        if self._prebuilt is not None:
            return self._prebuilt[1]
        return LabelIndex.build(
            (s.iri, s.preferred_label, s.alt_labels) for s in self._skills.values()
        )

    def _label_indexes(self) -> tuple[LabelIndex, LabelIndex]:
        """The occupation and skill label indexes (built now if need be)."""
        return self._occupation_index, self._skill_index

    def search(
        self,
        text: str,
        *,
        kind: Literal["occupation", "skill"] | None = None,
        limit: int = 10,
    ) -> list[LabelMatch]:
        """Occupations and skills whose labels match ``text``, best first.

        Preferred and alternative labels are searched, ignoring case and accents;
        ``kind`` is ``"occupation"``, ``"skill"`` or None for both.
        """
        if kind not in (None, "occupation", "skill"):
            raise ValueError(f"kind must be 'occupation' or 'skill', not {kind!r}")
        hits = []
        if kind in (None, "occupation"):
            hits += [
                LabelMatch(self._occupations[h.iri], h.label, h.preferred, h.score)
                for h in self._occupation_index.search(text, limit)
            ]
        if kind in (None, "skill"):
            hits += [
                LabelMatch(self._skills[h.iri], h.label, h.preferred, h.score)
                for h in self._skill_index.search(text, limit)
            ]
        hits.sort(key=lambda m: (-m.score, len(m.label), m.concept.iri))
        return hits[:limit]

    def suggest_skills(
        self,
        text: str,
        *,
        occupations: Sequence[str] = (),
        limit: int = 5,
        min_score: float = 0.5,
    ) -> list[SkillSuggestion]:
        """ESCO skills whose labels share words with a learning outcome's ``text``.

        Matching is lexical (folded, lightly stemmed words weighted by rarity; no
        model). When ``occupations`` (IRIs) are given, skills they need rank first:
        essential ones above optional ones above the rest.
        """
        spans = word_spans(text)
        suggestions = []
        for match in self._skill_index.match_text(text, min_score):
            relation = self._closest_relation(occupations, match.iri)
            factor = {"essential": 1.0, "optional": 0.95, None: 0.85}[relation]
            score = match.score * factor if occupations else match.score
            words = tuple(dict.fromkeys(w for w, key in spans if key in match.stems))
            suggestions.append(
                SkillSuggestion(
                    self._skills[match.iri],
                    match.label,
                    words,
                    round(score, 4),
                    relation,
                )
            )
        suggestions.sort(
            key=lambda s: (-s.score, -len(s.matched_words), len(s.label), s.skill.iri)
        )
        return suggestions[:limit]

    def _closest_relation(
        self, occupations: Sequence[str], skill_iri: str
    ) -> RelationType | None:
        kinds = {self.relation(iri, skill_iri) for iri in occupations}
        if "essential" in kinds:
            return "essential"
        return "optional" if "optional" in kinds else None
