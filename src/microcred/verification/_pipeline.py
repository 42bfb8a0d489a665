"""``verify()``: one entry point for every way a credential can be secured.

Dispatch, in this order:

- a JAdES/JWS JSON envelope (an EDC as the EU seals it) -> ``jades.verify_seal``;
- a compact JWS (``vc+jwt``, OB 3.0 JWT) -> the JOSE checks;
- COSE_Sign1 (``vc+cose``) -> the same checks as a JWT;
- SD-JWT (``vc+sd-jwt``, ``vp+sd-jwt``) -> the JOSE checks on the disclosed claims;
- a JSON object with an embedded ``proof`` -> ``dataintegrity.verify_proof``;
- anything else -> the signature check fails: "no proof or seal".

Then, for every credential: the EDC shape (SHACL), the validity window, the
status entries (through the caller's ``fetch_status``) and the trust anchors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from microcred._jsonio import check_json_value, load_json, open_envelope
from microcred.errors import InvalidDataError, MicrocredError, UnsupportedError
from microcred.jsonld import ContextRegistry
from microcred.securing._cose import decode_text

from ._checks import (
    context_check,
    failed,
    issuer_id,
    parse_datetime,
    passed,
    resolve_now,
    signs_rdf,
    skipped,
    validity_check,
)
from ._jose import cose_checks, jose_checks, looks_like_jws
from ._result import Check, CheckStatus, Outcome, VerificationResult
from ._sd_jwt import looks_like_sd_jwt, sd_jwt_checks
from ._status import FetchStatus

if TYPE_CHECKING:
    from microcred.securing.sd_jwt import KeyBinding

__all__ = ["verify", "verify_or_raise"]

logger = logging.getLogger(__name__)


class _Input:
    """What the caller handed in, sorted into a kind we know how to verify."""

    def __init__(self, kind: str, value: Any) -> None:
        self.kind = kind
        self.value = value


def _classify_text(text: str) -> _Input:
    text = text.strip()
    if text.startswith("{"):
        return _Input("json", load_json(text))
    if looks_like_sd_jwt(text):
        return _Input("sd-jwt", text)
    if looks_like_jws(text):
        return _Input("jws", text)
    # Anything else may be base64 COSE; decode_text names hex and other faults,
    # which matter only for text that looks like base64 at all.
    looks_encoded = bool(text) and not any(c.isspace() for c in text)
    try:
        data = decode_text(text)
    except MicrocredError:
        if looks_encoded:
            raise
        data = b""
    if data[:1] != _COSE_SIGN1_TAG:
        raise MicrocredError(
            "the input is none of JSON, a compact JWS, an SD-JWT or base64 COSE"
        )
    return _Input("cose", data)


#: A tagged COSE_Sign1 starts with CBOR tag 18.
_COSE_SIGN1_TAG = b"\xd2"


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        problem = error.strerror or type(error).__name__
        raise InvalidDataError(
            f"cannot read the file: {problem}", path=str(path)
        ) from None


def _classify(document: Any) -> _Input:
    if isinstance(document, bytes):
        if document[:1] == _COSE_SIGN1_TAG:
            return _Input("cose", document)
        try:
            document = document.decode("utf-8")
        except UnicodeDecodeError:
            raise MicrocredError("the input is not UTF-8 text") from None
    if isinstance(document, str):
        return _classify_text(document)
    if isinstance(document, Mapping):
        check_json_value(dict(document))
        return _Input("json", dict(document))
    raise MicrocredError(f"cannot verify a {type(document).__name__}")


#: ``now=SIGNING_TIME`` judges certificates and validity when the signature was made.
SIGNING_TIME = "signing-time"


def verify(
    document: Any,
    *,
    now: dt.datetime | Literal["signing-time"] | None,
    trust: Collection[Any] | None = None,
    resolver: Any = None,
    fetch_status: FetchStatus | None = None,
    registry: ContextRegistry | None = None,
    key: Any = None,
    key_binding: KeyBinding | None = None,
    min_jades_level: str | None = None,
    unsafe_allow_faulty_enveloped_credentials: bool = False,
) -> VerificationResult:
    """Verify a credential however it is secured; never raises for a bad one.

    ``document`` is a parsed JSON object, JSON text, a compact JWS, bytes or a
    path (a file that cannot be read raises
    :class:`~microcred.errors.InvalidDataError`). ``now`` is required: a
    time-zone-aware datetime, or ``None`` to mean the current time (the
    library reads the clock only then), or ``"signing-time"``: the time the
    signature itself states (JAdES ``sigT``, JWT ``iat``, Data Integrity
    ``created``), for credentials whose certificates have expired since.
    ``trust`` holds trust anchors: X.509 certificates for JAdES seals, issuer
    identifiers (DIDs, URLs) for JWTs and Data Integrity proofs; without it the
    ``trust`` check is skipped and a valid result speaks of integrity and
    validity only.
    ``resolver`` finds keys offline; ``fetch_status(url) -> dict`` returns a
    status list credential (never the network by default); ``key`` is a public
    key the caller vouches for (JWTs only). ``key_binding`` (a
    :class:`~microcred.securing.sd_jwt.KeyBinding`) requires an SD-JWT
    presentation to end in a Key Binding JWT for that audience and nonce.
    ``min_jades_level`` (``"B-T"``, ``"B-LT"``, ``"B-LTA"``) fails a JAdES seal
    that reaches a lower level, and any credential that is not JAdES-sealed (the
    ``level`` check).

    A presentation (``vp+jwt``, ``vp+cose``, ``vp+sd-jwt``) is valid only when
    every credential it envelopes verifies too, except that a credential whose
    key cannot be found is a warning; ``unsafe_allow_faulty_enveloped_credentials``
    turns a faulty enveloped credential into a warning as well.

    The result's checks come in order: parse, context, shape, signature, key,
    issuer, validity, status, trust. Only ``result.valid`` says yes.
    """
    if isinstance(now, str) and now != SIGNING_TIME:
        raise InvalidDataError(
            f"now={now!r}: pass a datetime, None or {SIGNING_TIME!r}", path="now"
        )
    from microcred.securing._jades_verify import check_level

    check_level(min_jades_level, "min_jades_level")
    if isinstance(document, os.PathLike):
        # A file that cannot be read is the caller's mistake, not a malformed
        # credential: it raises rather than return a NOT VALID result.
        document = _read_file(Path(document))
    try:
        given = _classify(document)
        at = _signing_time(given) if isinstance(now, str) else resolve_now(now)
    except MicrocredError as error:
        if error.path == "now":
            raise
        return VerificationResult.of([failed("parse", Outcome.MALFORMED, str(error))])
    checks, credential = _secured_checks(
        given,
        now=at,
        seal_time=now if isinstance(now, str) else at,
        trust=trust,
        resolver=resolver,
        registry=registry,
        key=key,
        key_binding=key_binding,
        lenient_envelopes=unsafe_allow_faulty_enveloped_credentials,
        min_jades_level=min_jades_level,
    )
    checks = _with_level(checks, min_jades_level)
    if credential is not None:
        checks = _with_shape(checks, credential)
        checks += _status(
            credential,
            now=at,
            fetch_status=fetch_status,
            trust=trust,
            resolver=resolver,
            registry=registry,
        )
    checks = _with_trust(checks, credential, trust)
    logger.debug("verified a %s input: %d checks", given.kind, len(checks))
    return VerificationResult.of(checks)


def _signing_time(given: _Input) -> dt.datetime:
    """The time the signature states; only ever used when the caller asks."""
    if given.kind in ("jws", "sd-jwt"):
        from microcred.securing.jose import unverified_claims

        claims = unverified_claims(given.value.split("~", 1)[0])
        stamp = claims.get("iat", claims.get("nbf"))
        if isinstance(stamp, int | float) and not isinstance(stamp, bool):
            from microcred.verification._jose import numeric_date

            moment = numeric_date(stamp)
            if moment is not None:
                return moment
    if given.kind == "json":
        envelope = open_envelope(given.value)
        if envelope is not None:
            return _jades_signing_time(envelope.signatures)
        proofs = given.value.get("proof")
        proof = proofs[0] if isinstance(proofs, list) and proofs else proofs
        if isinstance(proof, Mapping) and "created" in proof:
            return parse_datetime(proof["created"], path="proof.created")
    raise MicrocredError("the input states no signing time", path="signing-time")


def _jades_signing_time(signatures: tuple[dict[str, Any], ...]) -> dt.datetime:
    from microcred.securing._jose_jws import b64url_decode, parse_json_object

    protected = signatures[0].get("protected") if signatures else None
    if isinstance(protected, str):
        header = parse_json_object(
            b64url_decode(protected, what="the JAdES header"), what="the JAdES header"
        )
        if "sigT" in header:
            return parse_datetime(header["sigT"], path="sigT")
    raise MicrocredError("the seal states no signing time (sigT)", path="sigT")


def verify_or_raise(document: Any, **options: Any) -> VerificationResult:
    """:func:`verify`, raising :class:`~microcred.errors.VerificationError`
    (with ``.result``) unless the credential is valid."""
    result = verify(document, **options)
    result.raise_for_failure()
    return result


def _with_level(checks: list[Check], min_jades_level: str | None) -> list[Check]:
    """A required JAdES level fails any credential that is not JAdES-sealed."""
    if min_jades_level is None or any(c.name == "level" for c in checks):
        return checks
    return [
        *checks,
        failed(
            "level",
            Outcome.BELOW_REQUIRED_LEVEL,
            f"JAdES {min_jades_level} required, and the credential is not JAdES-sealed",
        ),
    ]


def _secured_checks(
    given: _Input,
    *,
    now: dt.datetime,
    seal_time: dt.datetime | Literal["signing-time"],
    trust: Collection[Any] | None,
    resolver: Any,
    registry: ContextRegistry | None,
    key: Any,
    key_binding: KeyBinding | None,
    lenient_envelopes: bool,
    min_jades_level: str | None,
) -> tuple[list[Check], dict[str, Any] | None]:
    options: dict[str, Any] = {
        "now": now,
        "key": key,
        "resolver": resolver,
        "registry": registry,
        "lenient_envelopes": lenient_envelopes,
    }
    if given.kind == "jws":
        return jose_checks(given.value, **options)
    if given.kind == "cose":
        return cose_checks(given.value, **options)
    if given.kind == "sd-jwt":
        return sd_jwt_checks(given.value, key_binding=key_binding, **options)
    return _json_checks(
        given.value,
        now=now,
        seal_time=seal_time,
        trust=trust,
        resolver=resolver,
        registry=registry,
        min_jades_level=min_jades_level,
    )


def _json_checks(
    document: dict[str, Any],
    *,
    now: dt.datetime,
    seal_time: dt.datetime | Literal["signing-time"],
    trust: Collection[Any] | None,
    resolver: Any,
    registry: ContextRegistry | None,
    min_jades_level: str | None,
) -> tuple[list[Check], dict[str, Any] | None]:
    try:
        envelope = open_envelope(document)
    except MicrocredError as error:
        return [failed("parse", Outcome.MALFORMED, str(error))], None
    if envelope is not None:
        checks = _jades_checks(document, seal_time, trust, min_jades_level)
        checks.insert(1, context_check(envelope.credential, registry))
        # The seal module judges the certificate's validity (its "validity"
        # check); the credential's own window (validFrom, expirationDate) is
        # judged here, at the same time, under a name of its own.
        window = validity_check(envelope.credential, now)
        checks.append(dataclasses.replace(window, name="credential-validity"))
        return checks, envelope.credential
    checks = [passed("parse", "a JSON credential")]
    checks.append(
        context_check(document, registry, identical_copies=signs_rdf(document))
    )
    if "proof" in document:
        checks += _proof_checks(document, now=now, resolver=resolver, registry=registry)
    else:
        checks.append(
            failed(
                "signature",
                Outcome.UNSIGNED,
                "no proof or seal: the credential is not secured, so nothing vouches "
                "for its content",
            )
        )
    checks.append(validity_check(document, now))
    return checks, document


def _jades_checks(
    document: dict[str, Any],
    at: dt.datetime | Literal["signing-time"],
    trust: Collection[Any] | None,
    min_level: str | None,
) -> list[Check]:
    from cryptography import x509

    from microcred.securing import jades

    certificates = [a for a in trust or () if isinstance(a, x509.Certificate)]
    result = jades.verify_seal(
        document,
        at=at,
        trust=certificates,
        timestamp_trust=certificates,
        min_level=min_level,
    )
    return list(result.checks)


def _proof_checks(
    document: dict[str, Any],
    *,
    now: dt.datetime,
    resolver: Any,
    registry: ContextRegistry | None,
) -> list[Check]:
    from microcred.securing import dataintegrity

    # A plain mapping of key URLs is a JOSE convenience; DI needs documents.
    did_resolver = None if isinstance(resolver, Mapping) else resolver
    try:
        report = dataintegrity.verify_proof(
            document, resolver=did_resolver, registry=registry, now=now
        )
    except UnsupportedError as error:
        return [failed("signature", Outcome.UNSUPPORTED, str(error))]
    except MicrocredError as error:
        return [failed("signature", Outcome.MALFORMED, str(error))]
    return list(report.checks)


def _with_shape(checks: list[Check], credential: Mapping[str, Any]) -> list[Check]:
    types = credential.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not isinstance(types, list) or "EuropeanDigitalCredential" not in types:
        return checks
    shape = _shape_check(credential)
    names = [c.name for c in checks]
    position = names.index("context") + 1 if "context" in names else 1
    return [*checks[:position], shape, *checks[position:]]


def _shape_check(credential: Mapping[str, Any]) -> Check:
    from microcred.validation import validate_edc

    try:
        report = validate_edc(dict(credential))
    except MicrocredError as error:
        return failed("shape", Outcome.MALFORMED, f"shapes could not run: {error}")
    if report.conforms:
        return passed("shape", "conforms to the EU's EDC shapes")
    first = report.violations[0]
    if report.only_known_quirks:
        # The EU's own context mistypes dateModified; its own seals carry it.
        # Reported, but not held against the credential.
        quirks = sorted({v.known_quirk for v in report.violations if v.known_quirk})
        return Check(
            "shape",
            CheckStatus.WARNING,
            f"conforms except for {len(report.violations)} violation(s) caused by "
            f"known faults in the EU's own artefacts ({', '.join(quirks)}); first "
            f"at {first.json_path}",
            Outcome.SHAPE_VIOLATION,
        )
    return failed(
        "shape",
        Outcome.SHAPE_VIOLATION,
        f"{len(report.violations)} shape violation(s); first at "
        f"{first.json_path}: {first.message}",
    )


def _status(
    credential: Mapping[str, Any],
    *,
    now: dt.datetime,
    fetch_status: FetchStatus | None,
    trust: Collection[Any] | None,
    resolver: Any,
    registry: ContextRegistry | None,
) -> list[Check]:
    from ._status import status_checks

    def verify_list(list_credential: Mapping[str, Any] | str) -> VerificationResult:
        # No fetch_status: a status list's own status is not followed (no loops).
        return verify(
            list_credential, now=now, trust=trust, resolver=resolver, registry=registry
        )

    return status_checks(
        credential, fetch_status=fetch_status, now=now, verify_list=verify_list
    )


def _with_trust(
    checks: list[Check],
    credential: Mapping[str, Any] | None,
    trust: Collection[Any] | None,
) -> list[Check]:
    judged = [c for c in checks if c.name == "trust"]
    if judged and (judged[0].status is not CheckStatus.SKIPPED or not trust):
        # A JAdES seal was judged against the certificate anchors, with its chain.
        return checks
    kept = [c for c in checks if c.name != "trust"]
    return [*kept, _trust_check(credential, trust)]


def _trust_check(
    credential: Mapping[str, Any] | None, trust: Collection[Any] | None
) -> Check:
    if not trust:
        return skipped(
            "trust",
            "no trust anchors given: the result speaks of integrity and validity only",
        )
    issuer = issuer_id(credential) if credential is not None else None
    anchors = {a for a in trust if isinstance(a, str)}
    if not anchors:
        return failed(
            "trust",
            Outcome.UNTRUSTED,
            "the trust anchors are all certificates and this credential is not "
            "sealed with one; name its issuer to trust it",
        )
    if issuer is not None and issuer in anchors:
        return passed("trust", f"the issuer {issuer} is a trust anchor")
    return failed(
        "trust",
        Outcome.UNTRUSTED,
        f"the issuer {issuer!r} is not among the {len(trust)} trust anchor(s)",
    )
