"""Credentials secured with SD-JWT (``vc+sd-jwt``, ``vp+sd-jwt``).

Selective Disclosure for JWTs (RFC 9901), as the W3C "Securing Verifiable
Credentials using JOSE and COSE" recommendation applies it to VCDM 2.0: the
issuer signs the credential with some claims replaced by digests, and hands the
holder one *disclosure* per hidden claim. The holder presents the issuer's JWT
with the disclosures it chooses; the verifier rebuilds exactly those claims.

The three roles:

- issuer: :func:`sign_sd_jwt` (header ``typ: vc+sd-jwt``, ``cty: vc``;
  ``vp+sd-jwt``/``vp`` for a presentation), with claim paths such as
  ``credentialSubject.address.street`` or ``credentialSubject.phones[0]``;
  ``holder_key=`` binds the credential to the holder's key (``cnf``).
- holder: :func:`present_sd_jwt` keeps the disclosures for the claims to
  reveal and, given the holder's key, appends a Key Binding JWT (``kb+jwt``)
  for one verifier (``aud``) and one transaction (``nonce``).
- verifier: :func:`verify_sd_jwt`, or :func:`microcred.verification.verify`,
  which recognises SD-JWT input by itself. Pass :class:`KeyBinding` to require
  a Key Binding JWT for your audience and nonce.

Salts come from :mod:`secrets` (128 bits) unless a test injects ``salt=``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from microcred._jsonio import dumps
from microcred.errors import InvalidDataError, InvalidKeyError
from microcred.jsonld import ContextRegistry

from . import keys
from ._jose_jwk import public_jwk
from ._jose_jws import (
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
from ._sd_jwt import (
    DEFAULT_HASH,
    HASH_ALGORITHMS,
    Disclosure,
    PathParts,
    SdJwtParts,
    conceal,
    disclose,
    disclosure_paths,
    hash_algorithm,
    parse_disclosure,
    parse_path,
    random_salt,
    sd_hash,
    split_sd_jwt,
)

if TYPE_CHECKING:
    from microcred.verification import VerificationResult

__all__ = [
    "HASH_ALGORITHMS",
    "KeyBinding",
    "present_sd_jwt",
    "sign_sd_jwt",
    "unverified_claims",
    "verify_sd_jwt",
]

ClaimPath = str | Sequence[str | int]


@dataclass(frozen=True, slots=True)
class KeyBinding:
    """What a verifier expects of a Key Binding JWT (RFC 9901 section 7.3).

    Passing one makes the Key Binding JWT mandatory: its ``aud`` must equal
    ``audience``, its ``nonce`` must equal ``nonce``, and its ``iat`` must lie
    within ``max_age`` before the verification time (``leeway`` after it).
    """

    audience: str
    nonce: str
    max_age: dt.timedelta = dt.timedelta(minutes=5)
    leeway: dt.timedelta = dt.timedelta(seconds=60)


def _private(key: keys.PrivateKey | PrivateKey) -> PrivateKey:
    if isinstance(key, keys.PrivateKey):
        return key.cryptography_key
    if not isinstance(
        key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    ):
        raise InvalidKeyError(
            f"signing needs a private key, not a {type(key).__name__}", path="key"
        )
    return key


def _public(key: Any) -> PublicKey:
    from microcred.verification._keys import as_public_key

    return as_public_key(key)


def _jws(header: Mapping[str, Any], claims: Mapping[str, Any], key: PrivateKey) -> str:
    header_b64 = b64url_encode(dumps(dict(header), indent=False))
    payload_b64 = b64url_encode(dumps(dict(claims), indent=False))
    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    signature = sign_input(str(header["alg"]), key, signing_input)
    return f"{header_b64}.{payload_b64}.{b64url_encode(signature)}"


def _header(
    credential: Mapping[str, Any],
    key: PrivateKey,
    *,
    alg: str | None,
    kid: str | None,
    embed_public_key: bool,
) -> dict[str, Any]:
    from .jose import _key_locators, _types

    alg = alg or algorithm_for_key(key)
    check_key_fits(alg, key)
    check_kid(kid, key)
    presentation = "VerifiablePresentation" in _types(credential)
    header: dict[str, Any] = {
        "alg": alg,
        "typ": "vp+sd-jwt" if presentation else "vc+sd-jwt",
        "cty": "vp" if presentation else "vc",
    }
    header.update(_key_locators(key, kid=kid, embed_public_key=embed_public_key))
    return header


def sign_sd_jwt(
    credential: Mapping[str, Any],
    key: keys.PrivateKey | PrivateKey,
    *,
    disclosable: Iterable[ClaimPath] = (),
    kid: str | None = None,
    alg: str | None = None,
    embed_public_key: bool = False,
    holder_key: Any = None,
    salt: Callable[[], str] | None = None,
    decoys: int = 0,
    hash_alg: str = DEFAULT_HASH,
    registry: ContextRegistry | None = None,
    unsafe_allow_undefined_terms: bool = False,
) -> str:
    """Secure ``credential`` as an SD-JWT and return ``<jwt>~<disclosure>~...~``.

    ``disclosable`` lists the claims the holder may later reveal or keep back,
    as dotted paths (``credentialSubject.address.street``) with ``[n]`` for
    array elements, or as lists of parts. A path inside another one gives a
    nested disclosure. ``decoys`` adds that many decoy digests to every
    ``_sd`` array; ``hash_alg`` is one of :data:`HASH_ALGORITHMS`;
    ``holder_key`` (a public key) is put in ``cnf`` so that the holder can
    prove possession with a Key Binding JWT (see :class:`KeyBinding`).
    ``salt`` is for reproducible tests only. The credential passes the same
    JSON-LD safety checks as :func:`microcred.securing.jose.sign`, and
    ``@context`` cannot be hidden.
    """
    from .jose import _check_signable

    private = _private(key)
    _check_signable(credential, registry, unsafe_allow_undefined_terms)
    header = _header(
        credential, private, alg=alg, kid=kid, embed_public_key=embed_public_key
    )
    paths = [parse_path(path) for path in disclosable]
    if holder_key is not None and "cnf" in credential:
        raise InvalidDataError(
            "the credential already has a cnf claim; holder_key= would replace it",
            path="cnf",
        )
    payload, disclosures = conceal(
        credential,
        paths,
        salt=salt or random_salt,
        hash_alg=hash_alg,
        decoys=decoys,
    )
    if holder_key is not None:
        # RFC 7800 confirmation claim: the key the holder must prove it holds.
        payload["cnf"] = {"jwk": public_jwk(_public(holder_key))}
    return "~".join((_jws(header, payload, private), *disclosures)) + "~"


def _unverified(sd_jwt: str) -> tuple[SdJwtParts, dict[str, Any], list[Disclosure]]:
    parts = split_sd_jwt(sd_jwt)
    payload = parse_json_object(
        split_compact(parts.issuer_jwt).payload, what="the SD-JWT claims set"
    )
    disclosures = [
        parse_disclosure(text, index) for index, text in enumerate(parts.disclosures)
    ]
    return parts, payload, disclosures


def unverified_claims(sd_jwt: str) -> dict[str, Any]:
    """The claims the SD-JWT's disclosures reveal; NOTHING has been verified."""
    _, payload, disclosures = _unverified(sd_jwt)
    return disclose(payload, disclosures)


