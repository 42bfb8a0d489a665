"""Typed micro-credentials: the Council Recommendation's Annex I as pydantic models.

Every model is immutable, refuses unknown fields, uses snake_case attributes and
camelCase JSON, and raises :class:`~microcred.errors.ModelValidationError` (never
pydantic's own error) naming each failing field by its dotted JSON path.

Parse untrusted input with :func:`parse_micro_credential`, :func:`parse_award`
or the ``from_json`` class methods.
"""

from __future__ import annotations

from microcred.model._award import (
    Award,
    AwardRoute,
    Evidence,
    OutcomeResult,
    Score,
    parse_award,
)
from microcred.model._base import FrozenModel, to_model_error
from microcred.model._bcp47 import is_well_formed, normalize_language_tag
from microcred.model._common import (
    CountryCode,
    Identifier,
    IscedFCode,
    LanguageTag,
    NonBlankStr,
    WebUrl,
)
from microcred.model._duration import IsoDuration
from microcred.model._eqf import EQFDescriptor, EQFLevel, NQFLevel
from microcred.model._esco import EscoOccupation, EscoSkill, IscoGroup
from microcred.model._microcredential import (
    Assessment,
    CertificationPathway,
    MicroCredential,
    Participation,
    PriorLearningRoute,
    QualityAssurance,
    Stackability,
    StackabilityOption,
    TrainingLink,
    parse_micro_credential,
)
from microcred.model._outcomes import LearningOutcome
from microcred.model._parties import Learner, Organisation
from microcred.model._synthetic import SYNTHETIC_MARK, demo_award, synthetic_examples
from microcred.model._text import LanguageMap
from microcred.model._vocab import (
    AccreditationType,
    AssessmentType,
    Concept,
    CredentialProfile,
    CreditSystem,
    LearningActivityType,
    LearningOpportunityType,
    LearningSetting,
    Mode,
    SkillReuseLevel,
    SkillType,
    SupervisionVerification,
    VocabularyEnum,
    concept,
    country_code,
    country_concept,
    isced_f,
    language_code,
    language_concept,
    language_tag_for,
)
from microcred.model._workload import DEFAULT_HOURS_PER_CREDIT, Workload

__all__ = [
    "DEFAULT_HOURS_PER_CREDIT",
    "SYNTHETIC_MARK",
    "AccreditationType",
    "Assessment",
    "AssessmentType",
    "Award",
    "AwardRoute",
    "CertificationPathway",
    "Concept",
    "CountryCode",
    "CredentialProfile",
    "CreditSystem",
    "EQFDescriptor",
    "EQFLevel",
    "EscoOccupation",
    "EscoSkill",
    "Evidence",
    "FrozenModel",
    "Identifier",
    "IscedFCode",
    "IscoGroup",
    "IsoDuration",
    "LanguageMap",
    "LanguageTag",
    "Learner",
    "LearningActivityType",
    "LearningOpportunityType",
    "LearningOutcome",
    "LearningSetting",
    "MicroCredential",
    "Mode",
    "NQFLevel",
    "NonBlankStr",
    "Organisation",
    "OutcomeResult",
    "Participation",
    "PriorLearningRoute",
    "QualityAssurance",
    "Score",
    "SkillReuseLevel",
    "SkillType",
    "Stackability",
    "StackabilityOption",
    "SupervisionVerification",
    "TrainingLink",
    "VocabularyEnum",
    "WebUrl",
    "Workload",
    "concept",
    "country_code",
    "country_concept",
    "demo_award",
    "is_well_formed",
    "isced_f",
    "language_code",
    "language_concept",
    "language_tag_for",
    "normalize_language_tag",
    "parse_award",
    "parse_micro_credential",
    "synthetic_examples",
    "to_model_error",
]
