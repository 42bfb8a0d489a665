"""Checks every securing mechanism shares: JSON-LD safety, issuer, validity window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from microcred.errors import (
    InvalidDataError,
    JsonLdError,
    MicrocredError,
    UnsupportedError,
)
from microcred.jsonld import ContextRegistry, expand
from microcred.jsonld._nodes import check_identical_copies, is_edc

from ._result import Check, CheckStatus, Outcome

__all__ = [
    "context_check",
    "failed",
    "issuer_id",
    "parse_datetime",
    "passed",
    "resolve_now",
    "signs_rdf",
    "skipped",
    "validity_check",
    "warning",
]


def passed(name: str, message: str, **details: Any) -> Check:
    """A check that passed."""
    return Check(name, CheckStatus.PASSED, message, Outcome.OK, details)


def failed(name: str, outcome: Outcome, message: str, **details: Any) -> Check:
    """A check that failed, with the outcome that says why."""
    return Check(name, CheckStatus.FAILED, message, outcome, details)


def skipped(name: str, message: str, **details: Any) -> Check:
    """A check that was not made (its message says why)."""
    return Check(name, CheckStatus.SKIPPED, message, Outcome.NOT_CHECKED, details)


def warning(name: str, message: str, outcome: Outcome = Outcome.OK) -> Check:
    """A check that passed with a caveat the reader should see."""
    return Check(name, CheckStatus.WARNING, message, outcome)


def resolve_now(now: dt.datetime | None) -> dt.datetime:
    """``None`` means the current time; anything else must be time-zone aware."""
    if now is None:
        return dt.datetime.now(dt.UTC)
    if not isinstance(now, dt.datetime) or now.utcoffset() is None:
        raise InvalidDataError("now must be a time-zone-aware datetime", path="now")
    return now


def parse_datetime(value: Any, *, path: str) -> dt.datetime:
    """An XSD dateTime with a time zone (VCDM requires one; naive is ambiguous)."""
    if not isinstance(value, str):
        raise InvalidDataError("a date-time must be a string", path=path)
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDataError(f"{value!r} is not a date-time", path=path) from None
    if parsed.utcoffset() is None:
        raise InvalidDataError(f"{value!r} has no time zone", path=path)
    return parsed


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer's identifier: the string itself, or the object's ``id``."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def context_check(
    credential: Mapping[str, Any],
    registry: ContextRegistry | None,
    *,
    identical_copies: bool = False,
) -> Check:
    """Expand with bundled contexts only, in safe mode (no dropped terms).

    With ``identical_copies`` (an RDF-signed credential), an EDC must also
    repeat each node (same ``id``) as identical copies: the signature covers
    the copies as one RDF node.
    """
    try:
        expand(dict(credential), registry=registry, safe=True)
        copies = identical_copies and is_edc(credential)
        if copies:
            check_identical_copies(credential)
    except JsonLdError as error:
        return failed("context", Outcome.UNSAFE_JSONLD, str(error))
    except MicrocredError as error:
        return failed("context", Outcome.MALFORMED, str(error))
    message = "every term is defined by a bundled @context"
    if copies:
        message += "; every repeated node is an identical copy"
    return passed("context", message)


def signs_rdf(document: Mapping[str, Any]) -> bool:
    """True when a proof of ``document`` signs its RDF (an RDFC-based suite)."""
    from microcred.securing._suites import suite_for

    proofs = document.get("proof")
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        try:
            if (
                isinstance(proof, Mapping)
                and suite_for(proof).canonicalization == "rdfc"
            ):
                return True
        except UnsupportedError:
            continue
    return False


#: (property, role) pairs read from a credential, VCDM 2.0 names first.
_NOT_BEFORE = ("validFrom", "issuanceDate")
_NOT_AFTER = ("validUntil", "expirationDate")


def _bounds(
    credential: Mapping[str, Any],
) -> tuple[list[tuple[str, dt.datetime]], list[tuple[str, dt.datetime]]]:
    starts = [
        (name, parse_datetime(credential[name], path=name))
        for name in _NOT_BEFORE
        if name in credential
    ]
    ends = [
        (name, parse_datetime(credential[name], path=name))
        for name in _NOT_AFTER
        if name in credential
    ]
    return starts, ends


def validity_check(
    credential: Mapping[str, Any],
    now: dt.datetime,
    *,
    extra_starts: list[tuple[str, dt.datetime]] | None = None,
    extra_ends: list[tuple[str, dt.datetime]] | None = None,
) -> Check:
    """The validity window: every start bound before ``now``, every end after.

    JWT ``nbf``/``exp`` come in through ``extra_starts``/``extra_ends``; the
    window is the intersection of everything the credential states.
    """
    try:
        starts, ends = _bounds(credential)
    except InvalidDataError as error:
        return failed("validity", Outcome.MALFORMED, str(error))
    starts += extra_starts or []
    ends += extra_ends or []
    for name, start in starts:
        if now < start:
            return failed(
                "validity",
                Outcome.NOT_YET_VALID,
                f"not valid before {start.isoformat()} ({name}); checked at "
                f"{now.isoformat()}",
            )
    for name, end in ends:
        if now >= end:
            return failed(
                "validity",
                Outcome.EXPIRED,
                f"expired at {end.isoformat()} ({name}); checked at {now.isoformat()}",
            )
    return passed("validity", f"within its validity window at {now.isoformat()}")