def _related(found: PathParts, wanted: PathParts) -> bool:
    """True when ``found`` is ``wanted``, inside it, or on the way to it."""
    shorter = min(len(found), len(wanted))
    return found[:shorter] == wanted[:shorter]


def _has_path(claims: Any, parts: PathParts) -> bool:
    node = claims
    for part in parts:
        in_list = isinstance(part, int) and isinstance(node, list) and part < len(node)
        in_map = isinstance(part, str) and isinstance(node, Mapping) and part in node
        if not (in_list or in_map):
            return False
        node = node[part]
    return True


def present_sd_jwt(
    sd_jwt: str,
    *,
    reveal: Iterable[ClaimPath] = (),
    holder_key: keys.PrivateKey | PrivateKey | None = None,
    audience: str | None = None,
    nonce: str | None = None,
    issued_at: dt.datetime | None = None,
    alg: str | None = None,
) -> str:
    """Keep the disclosures for the claims to ``reveal``; drop all others.

    Paths are those given to :func:`sign_sd_jwt` (array indices count every
    element the issuer signed). Revealing a claim reveals everything nested in
    it, and the enclosing disclosures it needs. With ``holder_key`` the
    presentation ends in a Key Binding JWT for ``audience`` and ``nonce``,
    issued at ``issued_at`` (a time-zone-aware datetime); the key must be the
    one the issuer put in ``cnf``.
    """
    parts, payload, disclosures = _unverified(sd_jwt)
    if parts.key_binding_jwt is not None:
        raise InvalidDataError(
            "the SD-JWT already ends in a Key Binding JWT: present from the "
            "issued SD-JWT",
            path="kb_jwt",
        )
    wanted = [parse_path(path) for path in reveal]
    full = disclose(payload, disclosures)
    for parts_wanted in wanted:
        if not _has_path(full, parts_wanted):
            raise InvalidDataError(
                "no such claim in the credential", path=_dotted(parts_wanted)
            )
    where = disclosure_paths(payload, disclosures)
    kept = [
        disclosure.encoded
        for disclosure, found in zip(disclosures, where, strict=True)
        if any(_related(found, parts_wanted) for parts_wanted in wanted)
    ]
    presentation = "~".join((parts.issuer_jwt, *kept)) + "~"
    if holder_key is None:
        return presentation
    return presentation + _key_binding_jwt(
        presentation,
        payload,
        _private(holder_key),
        audience=audience,
        nonce=nonce,
        issued_at=issued_at,
        alg=alg,
    )


