"""Verification: ordered checks with distinct outcomes, never a bare bool."""

from ._result import Check, CheckStatus, Outcome, VerificationResult

__all__ = ["Check", "CheckStatus", "Outcome", "VerificationResult"]
