"""JAdES seals (ETSI TS 119 182-1), as the EU issues European Digital Credentials.

A sealed EDC is a JWS in JSON serialisation whose payload is the credential's JSON
text, unencoded (RFC 7797, ``b64: false``), signed with the key of an X.509 seal
certificate carried in ``x5c``::

    from microcred.securing import jades

    sealed = jades.seal(
        credential,
        certificate=jades.load_certificate(Path("seal.pem")),
        private_key=jades.load_private_key(Path("seal.key")),
        signing_time=datetime.now(UTC),
    )
    result = jades.verify_seal(sealed, trust=[root])
    result.valid

:func:`verify_seal` returns every check it made (``parse``, ``header``,
``certificate``, ``signature``, ``content-timestamp``, ``timestamp``,
``archive-timestamp``, ``validation-data``, ``validity``, ``revocation``,
``trust``, ``timestamp-trust``, ``issuer``, ``level``); :func:`unseal` raises instead
and gives back the credential.

The ``level`` check names the JAdES baseline level the seal reaches (``B-B``,
``B-T``, ``B-LT``, ``B-LTA``, see :data:`LEVELS`). Timestamps and validation data
travel in the unsigned header, so removing them leaves a valid seal of a lower
level: pass ``min_level="B-T"`` (or higher) to refuse a seal that falls short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from cryptography import x509

from microcred.verification import VerificationResult

from . import _jades_seal, _jades_verify
from ._jades_seal import TimestampFunction
from ._jades_verify import LEVELS
from ._jws import ALGORITHMS, PrivateKey
from ._x509 import load_certificate, load_certificates, load_private_key

__all__ = [
    "ALGORITHMS",
    "LEVELS",
    "SIGNING_TIME",
    "TimestampFunction",
    "load_certificate",
    "load_certificates",
    "load_private_key",
    "seal",
    "unseal",
    "verify_seal",
]

#: Pass as ``at`` to judge certificates at the seal's own signing time.
SIGNING_TIME: Literal["signing-time"] = "signing-time"


def seal(
    credential: Mapping[str, Any] | str,
    *,
    certificate: x509.Certificate,
    private_key: PrivateKey,
    chain: Sequence[x509.Certificate] = (),
    signing_time: datetime,
    timestamp: TimestampFunction | None = None,
    algorithm: str | None = None,
) -> dict[str, Any]:
    """Seal ``credential`` as JAdES B-B, or B-T when ``timestamp`` is given.

    ``credential`` is a JSON object (sealed as its compact, deterministic JSON) or
    JSON text (sealed exactly as given). ``private_key`` is an RSA (2048 bits or
    more) or EC P-256/P-384/P-521 key matching ``certificate``; ``chain`` lists the
    intermediate certificates to carry in ``x5c``. ``algorithm`` defaults to RS256
    for RSA and ES256/ES384/ES512 for EC; PS256/384/512 are also accepted.

    ``timestamp`` receives the bytes to timestamp and returns a DER RFC 3161
    TimeStampToken; the token is checked before it is embedded as ``sigTst``.

    Returns the JWS JSON object ``{"payload": ..., "signatures": [...]}``. Raises
    :class:`~microcred.errors.InvalidKeyError` for an unusable key and
    :class:`~microcred.errors.SecuringError` when the certificate is not valid at
    ``signing_time`` or the timestamp token does not fit.
    """
    return _jades_seal.seal(
        credential,
        certificate=certificate,
        private_key=private_key,
        chain=chain,
        signing_time=signing_time,
        timestamp=timestamp,
        algorithm=algorithm,
    )


def verify_seal(
    document: Any,
    *,
    at: datetime | Literal["signing-time"] = SIGNING_TIME,
    trust: Sequence[x509.Certificate] = (),
    timestamp_trust: Sequence[x509.Certificate] = (),
    check_issuer: bool = True,
    min_level: str | None = None,
) -> VerificationResult:
    """Verify a sealed document and return every check made, in order.

    ``document`` is the JWS JSON object, its JSON text or bytes, or a path.

    ``at`` is the time at which certificates are judged: by default the seal's
    claimed signing time ``sigT`` and, when a signature timestamp verifies, the
    timestamp's time as well; pass an aware datetime (for example now) to ask
    "is it valid today". ``trust`` holds the caller's trust anchors for the seal
    certificate: without them the ``trust`` check is skipped, and a chain that
    reaches none of them fails as ``untrusted`` (distinct from ``invalid``).
    ``timestamp_trust`` does the same for the TSA certificates. With
    ``check_issuer`` the credential's issuer (legalName, eIDASIdentifier, country)
    is compared with the certificate's O, organizationIdentifier and C; without it
    the payload's JSON is not read at all (the signature covers its characters).

    Unknown ``crit`` entries refuse the seal. Validation data (xVals, rVals) is
    read: its certificates help build paths, and its OCSP responses and CRLs judge
    the seal certificate's revocation (never fetched); the revocation of CA and
    TSA certificates is not evaluated, which the ``validation-data`` warning says.

    The ``level`` check reports the level the seal reaches: B-B (the signature
    verifies), B-T (and a signature timestamp verifies), B-LT (and the seal
    carries certificate and revocation values, xVals and rVals, that establish
    the seal certificate's status), B-LTA (and an archive timestamp verifies).
    With ``min_level`` a seal below that level fails the check
    (``below-required-level``); a name not in :data:`LEVELS` raises
    :class:`~microcred.errors.InvalidDataError`.
    """
    result, _ = _jades_verify.verify_seal(
        document,
        at=at,
        trust=trust,
        timestamp_trust=timestamp_trust,
        check_issuer=check_issuer,
        read_payload=False,
        min_level=min_level,
    )
    return result


def unseal(
    document: Any,
    *,
    at: datetime | Literal["signing-time"] = SIGNING_TIME,
    trust: Sequence[x509.Certificate] = (),
    timestamp_trust: Sequence[x509.Certificate] = (),
    check_issuer: bool = True,
    min_level: str | None = None,
) -> dict[str, Any]:
    """Return the sealed credential, or raise when the seal does not verify.

    Takes the same arguments as :func:`verify_seal`; raises
    :class:`~microcred.errors.VerificationError` whose ``result`` holds every check.
    """
    result, credential = _jades_verify.verify_seal(
        document,
        at=at,
        trust=trust,
        timestamp_trust=timestamp_trust,
        check_issuer=check_issuer,
        min_level=min_level,
    )
    result.raise_for_failure()
    assert credential is not None  # a valid result implies a parsed document
    return credential
