"""The checks for a JWT-secured credential or presentation (VC-JOSE, OB 3.0)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from microcred.errors import (
    InvalidKeyError,
    MicrocredError,
    UnsupportedError,
    VerificationError,
)
from microcred.jsonld import ContextRegistry
from microcred.securing._cose import split_sign1
from microcred.securing._jose_jwk import PRIVATE_MEMBERS, public_key_from_jwk
from microcred.securing._jose_jws import (
    PublicKey,
    SplitToken,
    check_key_fits,
    parse_json_object,
    split_compact,
    verify_signature,
)

from ._checks import (
    context_check,
    failed,
    issuer_id,
    passed,
    resolve_now,
    validity_check,
    warning,
)
from ._keys import KeyLookupError, ResolvedKey, as_public_key, resolve_key
from ._result import Check, Outcome

__all__ = ["Kind", "cose_checks", "jose_checks", "looks_like_jws"]

#: Header parameters we understand when listed in ``crit`` (RFC 7515 4.1.11).
_UNDERSTOOD_CRIT = frozenset({"b64"})


class Kind(enum.Enum):
    """What the header and claims say the token carries."""

    CREDENTIAL = "vc+jwt"
    PRESENTATION = "vp+jwt"
    CREDENTIAL_V1 = "JWT"


class _StopError(Exception):
    """Internal: a check failed in a way that makes later checks meaningless."""

    def __init__(self, check: Check) -> None:
        super().__init__(check.message)
        self.check = check


@dataclass
class _State:
    split: SplitToken
    kind: Kind = Kind.CREDENTIAL
    claims: dict[str, Any] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    #: For an SD-JWT: rebuilds ``claims`` from the disclosures, as a check.
    disclose: Callable[[_State], Check] | None = None
    #: A faulty enveloped credential is a warning, not a failure (unsafe; the
    #: caller asked for it by name).
    lenient_envelopes: bool = False
    #: A COSE_Sign1 (``vc+cose``, ``vp+cose``) rather than a JWS.
    cose: bool = False

    @property
    def label(self) -> str:
        """The media type the checks speak of (``vc+sd-jwt`` for an SD-JWT,
        ``vc+cose`` for COSE)."""
        if self.cose:
            return self.kind.value.replace("+jwt", "+cose")
        if self.disclose is None:
            return self.kind.value
        return self.kind.value.replace("+jwt", "+sd-jwt")


def looks_like_jws(value: Any) -> bool:
    """True for a string shaped like a compact JWS (three base64url parts)."""
    return isinstance(value, str) and value.strip().count(".") == 2


def _media_type(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _StopError(failed("header", Outcome.MALFORMED, "typ/cty must be strings"))
    # RFC 7515 4.1.9: "application/" may be left out of typ and cty.
    return value.lower().removeprefix("application/")


def _sd_kind(header: Mapping[str, Any]) -> Kind:
    typ = _media_type(header.get("typ"))
    cty = _media_type(header.get("cty"))
    # VC-JOSE-COSE section 3.2: vc+sd-jwt / vp+sd-jwt, cty vc / vp if present.
    if typ == "vc+sd-jwt" and cty in (None, "vc"):
        return Kind.CREDENTIAL
    if typ == "vp+sd-jwt" and cty in (None, "vp"):
        return Kind.PRESENTATION
    if typ == "dc+sd-jwt":
        raise _StopError(
            failed(
                "header",
                Outcome.UNSUPPORTED,
                "IETF SD-JWT VC (dc+sd-jwt, vct claims) is not supported; "
                "microcred verifies W3C vc+sd-jwt and vp+sd-jwt",
            )
        )
    raise _StopError(
        failed(
            "header",
            Outcome.MALFORMED,
            f"the media type (typ {header.get('typ')!r}, cty {header.get('cty')!r}) "
            "is not one for an SD-JWT credential: expected vc+sd-jwt or vp+sd-jwt",
        )
    )


def _kind(header: Mapping[str, Any], claims: Mapping[str, Any]) -> Kind:
    typ = _media_type(header.get("typ"))
    cty = _media_type(header.get("cty"))
    if typ in ("vc+jwt", "vc+cose") and cty in (None, "vc"):
        return Kind.CREDENTIAL
    if typ in ("vp+jwt", "vp+cose") and cty in (None, "vp"):
        return Kind.PRESENTATION
    if typ in (None, "jwt") and "vc" in claims:
        return Kind.CREDENTIAL_V1
    if typ in (None, "jwt") and "vp" in claims:
        raise _StopError(
            failed(
                "header",
                Outcome.UNSUPPORTED,
                "VCDM 1.1 presentations (a vp claim) are not supported",
            )
        )
    raise _StopError(
        failed(
            "header",
            Outcome.MALFORMED,
            f"the media type (typ {header.get('typ')!r}, cty {header.get('cty')!r}) "
            "is not one for a credential: expected vc+jwt, vp+jwt, vc+cose, vp+cose, "
            "or JWT with a vc claim",
        )
    )


def _check_header(header: Mapping[str, Any]) -> None:
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise _StopError(failed("header", Outcome.MALFORMED, "the header has no alg"))
    crit = header.get("crit")
    if crit is not None:
        if (
            not isinstance(crit, list)
            or not crit
            or not all(isinstance(name, str) and name in header for name in crit)
        ):
            raise _StopError(
                failed(
                    "header",
                    Outcome.MALFORMED,
                    "crit must list header parameters that are present",
                )
            )
        unknown = sorted(set(crit) - _UNDERSTOOD_CRIT)
        if unknown:
            raise _StopError(
                failed(
                    "header",
                    Outcome.UNSUPPORTED,
                    f"critical header parameters not understood: {unknown}",
                )
            )
    if header.get("b64") is False and "b64" not in (crit or []):
        # RFC 7797 section 6: b64 must be critical, or verifiers may disagree.
        raise _StopError(
            failed("header", Outcome.MALFORMED, "b64 false must be in crit")
        )
    jwk = header.get("jwk")
    if jwk is not None and (not isinstance(jwk, Mapping) or PRIVATE_MEMBERS & set(jwk)):
        raise _StopError(
            failed(
                "header",
                Outcome.MALFORMED,
                "the jwk header must be a public key and nothing more",
            )
        )


def _credential_from_v1(claims: Mapping[str, Any]) -> dict[str, Any]:
    vc = claims.get("vc")
    if not isinstance(vc, dict):
        raise _StopError(
            failed("claims", Outcome.MALFORMED, "the vc claim is not an object")
        )
    return vc


def _claims_check(state: _State) -> Check:
    claims = state.claims
    if state.kind is Kind.CREDENTIAL_V1:
        state.document = _credential_from_v1(claims)
    else:
        forbidden = sorted({"vc", "vp"} & set(claims))
        if forbidden:
            # VC-JOSE section 3.1.1: a VCDM 2.0 claims set must not nest them.
            raise _StopError(
                failed(
                    "claims",
                    Outcome.MALFORMED,
                    f"the claims {forbidden} are not allowed in a "
                    f"{state.label} claims set",
                )
            )
        state.document = dict(claims)
    expected = (
        "VerifiablePresentation"
        if state.kind is Kind.PRESENTATION
        else "VerifiableCredential"
    )
    types = state.document.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or expected not in types:
        raise _StopError(
            failed("claims", Outcome.MALFORMED, f"type must include {expected}")
        )
    for name in ("nbf", "exp"):
        # These bound validity: one we cannot read must not be skipped silently.
        if name in claims and not _is_number(claims[name]):
            raise _StopError(
                failed("claims", Outcome.MALFORMED, f"{name} must be a NumericDate")
            )
    if "iat" in claims and not _is_number(claims["iat"]):
        # The W3C suite's own tokens carry iat as a date string; it bounds nothing.
        return warning("claims", "iat is not a NumericDate and was ignored")
    return passed("claims", f"a {state.label} claims set")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _find_key(
    state: _State, key: Any, resolver: Any
) -> tuple[PublicKey, ResolvedKey | None, str]:
    header = state.split.header
    if key is not None:
        return as_public_key(key), None, "the caller's key"
    subject = _subject_of(state)
    kid = header.get("kid")
    if isinstance(kid, str) and (resolver is not None or kid.startswith("did:")):
        resolved = resolve_key(kid, subject, resolver)
        return resolved.key, resolved, f"kid {kid}"
    if isinstance(header.get("jwk"), Mapping):
        return public_key_from_jwk(header["jwk"]), None, "the header's jwk"
    resolved = resolve_key(kid if isinstance(kid, str) else None, subject, resolver)
    return resolved.key, resolved, resolved.source


def _subject_of(state: _State) -> str | None:
    """Who signed: the issuer of a credential, the holder of a presentation."""
    if state.kind is Kind.PRESENTATION:
        holder = state.document.get("holder")
        if isinstance(holder, Mapping):
            holder = holder.get("id")
        return holder if isinstance(holder, str) else None
    return issuer_id(state.document)


def _signature_check(
    state: _State, key: Any, resolver: Any
) -> tuple[Check, ResolvedKey | None, str]:
    alg = str(state.split.header["alg"])
    try:
        public, resolved, source = _find_key(state, key, resolver)
        check_key_fits(alg, public)
    except KeyLookupError as error:
        return failed("signature", Outcome.UNAVAILABLE, error.problem), None, ""
    except VerificationError as error:
        return failed("signature", Outcome.KEY_MISMATCH, str(error)), None, ""
    except UnsupportedError as error:
        return failed("signature", Outcome.UNSUPPORTED, error.problem), None, ""
    except InvalidKeyError as error:
        return failed("signature", Outcome.KEY_MISMATCH, error.problem), None, ""
    split = state.split
    if not verify_signature(alg, public, split.signing_input, split.signature):
        return (
            failed(
                "signature",
                Outcome.INVALID_SIGNATURE,
                f"the {alg} signature does not verify with {source}",
            ),
            None,
            "",
        )
    return (
        passed("signature", f"{alg} signature verified with {source}"),
        resolved,
        source,
    )


def _key_check(state: _State, resolved: ResolvedKey | None, source: str) -> Check:
    subject = _subject_of(state)
    if source == "the caller's key":
        return passed("key", "the key was supplied by the caller, who vouches for it")
    if resolved is None:
        return failed(
            "key",
            Outcome.KEY_MISMATCH,
            "the key came from the token's own jwk header and nothing binds it to "
            "the issuer; pass key= or a resolver that knows the issuer's keys",
        )
    if resolved.controller is None or resolved.controller != subject:
        return failed(
            "key",
            Outcome.KEY_MISMATCH,
            f"the key {resolved.source} is controlled by {resolved.controller!r}, "
            f"not by {subject!r}",
        )
    return passed("key", f"the key {resolved.source} belongs to {subject}")


def _issuer_check(state: _State) -> Check:
    claims = state.claims
    subject = _subject_of(state)
    role = "holder" if state.kind is Kind.PRESENTATION else "issuer"
    if subject is None:
        return failed("issuer", Outcome.MALFORMED, f"the document names no {role} id")
    if "iss" in claims and claims["iss"] != subject:
        # VC-JOSE section 3.1.1 / OB 3.0 8.2.4.1: iss must equal the issuer id.
        return failed(
            "issuer",
            Outcome.ISSUER_MISMATCH,
            f"iss {claims['iss']!r} differs from the {role} {subject!r}",
        )
    if state.kind is Kind.CREDENTIAL_V1:
        mismatch = _v1_mismatch(claims, state.document)
        if mismatch:
            return failed("issuer", Outcome.MALFORMED, mismatch)
    return passed("issuer", f"the {role} is {subject}")


def _v1_mismatch(claims: Mapping[str, Any], vc: Mapping[str, Any]) -> str | None:
    if "jti" in claims and "id" in vc and claims["jti"] != vc["id"]:
        return "jti differs from the credential id"
    subject = vc.get("credentialSubject")
    if (
        "sub" in claims
        and isinstance(subject, Mapping)
        and claims["sub"] != subject.get("id", claims["sub"])
    ):
        return "sub differs from credentialSubject.id"
    return None


def numeric_date(value: float) -> dt.datetime | None:
    """An RFC 7519 NumericDate as an aware datetime; None outside datetime's range."""
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _validity(state: _State, now: dt.datetime) -> Check:
    starts: list[tuple[str, dt.datetime]] = []
    ends: list[tuple[str, dt.datetime]] = []
    for name, bucket in (("nbf", starts), ("exp", ends)):
        value = state.claims.get(name)
        if isinstance(value, int | float) and _is_number(value):
            moment = numeric_date(value)
            if moment is None:
                return failed(
                    "validity", Outcome.MALFORMED, f"{name} is not a representable date"
                )
            bucket.append((name, moment))
    return validity_check(state.document, now, extra_starts=starts, extra_ends=ends)


