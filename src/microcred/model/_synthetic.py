"""The bundled synthetic examples: six habitat-sector micro-credentials.

The source file (``data/habitat_microcredentials_SYNTHETIC.json``) was written
for this project: titles, outcomes, hours, ECTS and EQF levels are invented;
the ESCO IRIs, labels, skill types and reuse levels are real (ESCO v1.1.1).
Every title and organisation name produced here starts with ``(SYNTHETIC)``.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from microcred.model._award import Award, AwardRoute, OutcomeResult
from microcred.model._eqf import EQFLevel
from microcred.model._esco import EscoOccupation, EscoSkill, IscoGroup
from microcred.model._microcredential import (
    Assessment,
    CertificationPathway,
    MicroCredential,
    Participation,
    PriorLearningRoute,
    QualityAssurance,
    TrainingLink,
)
from microcred.model._outcomes import LearningOutcome
from microcred.model._parties import Learner, Organisation
from microcred.model._text import LanguageMap
from microcred.model._vocab import (
    AssessmentType,
    LearningOpportunityType,
    LearningSetting,
    Mode,
    SkillReuseLevel,
    SkillType,
    SupervisionVerification,
)
from microcred.model._workload import Workload

__all__ = ["SYNTHETIC_MARK", "demo_award", "synthetic_examples"]

SYNTHETIC_MARK = "(SYNTHETIC)"
_URN = "urn:microcred:synthetic"

# The sample file states these in words; these are the vocabulary members that
# say the same thing.
_SUPERVISION = {
    "unsupervised without ID verification": (
        SupervisionVerification.UNSUPERVISED_WITHOUT_ID_CHECK
    ),
}
_MODE = {"online": Mode.ONLINE, "onsite": Mode.PRESENTIAL, "blended": Mode.BLENDED}


def _en(text: str) -> LanguageMap:
    return LanguageMap.of("en", text)


def _marked(text: str) -> str:
    return text if text.startswith(SYNTHETIC_MARK) else f"{SYNTHETIC_MARK} {text}"


def _slug(name: str) -> str:
    words = name.replace(SYNTHETIC_MARK, "").lower().split()
    return "-".join("".join(ch for ch in w if ch.isalnum()) for w in words)


def _organisation(name: str, country: str) -> Organisation:
    return Organisation(
        id=f"{_URN}:org:{_slug(name)}",
        legal_name=_en(_marked(name)),
        country=country,
    )


def _skill(raw: dict[str, Any]) -> EscoSkill:
    return EscoSkill(
        iri=raw["uri"],
        label=_en(raw["label"]),
        skill_type=SkillType.from_esco(raw["skillType"]),
        reuse_level=SkillReuseLevel.from_code(raw["reuseLevel"]),
    )


def _outcome(raw: dict[str, Any]) -> LearningOutcome:
    return LearningOutcome(
        id=raw["id"],
        text=_en(raw["text"]),
        esco_skills=tuple(_skill(s) for s in raw["related_esco_skills"]),
        required=raw["required"],
    )


def _occupation(raw: dict[str, Any]) -> EscoOccupation:
    return EscoOccupation(
        iri=raw["uri"], label=_en(raw["label"]), isco_group=IscoGroup(iri=raw["isco"])
    )


def _assessment(raw: dict[str, Any]) -> Assessment:
    # An auto-scored online questionnaire is what the EU vocabulary calls a quiz.
    return Assessment(
        type=AssessmentType.QUIZ,
        description=_en(raw["type"]),
        supervision=_SUPERVISION[raw["supervision"]],
    )


def _workload(raw: dict[str, Any]) -> Workload:
    # Through str, so the JSON number 1.5 becomes exactly Decimal("1.5").
    return Workload(
        hours=Decimal(str(raw["workload_hours"])), ects=Decimal(str(raw["ects"]))
    )


def _links(raw: dict[str, Any], title: str, promoter: str) -> tuple[TrainingLink]:
    return (
        TrainingLink(
            title=_en(f"{SYNTHETIC_MARK} Online course: {title}"),
            url=raw["training_programme_url"],
            provider=_marked(promoter),
            type=LearningOpportunityType.MOOC,
        ),
    )


def _pathway(text: str) -> CertificationPathway:
    return CertificationPathway(
        target=_en(f"{SYNTHETIC_MARK} a national VET qualification in the same field"),
        description=_en(_marked(text)),
    )


def _catalogue_fields(raw: dict[str, Any]) -> dict[str, Any]:
    # The fields the catalogue adds to Annex I: organisations in their roles,
    # ESCO occupations, training links, pathways, prior learning.
    alliance = _organisation(raw["awarding_body"], raw["issuer_country"])
    return {
        "issuer": alliance,
        "awarding_body": alliance,
        "promoter": _organisation(raw["promoted_by"], raw["issuer_country"]),
        "esco_occupations": tuple(_occupation(o) for o in raw["occupations"]),
        "training_links": _links(raw, raw["title"], raw["promoted_by"]),
        "pathways": (_pathway(raw["certification_pathway"]),),
        "prior_learning": PriorLearningRoute(
            description=_en(
                f"{SYNTHETIC_MARK} The assessment may be taken without the course, "
                "through validation of prior learning."
            )
        ),
    }


def _micro_credential(raw: dict[str, Any]) -> MicroCredential:
    title = raw["title"]
    return MicroCredential(
        id=f"{_URN}:micro-credential:{raw['id']}",
        title=_en(_marked(title)),
        description=_en(
            f"{SYNTHETIC_MARK} {title}: a synthetic habitat-sector micro-credential "
            "written for tests and demonstrations, not a real catalogue entry."
        ),
        languages=(raw["language"],),
        learning_outcomes=tuple(_outcome(o) for o in raw["learning_outcomes"]),
        workload=_workload(raw),
        eqf_level=EQFLevel(raw["eqf_level"]),
        assessment=_assessment(raw["assessment"]),
        participation=Participation(
            mode=_MODE[raw["form_of_participation"]],
            learning_setting=LearningSetting.NON_FORMAL,
        ),
        quality_assurance=QualityAssurance(
            description=_en(_marked(raw["quality_assurance"]))
        ),
        **_catalogue_fields(raw),
    )


@cache
def _examples() -> tuple[MicroCredential, ...]:
    path = resources.files("microcred.model") / "data"
    data = json.loads(
        (path / "habitat_microcredentials_SYNTHETIC.json").read_text("utf-8")
    )
    return tuple(_micro_credential(raw) for raw in data["microcredentials"])


def synthetic_examples() -> tuple[MicroCredential, ...]:
    """The six synthetic habitat-sector micro-credentials, as models.

    Read from package data written for this project (see ``data/SOURCES.md``);
    every title carries ``(SYNTHETIC)``. The sample's per-outcome Bloom levels,
    green-skill flags and scoring thresholds are not part of the model and are
    not carried over. The result is the same on every call.
    """
    return _examples()


def demo_award(
    issued: datetime,
    micro_credential: MicroCredential | None = None,
    *,
    route: AwardRoute = AwardRoute.COURSE,
) -> Award:
    """An award of a synthetic micro-credential to a synthetic learner.

    Every value is fixed except ``issued``, which the caller passes (it must be
    time-zone aware; there is no clock here): all outcomes achieved with a
    score of 4/5, valid from ``issued`` with no end.
    """
    chosen = micro_credential or synthetic_examples()[0]
    learner = Learner(
        id=f"{_URN}:learner:0001",
        given_name="Alex",
        family_name="Example",
        full_name="Alex Example",
    )
    results = tuple(
        OutcomeResult(outcome_id=o.id, achieved=True, score=Fraction(4, 5))
        for o in chosen.learning_outcomes
    )
    return Award(
        id=f"{_URN}:award:{_slug(chosen.id.rsplit(':', 1)[-1])}:0001",
        learner=learner,
        micro_credential=chosen,
        issued=issued,
        valid_from=issued,
        outcome_results=results,
        route=route,
        grade="pass",
    )
