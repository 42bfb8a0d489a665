"""The micro-credential as a catalogue entry (Council Recommendation Annex I)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from microcred._jsonio import load_json
from microcred.errors import format_path
from microcred.model._base import FieldCheckError, FrozenModel
from microcred.model._common import (
    Identifier,
    IscedFCode,
    LanguageTag,
    NonBlankStr,
    WebUrl,
)
from microcred.model._eqf import EQFLevelField, NQFLevel
from microcred.model._esco import EscoOccupation
from microcred.model._outcomes import LearningOutcome
from microcred.model._parties import Organisation
from microcred.model._text import LanguageMap
from microcred.model._vocab import (
    AccreditationType,
    AssessmentType,
    LearningOpportunityType,
    LearningSetting,
    Mode,
    SupervisionVerification,
)
from microcred.model._workload import Workload

__all__ = [
    "Assessment",
    "CertificationPathway",
    "MicroCredential",
    "Participation",
    "PriorLearningRoute",
    "QualityAssurance",
    "Stackability",
    "StackabilityOption",
    "TrainingLink",
]


class Assessment(FrozenModel):
    """How learners are assessed (Annex I: type of assessment; optional:
    supervision and identity verification during assessment)."""

    type: AssessmentType
    description: LanguageMap | None = None
    supervision: SupervisionVerification | None = None


class Participation(FrozenModel):
    """Form of participation (Annex I: online, onsite, blended, volunteering,
    work-based).

    ``mode`` is the EU's learning mode (onsite is ``Mode.PRESENTIAL``);
    ``volunteering`` marks learning done as volunteering, which EDC records as
    a learning activity rather than a mode.
    """

    mode: Mode
    learning_setting: LearningSetting = LearningSetting.NON_FORMAL
    volunteering: bool = Field(default=False, strict=True)
    description: LanguageMap | None = None


class QualityAssurance(FrozenModel):
    """The type of quality assurance underpinning the micro-credential (Annex I)."""

    description: LanguageMap
    type: AccreditationType | None = None
    url: WebUrl | None = None


class StackabilityOption(StrEnum):
    """Annex I: a stand-alone micro-credential, or one integrated in or
    stackable towards another credential."""

    STAND_ALONE = "stand-alone"
    STACKABLE = "stackable"


class Stackability(FrozenModel):
    """Integration and stackability options (Annex I, optional)."""

    option: StackabilityOption
    description: LanguageMap | None = None


class TrainingLink(FrozenModel):
    """A training programme that prepares for the micro-credential (e.g. a MOOC)."""

    title: LanguageMap
    url: WebUrl
    provider: NonBlankStr | None = None
    type: LearningOpportunityType | None = None


class CertificationPathway(FrozenModel):
    """Guidance towards a formal or national qualification."""

    target: LanguageMap
    description: LanguageMap | None = None
    url: WebUrl | None = None


class PriorLearningRoute(FrozenModel):
    """Validation of prior learning: the assessment may be taken without a course."""

    description: LanguageMap


class MicroCredential(FrozenModel):
    """A micro-credential as the catalogue describes it, before anyone earns it.

    Covers the mandatory elements of Annex I that belong to the credential
    itself (the learner and the date of issue belong to an :class:`Award`):
    title, issuer country (``issuer.country``), awarding body, learning
    outcomes, notional workload, level where applicable, type of assessment,
    form of participation and type of quality assurance, plus the optional
    ones and the catalogue's own fields.

    Parse untrusted input with :meth:`from_json` or :func:`parse_micro_credential`.
    """

    id: Identifier
    title: LanguageMap
    description: LanguageMap
    languages: tuple[LanguageTag, ...] = Field(min_length=1)
    learning_outcomes: tuple[LearningOutcome, ...] = Field(min_length=1)
    workload: Workload
    assessment: Assessment
    participation: Participation
    quality_assurance: QualityAssurance
    issuer: Organisation
    awarding_body: Organisation
    promoter: Organisation | None = None
    eqf_level: EQFLevelField | None = None
    nqf_level: NQFLevel | None = None
    prerequisites: LanguageMap | None = None
    stackability: Stackability | None = None
    further_information: LanguageMap | None = None
    esco_occupations: tuple[EscoOccupation, ...] = ()
    thematic_areas: tuple[IscedFCode, ...] = ()
    training_links: tuple[TrainingLink, ...] = ()
    pathways: tuple[CertificationPathway, ...] = ()
    prior_learning: PriorLearningRoute | None = None

    @model_validator(mode="after")
    def _check_unique(self) -> Self:
        _refuse_duplicates(
            "learningOutcomes", "id", [o.id for o in self.learning_outcomes]
        )
        _refuse_duplicates("languages", None, list(self.languages))
        _refuse_duplicates(
            "escoOccupations", "id", [o.iri for o in self.esco_occupations]
        )
        _refuse_duplicates("thematicAreas", None, list(self.thematic_areas))
        return self

    @model_validator(mode="after")
    def _check_shared_ids(self) -> Self:
        # JSON-LD merges nodes that share an id: two different descriptions
        # under one IRI become one contradictory node and fail the EU shapes.
        # So anything that appears twice must appear identically.
        seen: dict[str, tuple[object, tuple[str | int, ...]]] = {}
        for where, node_id, node in self._identified_nodes():
            first = seen.setdefault(node_id, (node, where))
            if first[0] != node:
                raise FieldCheckError(
                    f"{node_id!r} is described differently at "
                    f"{format_path(list(first[1]))}; one id, one description",
                    *where,
                )
        return self

    def _identified_nodes(
        self,
    ) -> Iterator[tuple[tuple[str | int, ...], str, object]]:
        for role in ("issuer", "awardingBody", "promoter"):
            organisation = getattr(self, _ROLE_FIELDS[role])
            if organisation is not None:
                yield (role, "id"), organisation.id, organisation
        for i, outcome in enumerate(self.learning_outcomes):
            for j, skill in enumerate(outcome.esco_skills):
                yield ("learningOutcomes", i, "escoSkills", j, "id"), skill.iri, skill
        for i, occupation in enumerate(self.esco_occupations):
            if occupation.isco_group is not None:
                group = occupation.isco_group
                yield ("escoOccupations", i, "iscoGroup", "id"), group.iri, group

    def outcome(self, outcome_id: str) -> LearningOutcome:
        """The learning outcome with this id; ``KeyError`` if there is none."""
        for candidate in self.learning_outcomes:
            if candidate.id == outcome_id:
                return candidate
        raise KeyError(outcome_id)

    @property
    def qf_ehea_cycle(self) -> str | None:
        """The QF-EHEA cycle matching the EQF level (levels 5 to 8), if any."""
        return None if self.eqf_level is None else self.eqf_level.qf_ehea_cycle

    @property
    def outcome_ids(self) -> tuple[str, ...]:
        """The ids of the learning outcomes, in order."""
        return tuple(o.id for o in self.learning_outcomes)

    @property
    def required_outcome_ids(self) -> tuple[str, ...]:
        """The ids of the outcomes that must all be achieved for an award."""
        return tuple(o.id for o in self.learning_outcomes if o.required)

    @classmethod
    def from_json(cls, source: str | bytes | os.PathLike[str]) -> MicroCredential:
        """Parse JSON text, bytes or a file (``Path``) with bounded size and depth."""
        return parse_micro_credential(load_json(source, what="micro-credential"))


_ROLE_FIELDS = {
    "issuer": "issuer",
    "awardingBody": "awarding_body",
    "promoter": "promoter",
}


def _refuse_duplicates(field: str, key: str | None, values: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            parts = (field, index) if key is None else (field, index, key)
            raise FieldCheckError(
                f"{value!r} repeats item {seen[value]}; it must be unique", *parts
            )
        seen[value] = index


def parse_micro_credential(obj: object) -> MicroCredential:
    """Validate untrusted, already-parsed JSON (a ``dict``) as a micro-credential.

    Raises :class:`~microcred.errors.ModelValidationError` listing every problem.
    """
    return MicroCredential.model_validate(obj)