def _enveloped_check(
    state: _State,
    *,
    now: dt.datetime,
    resolver: Any,
    registry: ContextRegistry | None,
) -> Check:
    from ._enveloped import enveloped_check

    return enveloped_check(
        state.document,
        now=now,
        resolver=resolver,
        registry=registry,
        strict=not state.lenient_envelopes,
    )


def jose_checks(
    token: str,
    *,
    now: dt.datetime | None,
    key: Any,
    resolver: Any,
    registry: ContextRegistry | None,
    lenient_envelopes: bool = False,
) -> tuple[list[Check], dict[str, Any] | None]:
    """Run every JOSE check; return them and the credential (None if unusable)."""
    at = resolve_now(now)
    try:
        split = split_compact(token)
    except MicrocredError as error:
        return [failed("parse", Outcome.MALFORMED, str(error))], None
    state = _State(split, lenient_envelopes=lenient_envelopes)
    state.checks.append(passed("parse", "a compact JWS with a JSON header"))
    return _finish(state, at, key, resolver, registry)


def cose_checks(
    data: bytes,
    *,
    now: dt.datetime | None,
    key: Any,
    resolver: Any,
    registry: ContextRegistry | None,
    lenient_envelopes: bool = False,
) -> tuple[list[Check], dict[str, Any] | None]:
    """The same checks for a COSE_Sign1 (``vc+cose``), from its raw bytes."""
    at = resolve_now(now)
    try:
        split = split_sign1(data)
    except UnsupportedError as error:
        return [failed("parse", Outcome.UNSUPPORTED, str(error))], None
    except MicrocredError as error:
        return [failed("parse", Outcome.MALFORMED, str(error))], None
    state = _State(split, lenient_envelopes=lenient_envelopes, cose=True)
    state.checks.append(passed("parse", "a COSE_Sign1 with a protected header"))
    return _finish(state, at, key, resolver, registry)


