"""The checks for an SD-JWT-secured credential or presentation (RFC 9901).

The issuer-signed JWT goes through the same header, signature, key, issuer and
validity checks as a ``vc+jwt``; in between, the disclosures rebuild the
claims (RFC 9901 section 7.1) and the rebuilt credential is what the claims
and JSON-LD checks see. A Key Binding JWT, when present or required, is
checked last (section 7.3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from microcred.errors import MicrocredError, UnsupportedError
from microcred.jsonld import ContextRegistry
from microcred.securing._jose_jwk import public_key_from_jwk
from microcred.securing._jose_jws import (
    check_key_fits,
    parse_json_object,
    split_compact,
    verify_signature,
)
from microcred.securing._sd_jwt import (
    SdJwtParts,
    UnreferencedDisclosureError,
    disclose,
    hash_algorithm,
    parse_disclosure,
    sd_hash,
    split_sd_jwt,
)

from ._checks import failed, passed, resolve_now, skipped, warning
from ._jose import _finish, _State, _StopError, numeric_date
from ._result import Check, Outcome

if TYPE_CHECKING:
    from microcred.securing.sd_jwt import KeyBinding

__all__ = ["looks_like_sd_jwt", "sd_jwt_checks"]

_CHECK = "key-binding"


def looks_like_sd_jwt(value: Any) -> bool:
    """True for text shaped like an SD-JWT: a compact JWS, then ``~``."""
    if not isinstance(value, str) or "~" not in value:
        return False
    return value.strip().split("~", 1)[0].count(".") == 2


def _disclosures_step(parts: SdJwtParts) -> Callable[[_State], Check]:
    def run(state: _State) -> Check:
        try:
            disclosures = [
                parse_disclosure(text, index)
                for index, text in enumerate(parts.disclosures)
            ]
            alg = hash_algorithm(state.claims)
            state.claims = disclose(state.claims, disclosures)
        except UnreferencedDisclosureError as error:
            # Not vouched for by the issuer: as bad as a broken signature.
            raise _StopError(
                failed("disclosures", Outcome.INVALID_SIGNATURE, str(error))
            ) from None
        except UnsupportedError as error:
            raise _StopError(
                failed("disclosures", Outcome.UNSUPPORTED, str(error))
            ) from None
        except MicrocredError as error:
            raise _StopError(
                failed("disclosures", Outcome.MALFORMED, str(error))
            ) from None
        return passed(
            "disclosures",
            f"{len(disclosures)} disclosure(s), each matching one {alg} digest "
            "the issuer signed",
        )

    return run


def sd_jwt_checks(
    text: str,
    *,
    now: dt.datetime | None,
    key: Any,
    resolver: Any,
    registry: ContextRegistry | None,
    key_binding: KeyBinding | None,
    lenient_envelopes: bool = False,
) -> tuple[list[Check], dict[str, Any] | None]:
    """Run every SD-JWT check; return them and the disclosed credential."""
    at = resolve_now(now)
    try:
        parts = split_sd_jwt(text)
        split = split_compact(parts.issuer_jwt)
    except MicrocredError as error:
        return [failed("parse", Outcome.MALFORMED, str(error))], None
    state = _State(
        split,
        disclose=_disclosures_step(parts),
        lenient_envelopes=lenient_envelopes,
    )
    bound = " and a Key Binding JWT" if parts.key_binding_jwt else ""
    state.checks.append(
        passed("parse", f"an SD-JWT with {len(parts.disclosures)} disclosure(s){bound}")
    )
    checks, credential = _finish(state, at, key, resolver, registry)
    if not any(c.name == "disclosures" and c.status.value == "passed" for c in checks):
        return checks, credential
    check = _key_binding_check(parts, state.claims, at, key_binding)
    if check is not None:
        checks.append(check)
    return checks, credential


def _key_binding_check(
    parts: SdJwtParts,
    claims: Mapping[str, Any],
    at: dt.datetime,
    expected: KeyBinding | None,
) -> Check | None:
    if parts.key_binding_jwt is None:
        if expected is not None:
            return failed(
                _CHECK,
                Outcome.UNSIGNED,
                "a Key Binding JWT is required and none was presented",
            )
        if "cnf" in claims:
            return skipped(
                _CHECK,
                "the credential names a holder key (cnf) but no Key Binding JWT "
                "was presented: possession of the key was not proven",
            )
        return None
    try:
        return _verify_key_binding(parts, claims, at, expected)
    except _StopError as stop:
        return stop.check
    except MicrocredError as error:
        return failed(_CHECK, Outcome.MALFORMED, str(error))


def _stop(outcome: Outcome, message: str) -> _StopError:
    return _StopError(failed(_CHECK, outcome, message))


def _verify_key_binding(
    parts: SdJwtParts,
    claims: Mapping[str, Any],
    at: dt.datetime,
    expected: KeyBinding | None,
) -> Check:
    assert parts.key_binding_jwt is not None
    split = split_compact(parts.key_binding_jwt)
    if split.header.get("typ") != "kb+jwt":
        raise _stop(Outcome.MALFORMED, "the Key Binding JWT's typ is not kb+jwt")
    alg = split.header.get("alg")
    cnf = claims.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, Mapping) else None
    if not isinstance(jwk, Mapping):
        raise _stop(
            Outcome.KEY_MISMATCH,
            "the issuer bound no holder key (cnf.jwk) to check the Key Binding "
            "JWT with",
        )
    holder = public_key_from_jwk(jwk)
    if not isinstance(alg, str):
        raise _stop(Outcome.MALFORMED, "the Key Binding JWT has no alg")
    check_key_fits(alg, holder)
    if not verify_signature(alg, holder, split.signing_input, split.signature):
        raise _stop(
            Outcome.INVALID_SIGNATURE,
            f"the Key Binding JWT's {alg} signature does not verify with cnf.jwk",
        )
    payload = parse_json_object(split.payload, what="the Key Binding JWT claims")
    _check_payload(payload, parts, at, expected)
    if expected is None:
        return warning(
            _CHECK,
            "signed by the holder key and bound to these disclosures, but aud and "
            "nonce were not compared: pass key_binding=KeyBinding(audience, nonce)",
        )
    return passed(
        _CHECK,
        f"signed by the holder key for {expected.audience!r} with the expected nonce",
    )


def _check_payload(
    payload: Mapping[str, Any],
    parts: SdJwtParts,
    at: dt.datetime,
    expected: KeyBinding | None,
) -> None:
    for name in ("aud", "nonce", "sd_hash"):
        if not isinstance(payload.get(name), str):
            raise _stop(Outcome.MALFORMED, f"the Key Binding JWT has no {name} string")
    iat = payload.get("iat")
    moment = (
        numeric_date(iat)
        if isinstance(iat, int | float) and not isinstance(iat, bool)
        else None
    )
    if moment is None:
        raise _stop(Outcome.MALFORMED, "the Key Binding JWT has no iat NumericDate")
    # RFC 9901 section 4.3.1: sd_hash uses the issuer's _sd_alg.
    if payload["sd_hash"] != sd_hash(parts.presentation, _issuer_alg(parts)):
        raise _stop(
            Outcome.INVALID_SIGNATURE,
            "the Key Binding JWT's sd_hash does not cover this presentation "
            "(disclosures were added, removed or changed)",
        )
    _check_time(moment, at, expected)
    if expected is not None:
        _check_expected(payload, expected)


def _issuer_alg(parts: SdJwtParts) -> str:
    split = split_compact(parts.issuer_jwt)
    return hash_algorithm(parse_json_object(split.payload, what="the SD-JWT claims"))


def _check_time(
    moment: dt.datetime, at: dt.datetime, expected: KeyBinding | None
) -> None:
    leeway = expected.leeway if expected else dt.timedelta(seconds=60)
    if moment > at + leeway:
        raise _stop(
            Outcome.NOT_YET_VALID,
            f"the Key Binding JWT was issued in the future ({moment.isoformat()})",
        )
    if expected is not None and moment < at - expected.max_age:
        raise _stop(
            Outcome.EXPIRED,
            f"the Key Binding JWT was issued at {moment.isoformat()}, more than "
            f"{expected.max_age} before {at.isoformat()}",
        )


def _check_expected(payload: Mapping[str, Any], expected: KeyBinding) -> None:
    if payload["aud"] != expected.audience:
        raise _stop(
            Outcome.BINDING_MISMATCH,
            f"the Key Binding JWT is for {payload['aud']!r}, not {expected.audience!r}",
        )
    if payload["nonce"] != expected.nonce:
        raise _stop(
            Outcome.BINDING_MISMATCH,
            "the Key Binding JWT's nonce is not the expected one (a replay?)",
        )
