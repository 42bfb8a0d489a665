"""VerificationResult cannot be mistaken for success."""

from __future__ import annotations

import pytest

from microcred.errors import VerificationError
from microcred.verification import Check, CheckStatus, Outcome, VerificationResult


def _passed(name: str) -> Check:
    return Check(name, CheckStatus.PASSED, "fine")


def test_valid_needs_a_passed_signature_and_no_failure() -> None:
    """Without a signature check, nothing was verified, so nothing is valid."""
    assert not VerificationResult.of([_passed("parse")]).valid
    assert VerificationResult.of([_passed("parse"), _passed("signature")]).valid


def test_any_failure_makes_the_result_invalid() -> None:
    """A failed check anywhere wins over passed signatures."""
    expired = Check("validity", CheckStatus.FAILED, "expired", Outcome.EXPIRED)
    result = VerificationResult.of([_passed("signature"), expired])
    assert not result.valid
    assert result.failures == (expired,)
    with pytest.raises(VerificationError, match="validity: expired") as info:
        result.raise_for_failure()
    assert info.value.result is result


def test_result_refuses_truthiness() -> None:
    """if result: would hide a failure, so it raises."""
    with pytest.raises(TypeError, match="valid"):
        bool(VerificationResult.of([]))


def test_json_form_has_check_status_and_message() -> None:
    """The CLI's --json shape: valid plus a list of checks."""
    data = VerificationResult.of([_passed("signature")]).to_dict()
    assert data == {
        "valid": True,
        "checks": [
            {
                "check": "signature",
                "status": "passed",
                "outcome": "ok",
                "message": "fine",
            }
        ],
    }