def _finish(
    state: _State,
    at: dt.datetime,
    key: Any,
    resolver: Any,
    registry: ContextRegistry | None,
) -> tuple[list[Check], dict[str, Any] | None]:
    try:
        _run(state, at, key, resolver, registry)
    except _StopError as stop:
        state.checks.append(stop.check)
        return state.checks, None
    credential = state.document if state.kind is not Kind.PRESENTATION else None
    return state.checks, credential


def _run(
    state: _State,
    now: dt.datetime,
    key: Any,
    resolver: Any,
    registry: ContextRegistry | None,
) -> None:
    _check_header(state.split.header)
    try:
        what = "the COSE payload" if state.cose else "the JWT claims set"
        state.claims = parse_json_object(state.split.payload, what=what)
    except MicrocredError as error:
        raise _StopError(failed("claims", Outcome.MALFORMED, str(error))) from None
    if state.disclose is None:
        state.kind = _kind(state.split.header, state.claims)
    else:
        state.kind = _sd_kind(state.split.header)
    state.checks.append(
        passed("header", f"{state.split.header['alg']}, a {state.label} token")
    )
    if state.disclose is not None:
        state.checks.append(state.disclose(state))
    state.checks.append(_claims_check(state))
    state.checks.append(context_check(state.document, registry))
    signature, resolved, source = _signature_check(state, key, resolver)
    state.checks.append(signature)
    if signature.status.value == "passed":
        state.checks.append(_key_check(state, resolved, source))
    state.checks.append(_issuer_check(state))
    state.checks.append(_validity(state, now))
    if state.kind is Kind.PRESENTATION:
        state.checks.append(
            _enveloped_check(state, now=now, resolver=resolver, registry=registry)
        )
