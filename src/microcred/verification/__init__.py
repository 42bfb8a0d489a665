"""Verification: ordered checks with distinct outcomes, never a bare bool.

:func:`verify` takes a credential however it is secured (JAdES seal, Data
Integrity proof, VC-JOSE or Open Badges 3.0 JWT, COSE, SD-JWT) and returns a
:class:`VerificationResult`; :func:`verify_or_raise` raises
:class:`~microcred.errors.VerificationError` instead of returning an invalid one.
"""

from ._pipeline import SIGNING_TIME, verify, verify_or_raise
from ._result import Check, CheckStatus, Outcome, VerificationResult

__all__ = [
    "SIGNING_TIME",
    "Check",
    "CheckStatus",
    "Outcome",
    "VerificationResult",
    "verify",
    "verify_or_raise",
]
