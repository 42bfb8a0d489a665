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
    UnknownContextError,
    UnsupportedError,
    VerificationError,
)

__version__ = "0.1.0.dev0"

# Public name -> the module that defines it; imported on first attribute access.
_LAZY: dict[str, str] = {}

__all__ = [
    "AssessmentError",
    "InvalidDataError",
    "InvalidKeyError",
    "JsonLdError",
    "MicrocredError",
    "ModelValidationError",
    "ParseError",
    "QuestionImportError",
    "QuestionnaireError",
    "ResourceLimitError",
    "ResponseError",
    "ReviewError",
    "SafeModeError",
    "SecuringError",
    "ShapeViolationError",
    "UnknownContextError",
    "UnsupportedError",
    "VerificationError",
    "__version__",
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
