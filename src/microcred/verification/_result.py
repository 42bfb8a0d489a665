"""The outcome of verifying a credential: ordered checks, never a bare bool."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from microcred.errors import VerificationError

__all__ = ["Check", "CheckStatus", "Outcome", "VerificationResult"]


class CheckStatus(enum.StrEnum):
    """How one check ended."""

    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    SKIPPED = "skipped"


class Outcome(enum.StrEnum):
    """Why a check ended as it did; distinct values for each kind of failure."""

    OK = "ok"
    MALFORMED = "malformed"
    UNSAFE_JSONLD = "unsafe-jsonld"
    SHAPE_VIOLATION = "shape-violation"
    INVALID_SIGNATURE = "invalid-signature"
    UNSIGNED = "unsigned"
    KEY_MISMATCH = "key-mismatch"
    ISSUER_MISMATCH = "issuer-mismatch"
    #: A Key Binding JWT made for another audience or transaction (nonce).
    BINDING_MISMATCH = "binding-mismatch"
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    UNTRUSTED = "untrusted"
    UNSUPPORTED = "unsupported"
    UNAVAILABLE = "unavailable"
    BELOW_REQUIRED_LEVEL = "below-required-level"
    NOT_CHECKED = "not-checked"


@dataclass(frozen=True, slots=True)
class Check:
    """One step of verification.

    ``name`` is stable and machine-readable (``parse``, ``context``, ``shape``,
    ``signature``, ``key``, ``issuer``, ``validity``, ``status``, ``trust``, ...);
    ``message`` is for people and never contains key material.
    """

    name: str
    status: CheckStatus
    message: str
    outcome: Outcome = Outcome.OK
    details: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``microcred verify --json``."""
        data: dict[str, Any] = {
            "check": self.name,
            "status": self.status.value,
            "outcome": self.outcome.value,
            "message": self.message,
        }
        if self.details:
            data["details"] = self.details
        return data


@dataclass(frozen=True, slots=True)
class VerificationResult:
    """Every check made, in order.

    ``valid`` is True only when no check failed and at least one signature-type
    check passed. The object refuses to be used as a bool, so ``if result:``
    cannot pass for success by accident: ask ``result.valid``.
    """

    checks: tuple[Check, ...]

    @classmethod
    def of(cls, checks: Iterable[Check]) -> VerificationResult:
        return cls(tuple(checks))

    @property
    def valid(self) -> bool:
        if any(c.status is CheckStatus.FAILED for c in self.checks):
            return False
        return any(
            c.name == "signature" and c.status is CheckStatus.PASSED
            for c in self.checks
        )

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is CheckStatus.FAILED)

    def __bool__(self) -> bool:
        raise TypeError("a VerificationResult is not a bool; use result.valid")

    def __iter__(self) -> Iterator[Check]:
        return iter(self.checks)

    def __getitem__(self, name: str) -> Check:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)

    def raise_for_failure(self) -> None:
        """Raise :class:`~microcred.errors.VerificationError` unless valid."""
        if self.valid:
            return
        first = self.failures[0] if self.failures else None
        problem = (
            f"{first.name}: {first.message}"
            if first
            else "no signature or seal was verified"
        )
        raise VerificationError(problem, result=self)

    def to_dict(self) -> dict[str, Any]:
        """``{"valid": ..., "checks": [...]}``, the JSON the CLI prints."""
        return {"valid": self.valid, "checks": [c.to_dict() for c in self.checks]}
