"""microcred: micro-credentials the European way.

Typed models for micro-credentials (Council Recommendation 2022/C 243/02, Annex I),
pure assessment scoring, and European Digital Credentials (ELM 3) and Open Badges 3.0
that real verifiers accept, sealed, signed and verified offline.

The names below are the public face; everything else lives in submodules. Heavy
dependencies (pyld, rdflib, pyshacl) load on first use, so ``import microcred``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from microcred.errors import (
    AssessmentError,
    InvalidDataError,
    InvalidKeyError,
    JsonLdError,
    MicrocredError,
    ModelValidationError,
    ParseError,
    QuestionImportError,
    QuestionnaireError,
    ResourceLimitError,
    ResponseError,
    ReviewError,
    SafeModeError,
    SecuringError,
    ShapeViolationError,
    UnknownConceptError,
    UnknownContextError,
    UnsupportedError,
    VerificationError,
)

__version__ = "0.1.0.dev0"

# Public name -> the module that defines it; imported on first attribute access.
_LAZY: dict[str, str] = {
    "Award": "microcred.model",
    "AwardRoute": "microcred.model",
    "Concept": "microcred.model",
    "Decision": "microcred.assessment",
    "EQFLevel": "microcred.model",
    "EdcReading": "microcred.edc",
    "EscoCatalogue": "microcred.esco",
    "EscoOccupation": "microcred.model",
    "EscoSkill": "microcred.model",
    "KeyBinding": "microcred.securing.sd_jwt",
    "LanguageMap": "microcred.model",
    "Learner": "microcred.model",
    "LearningOutcome": "microcred.model",
    "MicroCredential": "microcred.model",
    "Organisation": "microcred.model",
    "OutcomeResult": "microcred.model",
    "PrivateKey": "microcred.securing.keys",
    "PublicKey": "microcred.securing.keys",
    "Questionnaire": "microcred.assessment",
    "ReviewReport": "microcred.review",
    "ValidationReport": "microcred.validation",
    "VerificationResult": "microcred.verification",
    "Workload": "microcred.model",
    "analyse_items": "microcred.assessment",
    "check_ob3": "microcred.ob3",
    "decide": "microcred.assessment",
    "demo_award": "microcred.model",
    "ensure_valid_edc": "microcred.validation",
    "from_ob3": "microcred.ob3",
    "import_moodle_xml": "microcred.assessment",
    "import_qti": "microcred.assessment",
    "load_questionnaire": "microcred.assessment",
    "parse_award": "microcred.model",
    "parse_micro_credential": "microcred.model",
    "read_edc": "microcred.edc",
    "review": "microcred.review",
    "review_submission": "microcred.review",
    "score_attempt": "microcred.assessment",
    "score_cohort": "microcred.assessment",
    "synthetic_examples": "microcred.model",
    "to_edc": "microcred.edc",
    "to_edc_json": "microcred.edc",
    "to_ob3": "microcred.ob3",
    "to_upload_form": "microcred.edc",
    "validate_edc": "microcred.validation",
    "verify": "microcred.verification",
    "verify_or_raise": "microcred.verification",
}

__all__ = [
    "AssessmentError",
    "Award",
    "AwardRoute",
    "Concept",
    "Decision",
    "EQFLevel",
    "EdcReading",
    "EscoCatalogue",
    "EscoOccupation",
    "EscoSkill",
    "InvalidDataError",
    "InvalidKeyError",
    "JsonLdError",
    "KeyBinding",
    "LanguageMap",
    "Learner",
    "LearningOutcome",
    "MicroCredential",
    "MicrocredError",
    "ModelValidationError",
    "Organisation",
    "OutcomeResult",
    "ParseError",
    "PrivateKey",
    "PublicKey",
    "QuestionImportError",
    "Questionnaire",
    "QuestionnaireError",
    "ResourceLimitError",
    "ResponseError",
    "ReviewError",
    "ReviewReport",
    "SafeModeError",
    "SecuringError",
    "ShapeViolationError",
    "UnknownConceptError",
    "UnknownContextError",
    "UnsupportedError",
    "ValidationReport",
    "VerificationError",
    "VerificationResult",
    "Workload",
    "__version__",
    "analyse_items",
    "check_ob3",
    "decide",
    "demo_award",
    "ensure_valid_edc",
    "from_ob3",
    "import_moodle_xml",
    "import_qti",
    "load_questionnaire",
    "parse_award",
    "parse_micro_credential",
    "read_edc",
    "review",
    "review_submission",
    "score_attempt",
    "score_cohort",
    "synthetic_examples",
    "to_edc",
    "to_edc_json",
    "to_ob3",
    "to_upload_form",
    "validate_edc",
    "verify",
    "verify_or_raise",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'microcred' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