def _dotted(parts: PathParts) -> str:
    from microcred.errors import format_path

    return format_path(list(parts))


def _key_binding_jwt(
    presentation: str,
    payload: Mapping[str, Any],
    key: PrivateKey,
    *,
    audience: str | None,
    nonce: str | None,
    issued_at: dt.datetime | None,
    alg: str | None,
) -> str:
    if not isinstance(audience, str) or not isinstance(nonce, str):
        raise InvalidDataError(
            "a Key Binding JWT needs audience= and nonce= (strings)", path="kb_jwt"
        )
    if not isinstance(issued_at, dt.datetime) or issued_at.utcoffset() is None:
        raise InvalidDataError(
            "issued_at must be a time-zone-aware datetime", path="issued_at"
        )
    _check_holder_key(payload, key)
    alg = alg or algorithm_for_key(key)
    claims = {
        "iat": int(issued_at.timestamp()),
        "aud": audience,
        "nonce": nonce,
        "sd_hash": sd_hash(presentation, hash_algorithm(payload)),
    }
    return _jws({"alg": alg, "typ": "kb+jwt"}, claims, key)


def _check_holder_key(payload: Mapping[str, Any], key: PrivateKey) -> None:
    cnf = payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, Mapping) else None
    if not isinstance(jwk, Mapping):
        raise InvalidKeyError(
            "the credential binds no holder key (no cnf.jwk); sign it with "
            "holder_key= to allow key binding",
            path="cnf",
        )
    mine = public_jwk(key)
    if {name: jwk.get(name) for name in mine} != mine:
        raise InvalidKeyError(
            "the holder key is not the one the issuer bound in cnf", path="cnf"
        )


def verify_sd_jwt(
    sd_jwt: str,
    *,
    now: dt.datetime | None,
    key: Any = None,
    resolver: Any = None,
    registry: ContextRegistry | None = None,
    key_binding: KeyBinding | None = None,
) -> VerificationResult:
    """Verify a ``vc+sd-jwt`` or ``vp+sd-jwt`` and return the checks.

    In order: ``parse``, ``header`` (media type, algorithm), ``disclosures``
    (every disclosure referenced exactly once, none overwriting a claim),
    ``claims``, ``context``, ``signature``, ``key``, ``issuer``, ``validity``,
    ``credentials`` (a presentation's enveloped credentials), ``key-binding``.
    ``key``/``resolver`` find the issuer's key as for
    :func:`microcred.securing.jose.verify_jwt`.
    """
    from microcred.verification import VerificationResult
    from microcred.verification._sd_jwt import sd_jwt_checks

    checks, _ = sd_jwt_checks(
        sd_jwt,
        now=now,
        key=key,
        resolver=resolver,
        registry=registry,
        key_binding=key_binding,
    )
    return VerificationResult.of(checks)
