"""The credentials a secured presentation carries, each verified in turn.

VC-JOSE-COSE section 3.2 (and 3.3, 3.4): a credential inside a presentation
must itself be secured, as an ``EnvelopedVerifiableCredential`` whose ``id`` is
a ``data:`` URL of a secured media type. Each one is opened and put through
the checks of its own media type, with the caller's resolver and registry but
never the caller's ``key`` (that key vouches for the presenter, not for every
issuer). A credential whose key cannot be found is reported, not trusted.

A faulty enveloped credential (malformed, a bad signature, expired, ...) fails
the presentation: a presentation is only as good as what it carries. The W3C
suite's own presentations (cases 3, 28, 31) envelope a corrupt credential (its
JWS header lost its first character) and expect success: they reproduce only
with ``verify(..., unsafe_allow_faulty_enveloped_credentials=True)``, which
makes such a fault a warning that still names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from microcred.errors import MicrocredError
from microcred.jsonld import ContextRegistry

from ._checks import failed, passed, warning
from ._result import Check, CheckStatus, Outcome

__all__ = ["enveloped_check"]

#: Media types that may envelope a credential in a secured presentation.
_ENVELOPED_TYPES = (
    "application/vc+jwt",
    "application/vc+sd-jwt",
    "application/vc+cose",
)


def _media_and_data(entry: Any) -> tuple[str, str]:
    if not isinstance(entry, Mapping):
        raise ValueError("not an object")
    types = entry.get("type")
    types = [types] if isinstance(types, str) else types or []
    if "EnvelopedVerifiableCredential" not in types:
        raise ValueError("not an EnvelopedVerifiableCredential (an unsecured one)")
    ident = entry.get("id")
    if not isinstance(ident, str) or not ident.startswith("data:"):
        raise ValueError("its id is not a data: URL")
    head, sep, data = ident.removeprefix("data:").partition(",")
    media, _, parameters = head.partition(";")
    if media not in _ENVELOPED_TYPES or not sep:
        raise ValueError(f"{media!r} is not a secured credential media type")
    if media == "application/vc+cose" and parameters != "base64":
        # VC-JOSE-COSE section 3.3.1: COSE travels base64-encoded.
        raise ValueError("a vc+cose data: URL must say ;base64")
    # RFC 2397: data without ;base64 is URL-encoded (a token needs none, but
    # a writer may still escape characters such as '~').
    return media, data if parameters == "base64" else unquote(data)


def _inner_checks(
    media: str,
    data: str,
    *,
    now: dt.datetime,
    resolver: Any,
    registry: ContextRegistry | None,
) -> tuple[list[Check], dict[str, Any] | None]:
    from microcred.securing._cose import decode_text

    from ._jose import cose_checks, jose_checks
    from ._sd_jwt import sd_jwt_checks

    options: dict[str, Any] = {
        "now": now,
        "key": None,
        "resolver": resolver,
        "registry": registry,
    }
    if media == "application/vc+sd-jwt":
        if "~" not in data:
            return [failed("parse", Outcome.MALFORMED, "not an SD-JWT (no '~')")], None
        return sd_jwt_checks(data, key_binding=None, **options)
    if media == "application/vc+cose":
        try:
            raw = decode_text(data)
        except MicrocredError as error:
            return [failed("parse", Outcome.MALFORMED, str(error))], None
        return cose_checks(raw, **options)
    return jose_checks(data, **options)


def _judge(
    index: int, media: str, checks: list[Check], credential: Any, *, strict: bool
) -> Check:
    """A failure for a definite fault (a warning unless ``strict``); a warning
    for a key we could not find."""
    where = f"verifiableCredential[{index}] ({media.removeprefix('application/')})"
    for check in checks:
        if check.status is not CheckStatus.FAILED:
            continue
        if check.name == "signature" and check.outcome is Outcome.UNAVAILABLE:
            continue
        return _fault(f"{where}: {check.name}: {check.message}", check.outcome, strict)
    if credential is None:
        message = f"{where}: not a verifiable credential"
        return _fault(message, Outcome.MALFORMED, strict)
    signatures = [c for c in checks if c.name == "signature"]
    unchecked = [c for c in signatures if c.status is not CheckStatus.PASSED]
    if unchecked:
        return warning(
            "credentials",
            f"{where}: its signature was not checked ({unchecked[0].message})",
            Outcome.UNAVAILABLE,
        )
    return passed("credentials", f"{where}: verified")


def _fault(message: str, outcome: Outcome, strict: bool) -> Check:
    if strict:
        return failed("credentials", outcome, message)
    return warning("credentials", message, outcome)


def enveloped_check(
    presentation: Mapping[str, Any],
    *,
    now: dt.datetime,
    resolver: Any,
    registry: ContextRegistry | None,
    strict: bool,
) -> Check:
    """One ``credentials`` check over every enveloped credential.

    A missing envelope or an unsecured media type always fails (VC-JOSE-COSE
    section 3.2); a fault inside an envelope fails only when ``strict``.
    """
    entries = presentation.get("verifiableCredential", [])
    entries = entries if isinstance(entries, list) else [entries]
    verdicts: list[Check] = []
    for index, entry in enumerate(entries):
        try:
            media, data = _media_and_data(entry)
        except ValueError as error:
            where = f"verifiableCredential[{index}]"
            return failed("credentials", Outcome.MALFORMED, f"{where}: {error}")
        checks, credential = _inner_checks(
            media, data, now=now, resolver=resolver, registry=registry
        )
        verdict = _judge(index, media, checks, credential, strict=strict)
        if verdict.status is CheckStatus.FAILED:
            return verdict
        verdicts.append(verdict)
    warnings = [v.message for v in verdicts if v.status is CheckStatus.WARNING]
    if warnings:
        return warning(
            "credentials",
            f"{len(entries)} enveloped credential(s); " + "; ".join(warnings),
            Outcome.UNAVAILABLE,
        )
    return passed(
        "credentials", f"{len(entries)} enveloped credential(s), each verified"
    )
