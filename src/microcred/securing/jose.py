"""Credentials secured as JWTs: W3C VC-JOSE (``vc+jwt``) and the Open Badges 3.0
JWT profile.

Three profiles, chosen with :class:`Profile`:

- ``Profile.VC_JOSE`` (VCDM 2.0, "Securing Verifiable Credentials using JOSE and
  COSE"): the JWT claims set *is* the credential; header ``typ: vc+jwt``
  (``vp+jwt`` for a presentation), ``cty: vc``. The claims ``vc`` and ``vp``
  are forbidden.
- ``Profile.VC_COSE``: the same credential as a COSE_Sign1 (``vc+cose``,
  RFC 9052), returned as base64 text.
- ``Profile.VC_SD_JWT``: the same credential as an SD-JWT (``vc+sd-jwt``,
  RFC 9901) with the claims named by ``disclosable`` selectively disclosable;
  see :mod:`microcred.securing.sd_jwt` for presenting and key binding.
- ``Profile.OB3_JWT`` (Open Badges 3.0 section 8.2, the VCDM 1.1 JWT encoding):
  header ``typ: JWT``; claims ``iss`` (issuer id), ``jti`` (credential id),
  ``sub`` (subject id), ``nbf``/``exp`` (validity as NumericDate) and ``vc``
  (the credential).

Only asymmetric algorithms on an allow-list are used (:data:`ALGORITHMS`);
``none`` and HMAC are refused, and the algorithm must fit the key's type and
curve. ``crit`` may name only ``b64``.

Verification is :func:`verify_jwt`, or :func:`microcred.verification.verify`
for the whole pipeline (shape, status, trust).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from microcred._jsonio import dumps
from microcred.errors import (
    InvalidDataError,
    ParseError,
    SecuringError,
    UnsupportedError,
)
from microcred.jsonld import ContextRegistry, expand

from . import _cose, keys
from ._jose_jwk import public_jwk
from ._jose_jws import (
    ALGORITHMS,
    PrivateKey,
    PublicKey,
    algorithm_for_key,
    b64url_encode,
    check_key_fits,
    check_kid,
    parse_json_object,
    sign_input,
    split_compact,
)
from ._jose_terms import check_defined_terms

if TYPE_CHECKING:
    from microcred.verification import VerificationResult

__all__ = [
    "ALGORITHMS",
    "Profile",
    "sign",
    "unverified_claims",
    "unverified_header",
    "verify_jwt",
]


class Profile(enum.StrEnum):
    """How a credential is laid out in the JWT."""

    #: W3C VC-JOSE: the claims set is the credential (VCDM 2.0).
    VC_JOSE = "vc+jwt"
    #: Open Badges 3.0 / VCDM 1.1 JWT: the credential sits in the ``vc`` claim.
    OB3_JWT = "ob3-jwt"
    #: W3C VC-JOSE-COSE with COSE_Sign1 (``vc+cose``), returned as base64 text.
    VC_COSE = "vc+cose"
    #: W3C VC-JOSE-COSE with SD-JWT (``vc+sd-jwt``, RFC 9901).
    VC_SD_JWT = "vc+sd-jwt"


def _types(document: Mapping[str, Any]) -> list[str]:
    value = document.get("type", [])
    if isinstance(value, str):
        return [value]
    return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []


def _numeric_date(value: Any, path: str) -> int:
    from microcred.verification._checks import parse_datetime

    return int(parse_datetime(value, path=path).timestamp())


def _ob3_claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    from microcred.verification._checks import issuer_id

    claims: dict[str, Any] = {}
    issuer = issuer_id(credential)
    if issuer is None:
        raise InvalidDataError("the credential has no issuer id", path="issuer")
    claims["iss"] = issuer
    if isinstance(credential.get("id"), str):
        claims["jti"] = credential["id"]
    subject = credential.get("credentialSubject")
    if isinstance(subject, Mapping) and isinstance(subject.get("id"), str):
        claims["sub"] = subject["id"]
    for claim, names in (
        ("nbf", ("validFrom", "issuanceDate")),
        ("exp", ("validUntil", "expirationDate")),
    ):
        for name in names:
            if name in credential:
                claims[claim] = _numeric_date(credential[name], name)
                break
    claims["vc"] = dict(credential)
    return claims


def _check_signable(
    document: Mapping[str, Any],
    registry: ContextRegistry | None,
    unsafe_allow_undefined_terms: bool,
) -> None:
    if not isinstance(document, Mapping):
        raise InvalidDataError("a credential must be a JSON object")
    types = _types(document)
    if not {"VerifiableCredential", "VerifiablePresentation"} & set(types):
        raise InvalidDataError(
            "type must include VerifiableCredential or VerifiablePresentation",
            path="type",
        )
    for claim in ("vc", "vp"):
        # VC-JOSE section 3.1.1: these JWT claims must not appear.
        if claim in document:
            raise InvalidDataError(
                f"the claim {claim!r} is not allowed in a VC-JOSE credential",
                path=claim,
            )
    expand(dict(document), registry=registry, safe=True)
    if not unsafe_allow_undefined_terms:
        check_defined_terms(document, registry)


def sign(
    credential: Mapping[str, Any],
    key: keys.PrivateKey | PrivateKey,
    *,
    kid: str | None = None,
    profile: Profile | str = Profile.VC_JOSE,
    alg: str | None = None,
    embed_public_key: bool = False,
    registry: ContextRegistry | None = None,
    unsafe_allow_undefined_terms: bool = False,
    disclosable: Iterable[str | Sequence[str | int]] = (),
) -> str:
    """Secure ``credential`` as a compact JWS and return the token.

    ``key`` is a :class:`~microcred.securing.keys.PrivateKey` or a
    ``cryptography`` private key (Ed25519, P-256, P-384, P-521, RSA >= 2048).
    ``kid`` should be the verification method's URL (for example
    ``did:web:example.org#key-1``) so that a verifier can find the key;
    ``embed_public_key`` puts the public JWK in the header instead (the OB 3.0
    ``jwk`` option; a verifier still has to bind it to the issuer). ``alg``
    defaults to the one the key implies (EdDSA, ES256/384/512, RS256).
    ``disclosable`` (claim paths) is for ``Profile.VC_SD_JWT`` only, which
    returns an SD-JWT (:func:`microcred.securing.sd_jwt.sign_sd_jwt`).

    Before signing, the credential is expanded in JSON-LD safe mode and every
    top-level property must be a term a context defines by name, so nothing is
    signed that a reader cannot interpret. Raises
    :class:`~microcred.errors.SafeModeError`,
    :class:`~microcred.errors.InvalidDataError` or
    :class:`~microcred.errors.InvalidKeyError`.
    """
    profile = _profile(profile)
    if profile is Profile.VC_SD_JWT:
        from .sd_jwt import sign_sd_jwt

        return sign_sd_jwt(
            credential,
            key,
            disclosable=disclosable,
            kid=kid,
            alg=alg,
            embed_public_key=embed_public_key,
            registry=registry,
            unsafe_allow_undefined_terms=unsafe_allow_undefined_terms,
        )
    if disclosable:
        raise InvalidDataError(
            "disclosable= needs the vc+sd-jwt profile", path="disclosable"
        )
    if isinstance(key, keys.PrivateKey):
        key = key.cryptography_key
    _check_signable(credential, registry, unsafe_allow_undefined_terms)
    alg = alg or algorithm_for_key(key)
    check_key_fits(alg, key)
    check_kid(kid, key)
    presentation = "VerifiablePresentation" in _types(credential)
    if profile is Profile.VC_COSE:
        return _encode_cose(credential, key, alg, kid=kid, presentation=presentation)
    header: dict[str, Any] = {"alg": alg}
    if profile is Profile.VC_JOSE:
        header["typ"] = "vp+jwt" if presentation else "vc+jwt"
        header["cty"] = "vp" if presentation else "vc"
        claims = dict(credential)
    else:
        if presentation:
            raise InvalidDataError("the OB 3.0 JWT profile secures credentials only")
        header["typ"] = "JWT"
        claims = _ob3_claims(credential)
    header.update(_key_locators(key, kid=kid, embed_public_key=embed_public_key))
    return _encode(header, claims, alg, key)


def _key_locators(
    key: PrivateKey, *, kid: str | None, embed_public_key: bool
) -> dict[str, Any]:
    """The header members that let a verifier find the key: ``kid``, ``jwk``.

    At least one is required; a token no verifier can match to a key is refused
    while signing.
    """
    located: dict[str, Any] = {}
    if kid is not None:
        located["kid"] = kid
    if embed_public_key:
        located["jwk"] = public_jwk(key)
    if not located:
        raise SecuringError(
            "pass kid= or embed_public_key=True: a verifier must "
            "be able to find the key"
        )
    return located


#: Related media types that microcred does not produce.
_UNSUPPORTED_FORMATS = {"dc+sd-jwt": "IETF SD-JWT VC"}


def _profile(value: Profile | str) -> Profile:
    try:
        return Profile(value)
    except ValueError:
        pass
    text = str(value).lower()
    for marker, name in _UNSUPPORTED_FORMATS.items():
        if marker in text:
            raise UnsupportedError(
                f"securing with {name} ({value}) is not supported by microcred; "
                "use vc+jwt or vc+sd-jwt"
            )
    raise InvalidDataError(f"unknown JWT profile {value!r}", path="profile")


def _encode_cose(
    credential: Mapping[str, Any],
    key: PrivateKey,
    alg: str,
    *,
    kid: str | None,
    presentation: bool,
) -> str:
    if kid is None:
        raise SecuringError("pass kid=: a verifier must be able to find the key")
    protected = _cose.cbor_encode(
        _cose.protected_header(alg, kid=kid, presentation=presentation)
    )
    payload = dumps(dict(credential), indent=False)
    signature = sign_input(alg, key, _cose.sig_structure(protected, payload))
    return _cose.to_text(_cose.encode_sign1(protected, payload, signature))


def _encode(
    header: Mapping[str, Any], claims: Mapping[str, Any], alg: str, key: PrivateKey
) -> str:
    header_b64 = b64url_encode(dumps(dict(header), indent=False))
    payload_b64 = b64url_encode(dumps(dict(claims), indent=False))
    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    signature = sign_input(alg, key, signing_input)
    return f"{header_b64}.{payload_b64}.{b64url_encode(signature)}"


def unverified_header(token: str) -> dict[str, Any]:
    """The JOSE header, decoded; NOTHING has been verified."""
    return split_compact(token).header


def unverified_claims(token: str) -> dict[str, Any]:
    """The JWT claims set, decoded; NOTHING has been verified."""
    split = split_compact(token)
    return parse_json_object(split.payload, what="the JWT claims set")


def verify_jwt(
    token: str,
    *,
    now: dt.datetime | None,
    key: keys.PublicKey | PublicKey | None = None,
    resolver: Any = None,
    registry: ContextRegistry | None = None,
) -> VerificationResult:
    """Verify a VC-JOSE or OB 3.0 JWT and return a
    :class:`~microcred.verification.VerificationResult`.

    Checks, in order: ``parse``, ``header`` (typ/cty, ``crit``, algorithm),
    ``claims``, ``context`` (safe JSON-LD), ``signature``, ``key`` (the key
    belongs to the issuer), ``issuer`` (``iss`` matches ``issuer``), and
    ``validity`` (``nbf``/``exp`` and validFrom/validUntil at ``now``; ``None``
    means the current time). The key is ``key`` if given, otherwise the
    ``kid`` is looked up with ``resolver`` (``did:jwk`` needs none).
    """
    from microcred.verification import VerificationResult
    from microcred.verification._jose import jose_checks

    if not isinstance(token, str):
        raise ParseError("a JWT must be a string")
    checks, _ = jose_checks(
        token, now=now, key=key, resolver=resolver, registry=registry
    )
    return VerificationResult.of(checks)
