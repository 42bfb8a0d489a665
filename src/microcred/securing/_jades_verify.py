"""Verifying a JAdES seal (ETSI TS 119 182-1) in JWS JSON serialisation.

Checks run in a fixed order and each ends in a :class:`Check`; a failed step never
hides the steps after it unless they depend on it (no certificate, no signature).
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import ocsp

from microcred._jsonio import load_json
from microcred.errors import InvalidDataError, MicrocredError, UnsupportedError
from microcred.verification import Check, CheckStatus, Outcome, VerificationResult

from . import _jws
from ._issuer import issuer_mismatches
from ._revocation import RevocationFinding, find_issuer
from ._revocation import judge as judge_revocation
from ._tsp import TimestampError, TimestampToken, verify_token
from ._x509 import (
    EE_CRITICAL_EXTENSIONS,
    PathError,
    build_path,
    issuer_serial,
    kid_problem,
    load_der,
    validity_problem,
)

__all__ = ["LEVELS", "SIGNING_TIME", "check_level", "verify_seal"]

logger = logging.getLogger(__name__)

SIGNING_TIME = "signing-time"

#: The JAdES baseline levels, lowest first (ETSI TS 119 182-1 clause 6): each
#: adds to the one before it.
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")

#: Header parameters this verifier processes when a seal lists them in ``crit``.
UNDERSTOOD_CRITICAL = frozenset({"b64", "sigT", "adoTst"})

#: JAdES signed header parameters that must be listed in ``crit`` when present
#: (TS 119 182-1 clause 5.1.1 / 5.2).
_JADES_SIGNED = frozenset(
    {"sigT", "adoTst", "sigX5ts", "x5t#o", "srCms", "sigPl", "srAts", "sigPId", "sigD"}
)

#: Names registered by RFC 7515 / 7518 / 7797 that ``crit`` must not list.
_REGISTERED = frozenset(
    {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"}
)

#: Bounds on what a seal may ask a verifier to do: every certificate, token and
#: revocation entry costs parsing and signature checks. The EU's B-LTA files carry
#: one certificate in x5c, four unsigned properties, one token each and six xVals.
MAX_CERTIFICATES = 16
MAX_UNSIGNED = 32
MAX_TOKENS = 4
MAX_VALUES = 64

_VALIDATION_DATA = ("xVals", "rVals", "axVals", "arVals", "tstVD")
_SIG_T = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class _CheckFailedError(Exception):
    """One check's failure, carried to the place that records it."""

    def __init__(self, problem: str, outcome: Outcome = Outcome.MALFORMED) -> None:
        super().__init__(problem)
        self.problem = problem
        self.outcome = outcome


@dataclass(slots=True)
class _Seal:
    payload: str
    credential: dict[str, Any] | None
    protected_b64: str
    protected: dict[str, Any]
    unprotected: dict[str, Any]
    signature_b64: str
    signature: bytes


@dataclass(slots=True)
class _State:
    seal: _Seal
    checks: list[Check] = field(default_factory=list)
    algorithm: _jws.Algorithm | None = None
    signing_time: datetime | None = None
    certificates: list[x509.Certificate] = field(default_factory=list)
    extra_certificates: list[x509.Certificate] = field(default_factory=list)
    etsi_u: list[tuple[str, Any, str | None]] = field(default_factory=list)
    tokens: list[TimestampToken] = field(default_factory=list)
    ocsp_responses: list[bytes] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)
    signature_token: TimestampToken | None = None

    def add(self, name: str, status: CheckStatus, message: str, **kwargs: Any) -> None:
        self.checks.append(Check(name, status, message, **kwargs))


# --- parse ---------------------------------------------------------------------


def _load(document: Any) -> Any:
    if isinstance(document, Mapping):
        return document
    if isinstance(document, bytearray):
        document = bytes(document)
    if isinstance(document, str | bytes | os.PathLike):
        return load_json(document, what="the sealed document")
    raise InvalidDataError(f"a {type(document).__name__} is not a sealed document")


def _signature_object(document: Mapping[str, Any]) -> Mapping[str, Any]:
    if "signatures" in document:
        extra = set(document) - {"payload", "signatures"}
        signatures = document["signatures"]
        if not isinstance(signatures, list) or not signatures:
            raise InvalidDataError("must be a non-empty list", path="signatures")
        if len(signatures) != 1:
            raise UnsupportedError("seals with several signatures are not supported")
        entry = signatures[0]
        where = "signatures[0]"
    else:
        # Flattened JWS JSON serialisation (RFC 7515 clause 7.2.2).
        extra = set(document) - {"payload", "protected", "header", "signature"}
        entry, where = document, ""
    if extra:
        raise InvalidDataError(
            f"unknown member {sorted(extra)[0]!r} beside the payload"
        )
    if not isinstance(entry, Mapping):
        raise InvalidDataError("must be an object", path=where)
    unknown = set(entry) - {"protected", "header", "signature"}
    if unknown and where:
        raise InvalidDataError(f"unknown member {sorted(unknown)[0]!r}", path=where)
    return entry


def _parse(document: Any, *, read_payload: bool = True) -> _Seal:
    document = _load(document)
    if not isinstance(document, Mapping) or "payload" not in document:
        raise InvalidDataError("not a JWS JSON object: no payload member")
    payload = document["payload"]
    if not isinstance(payload, str):
        raise InvalidDataError("must be a string", path="payload")
    entry = _signature_object(document)

    protected_b64 = entry.get("protected")
    raw = _jws.b64url_decode(protected_b64, path="protected")
    protected = load_json(raw, what="the protected header")
    if not isinstance(protected, dict):
        raise InvalidDataError("must encode a JSON object", path="protected")
    unprotected = entry.get("header", {})
    if not isinstance(unprotected, dict):
        raise InvalidDataError("must be an object", path="header")
    signature_b64 = entry.get("signature")
    signature = _jws.b64url_decode(signature_b64, path="signature")
    if not isinstance(protected.get("b64", True), bool):
        raise InvalidDataError("must be true or false", path="protected.b64")

    return _Seal(
        payload=payload,
        credential=_credential(payload, protected) if read_payload else None,
        protected_b64=str(protected_b64),
        protected=protected,
        unprotected=unprotected,
        signature_b64=str(signature_b64),
        signature=signature,
    )


def _credential(payload: str, protected: Mapping[str, Any]) -> dict[str, Any]:
    b64 = protected.get("b64", True)
    # RFC 7797: with b64 false the payload is the credential's own characters.
    text: str | bytes = (
        payload if not b64 else _jws.b64url_decode(payload, path="payload")
    )
    credential = load_json(text, what="the payload")
    if not isinstance(credential, dict):
        raise InvalidDataError("must be a JSON object", path="payload")
    return credential


# --- header --------------------------------------------------------------------


def _check_crit(protected: Mapping[str, Any]) -> None:
    crit = protected.get("crit")
    if crit is None:
        listed: list[str] = []
    elif (
        not isinstance(crit, list)
        or not crit
        or not all(isinstance(name, str) for name in crit)
        or len(set(crit)) != len(crit)
    ):
        raise _CheckFailedError("crit must be a non-empty list of distinct names")
    else:
        listed = crit
    for name in listed:
        if name in _REGISTERED:
            raise _CheckFailedError(
                f"crit must not list the registered parameter {name!r}"
            )
        if name not in protected:
            raise _CheckFailedError(
                f"crit lists {name!r}, which the header does not carry"
            )
        if name not in UNDERSTOOD_CRITICAL:
            raise _CheckFailedError(
                f"crit lists {name!r}, which this verifier does not understand; "
                "the seal is refused",
                Outcome.UNSUPPORTED,
            )
    for name in ({"b64"} | _JADES_SIGNED) & set(protected):
        if name not in listed:
            raise _CheckFailedError(f"{name!r} is present but not listed in crit")


def _check_algorithm(protected: Mapping[str, Any]) -> _jws.Algorithm:
    name = protected.get("alg")
    if not isinstance(name, str):
        raise _CheckFailedError("alg is missing")
    if name not in _jws.ALGORITHMS:
        raise _CheckFailedError(
            f"alg {name!r} is not accepted for seals "
            f"(accepted: {', '.join(_jws.ALGORITHMS)})",
            Outcome.UNSUPPORTED,
        )
    return _jws.ALGORITHMS[name]


def _signing_time(protected: Mapping[str, Any]) -> datetime:
    value = protected.get("sigT")
    if value is None:
        raise _CheckFailedError("sigT (the claimed signing time) is missing")
    if not isinstance(value, str) or not _SIG_T.fullmatch(value):
        raise _CheckFailedError("sigT must read YYYY-MM-DDThh:mm:ssZ")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise _CheckFailedError("sigT is not a real date and time") from None


def _etsi_u(unprotected: Mapping[str, Any]) -> list[tuple[str, Any, str | None]]:
    """The unsigned components as (name, value, base64url text or None)."""
    unknown = set(unprotected) - {"etsiU"}
    if unknown:
        raise _CheckFailedError(
            f"unprotected header parameter {sorted(unknown)[0]!r} is unknown"
        )
    entries = unprotected.get("etsiU", [])
    if not isinstance(entries, list):
        raise _CheckFailedError("etsiU must be a list")
    if len(entries) > MAX_UNSIGNED:
        raise _CheckFailedError(f"etsiU holds more than {MAX_UNSIGNED} entries")
    kinds = {type(entry) for entry in entries}
    if len(kinds) > 1:
        # TS 119 182-1 clause 5.3.1: all encoded or all clear, never a mixture.
        raise _CheckFailedError("etsiU mixes base64url-encoded and clear components")
    return [_component(index, entry) for index, entry in enumerate(entries)]


def _component(index: int, entry: Any) -> tuple[str, Any, str | None]:
    encoded = entry if isinstance(entry, str) else None
    if encoded is not None:
        try:
            raw = _jws.b64url_decode(encoded, path=["etsiU", index])
            entry = load_json(raw, what=f"etsiU[{index}]")
        except MicrocredError as error:
            raise _CheckFailedError(str(error)) from None
    if not isinstance(entry, dict) or len(entry) != 1:
        raise _CheckFailedError(
            f"etsiU[{index}] must hold exactly one unsigned property"
        )
    ((name, value),) = entry.items()
    return name, value, encoded


def _header(state: _State) -> None:
    protected = state.seal.protected
    _check_crit(protected)
    state.algorithm = _check_algorithm(protected)
    state.signing_time = _signing_time(protected)
    if "x5c" not in protected:
        raise _CheckFailedError(
            "x5c (the seal certificate) is missing", Outcome.UNSUPPORTED
        )
    if "x5t#S256" not in protected:
        raise _CheckFailedError("x5t#S256 (the certificate digest) is missing")
    overlap = set(protected) & set(state.seal.unprotected)
    if overlap:
        raise _CheckFailedError(
            f"{sorted(overlap)[0]!r} is both protected and unprotected"
        )
    state.etsi_u = _etsi_u(state.seal.unprotected)
    state.add(
        "header",
        CheckStatus.PASSED,
        f"alg {state.algorithm.name}, every crit entry understood",
        details={"alg": state.algorithm.name, "sigT": protected["sigT"]},
    )


# --- certificate and signature -------------------------------------------------


def _decode_certificate(value: Any, where: str) -> x509.Certificate:
    if not isinstance(value, str):
        raise _CheckFailedError(f"{where} is not a base64 DER certificate")
    try:
        return _certificate_from(value)
    except (binascii.Error, ValueError):
        raise _CheckFailedError(f"{where} is not a base64 DER certificate") from None


@functools.lru_cache(maxsize=64)
def _certificate_from(value: str) -> x509.Certificate:
    # Cached by the x5c text: a verifier sees the same few seal certificates again
    # and again, and certificates are immutable.
    # RFC 7515 clause 4.1.6: x5c holds standard base64, not base64url.
    return load_der(base64.b64decode(value, validate=True))


@functools.lru_cache(maxsize=64)
def _leaf_facts(value: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """x5t#S256, the IssuerSerial kid and the description of an x5c[0] text."""
    certificate = _certificate_from(value)
    thumbprint = _jws.b64url_encode(certificate.fingerprint(hashes.SHA256()))
    kid = base64.b64encode(issuer_serial(certificate)).decode("ascii")
    return thumbprint, kid, tuple(_describe(certificate).items())


def _certificate(state: _State) -> None:
    protected = state.seal.protected
    chain = protected["x5c"]
    if not isinstance(chain, list) or not chain:
        raise _CheckFailedError("x5c must be a non-empty list")
    if len(chain) > MAX_CERTIFICATES:
        raise _CheckFailedError(f"x5c holds more than {MAX_CERTIFICATES} certificates")
    state.certificates = [
        _decode_certificate(value, f"x5c[{index}]") for index, value in enumerate(chain)
    ]
    leaf = state.certificates[0]
    thumbprint, kid, description = _leaf_facts(chain[0])
    if protected["x5t#S256"] != thumbprint:
        raise _CheckFailedError("x5t#S256 does not match x5c[0]", Outcome.KEY_MISMATCH)
    if "kid" in protected and protected["kid"] != kid:
        problem = kid_problem(protected["kid"], leaf)
        if problem:
            raise _CheckFailedError(problem, Outcome.KEY_MISMATCH)
    assert state.algorithm is not None
    problem = _jws.key_problem(state.algorithm, leaf.public_key())  # type: ignore[arg-type]
    if problem:
        raise _CheckFailedError(problem, Outcome.KEY_MISMATCH)
    _end_entity_rules(leaf)
    state.add(
        "certificate",
        CheckStatus.PASSED,
        "x5t#S256 matches x5c[0]",
        details=dict(description),
    )


def _end_entity_rules(leaf: x509.Certificate) -> None:
    for extension in leaf.extensions:
        if extension.critical and extension.oid not in EE_CRITICAL_EXTENSIONS:
            raise _CheckFailedError(
                "the certificate has an unknown critical extension "
                f"{extension.oid.dotted_string}",
                Outcome.UNSUPPORTED,
            )
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise _CheckFailedError(
            "the certificate's key usage does not allow signatures",
            Outcome.KEY_MISMATCH,
        )


def _describe(certificate: x509.Certificate) -> dict[str, Any]:
    return {
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "serial": str(certificate.serial_number),
        "notBefore": certificate.not_valid_before_utc.isoformat(),
        "notAfter": certificate.not_valid_after_utc.isoformat(),
    }


def _signature(state: _State) -> None:
    seal = state.seal
    assert state.algorithm is not None
    # RFC 7515 clause 5.2 with RFC 7797: the payload exactly as stored, never
    # re-serialised.
    signing_input = seal.protected_b64.encode("ascii") + b"." + seal.payload.encode()
    key = state.certificates[0].public_key()
    if not _jws.verify(state.algorithm, key, seal.signature, signing_input):  # type: ignore[arg-type]
        raise _CheckFailedError(
            "the signature does not verify", Outcome.INVALID_SIGNATURE
        )
    state.add(
        "signature", CheckStatus.PASSED, f"{state.algorithm.name} signature verifies"
    )


# --- timestamps ----------------------------------------------------------------


def _token_values(property_value: Any, name: str) -> list[bytes]:
    tokens = (
        property_value.get("tstTokens") if isinstance(property_value, dict) else None
    )
    if not isinstance(tokens, list) or not tokens:
        raise _CheckFailedError(f"{name} must hold a non-empty tstTokens list")
    if len(tokens) > MAX_TOKENS:
        raise _CheckFailedError(f"{name} holds more than {MAX_TOKENS} tokens")
    found = []
    for index, token in enumerate(tokens):
        value = token.get("val") if isinstance(token, dict) else None
        encoding = token.get("encoding") if isinstance(token, dict) else None
        if encoding not in (None, "http://uri.etsi.org/19182/DER"):
            raise _CheckFailedError(
                f"{name} token {index} uses encoding {encoding!r}", Outcome.UNSUPPORTED
            )
        try:
            found.append(base64.b64decode(str(value), validate=True))
        except binascii.Error:
            raise _CheckFailedError(f"{name} token {index} is not base64") from None
    return found


def _verify_tokens(
    state: _State, name: str, value: Any, message: bytes
) -> list[TimestampToken]:
    tokens = []
    for der in _token_values(value, name):
        try:
            token = verify_token(
                der, message, extra_certificates=state.extra_certificates
            )
        except TimestampError as error:
            raise _CheckFailedError(f"{name}: {error.problem}", error.outcome) from None
        tokens.append(token)
    state.tokens.extend(tokens)
    return tokens


def _content_timestamp(state: _State) -> None:
    value = state.seal.protected.get("adoTst")
    if value is None:
        return
    # TS 119 182-1 clause 5.2.8.3: the imprint covers the payload as it is carried
    # (the characters themselves with b64 false).
    tokens = _verify_tokens(state, "adoTst", value, state.seal.payload.encode())
    state.add(
        "content-timestamp",
        CheckStatus.PASSED,
        f"adoTst covers the payload; time {_iso(tokens[0].time)}",
        details={"tokens": [token.summary() for token in tokens]},
    )


def _signature_timestamp(state: _State) -> None:
    found = [value for name, value, _ in state.etsi_u if name == "sigTst"]
    if not found:
        state.add(
            "timestamp",
            CheckStatus.SKIPPED,
            "no signature timestamp (sigTst): a B-B seal",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    # Clause 5.3.4: the imprint is over the base64url signature value as written.
    tokens = [
        token
        for value in found
        for token in _verify_tokens(
            state, "sigTst", value, state.seal.signature_b64.encode()
        )
    ]
    first = min(tokens, key=lambda token: token.time)
    _check_order(state, first, tokens)
    state.signature_token = first
    state.add(
        "timestamp",
        CheckStatus.PASSED,
        f"sigTst covers the signature; time {_iso(first.time)}",
        details={
            "time": first.time.isoformat(),
            "tokens": [t.summary() for t in tokens],
        },
    )


def _check_order(
    state: _State, first: TimestampToken, tokens: list[TimestampToken]
) -> None:
    # EN 319 102-1: content timestamp <= signing <= signature timestamp.
    assert state.signing_time is not None
    if first.time < state.signing_time:
        raise _CheckFailedError(
            "sigTst is earlier than the claimed signing time sigT",
            Outcome.INVALID_SIGNATURE,
        )
    content = [t for t in state.tokens if t not in tokens]
    if any(t.time > first.time for t in content):
        raise _CheckFailedError(
            "the content timestamp is later than the signature timestamp",
            Outcome.INVALID_SIGNATURE,
        )


def _archive_input(state: _State, position: int) -> bytes:
    seal = state.seal
    # Clause 5.3.6.3.1: payload, protected header, signature and every earlier
    # etsiU component in its base64url form, joined as below.
    earlier = "".join(encoded or "" for _, _, encoded in state.etsi_u[:position])
    return (
        f"{seal.payload}.{seal.protected_b64}.{seal.signature_b64}.{earlier}".encode()
    )


def _archive_timestamps(state: _State) -> None:
    positions = [i for i, (name, _, _) in enumerate(state.etsi_u) if name == "arcTst"]
    if not positions:
        return
    if any(encoded is None for _, _, encoded in state.etsi_u):
        state.add(
            "archive-timestamp",
            CheckStatus.SKIPPED,
            "arcTst over clear-JSON etsiU components needs JSON canonicalisation, "
            "which is not supported; the archive timestamp was not checked",
            outcome=Outcome.UNSUPPORTED,
        )
        return
    tokens = []
    for position in positions:
        value = state.etsi_u[position][1]
        tokens += _verify_tokens(
            state, "arcTst", value, _archive_input(state, position)
        )
    state.add(
        "archive-timestamp",
        CheckStatus.PASSED,
        f"arcTst imprint and TSA signature verified; time {_iso(tokens[-1].time)}",
        details={"tokens": [token.summary() for token in tokens]},
    )


def _iso(time: datetime) -> str:
    return time.astimezone(UTC).replace(tzinfo=None).isoformat("T", "seconds") + "Z"


# --- validation data -----------------------------------------------------------


def _der_values(entries: Any, name: str) -> list[bytes]:
    if not isinstance(entries, list):
        raise _CheckFailedError(f"{name} must be a list")
    if len(entries) > MAX_VALUES:
        raise _CheckFailedError(f"{name} holds more than {MAX_VALUES} values")
    found = []
    for entry in entries:
        value = entry.get("val") if isinstance(entry, dict) else None
        try:
            found.append(base64.b64decode(str(value), validate=True))
        except binascii.Error:
            raise _CheckFailedError(f"a {name} value is not base64") from None
    return found


def _collect_certificates(state: _State) -> dict[str, int]:
    """Read xVals/axVals certificates; they serve as path candidates."""
    counts: dict[str, int] = {}
    for name, value, _ in state.etsi_u:
        if name not in ("xVals", "axVals"):
            continue
        entries = (
            [e.get("x509Cert") if isinstance(e, dict) else None for e in value]
            if isinstance(value, list)
            else value
        )
        for der in _der_values(entries, name):
            try:
                state.extra_certificates.append(load_der(der))
            except ValueError:
                raise _CheckFailedError(f"a {name} certificate is not DER") from None
        counts[name] = counts.get(name, 0) + len(entries)
    return counts


def _count_revocation(state: _State, value: Any, name: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _CheckFailedError(f"{name} must be an object")
    counts = {}
    for kind in ("crlVals", "ocspVals"):
        ders = _der_values(value.get(kind, []), f"{name}.{kind}")
        for der in ders:
            try:
                if kind == "crlVals":
                    x509.load_der_x509_crl(der)
                    state.crls.append(der)
                else:
                    ocsp.load_der_ocsp_response(der)
                    state.ocsp_responses.append(der)
            except ValueError:
                raise _CheckFailedError(
                    f"a {name}.{kind} entry does not parse"
                ) from None
        counts[f"{name}.{kind}"] = len(ders)
    return counts


def _validation_data(state: _State, certificate_counts: dict[str, int]) -> None:
    counts = dict(certificate_counts)
    names = [name for name, _, _ in state.etsi_u]
    for name, value, _ in state.etsi_u:
        if name in ("rVals", "arVals"):
            counts.update(_count_revocation(state, value, name))
    present = [name for name in names if name in _VALIDATION_DATA]
    unknown = [
        name for name in names if name not in (*_VALIDATION_DATA, "sigTst", "arcTst")
    ]
    if not present and not unknown:
        return
    listed = ", ".join(f"{key}: {value}" for key, value in counts.items())
    message = (
        f"validation data parsed ({listed}); "
        "its certificates serve as path candidates and its OCSP responses and CRLs "
        "judge the seal certificate (see revocation); the revocation of CA and TSA "
        "certificates was not evaluated"
    )
    if unknown:
        message += f"; unsigned properties not checked: {', '.join(unknown)}"
    state.add(
        "validation-data",
        CheckStatus.WARNING,
        message,
        outcome=Outcome.NOT_CHECKED,
        details={"counts": counts, "notChecked": unknown},
    )


# --- validity, trust, issuer -----------------------------------------------------


def _times(state: _State, at: datetime | str) -> list[tuple[str, datetime]]:
    if isinstance(at, datetime):
        return [("the requested time", at)]
    assert state.signing_time is not None
    times = [("the claimed signing time", state.signing_time)]
    if state.signature_token is not None:
        times.append(("the signature timestamp", state.signature_token.time))
    return times


def _validity(state: _State, times: list[tuple[str, datetime]]) -> None:
    leaf = state.certificates[0]
    for label, time in times:
        outcome = validity_problem(leaf, time)
        if outcome is Outcome.EXPIRED:
            raise _CheckFailedError(
                f"the certificate expired on {_iso(leaf.not_valid_after_utc)}; "
                f"checked at {_iso(time)} ({label})",
                outcome,
            )
        if outcome is Outcome.NOT_YET_VALID:
            raise _CheckFailedError(
                "the certificate is valid only from "
                f"{_iso(leaf.not_valid_before_utc)}; checked at {_iso(time)} ({label})",
                outcome,
            )
    said = " and ".join(f"{_iso(time)} ({label})" for label, time in times)
    state.add("validity", CheckStatus.PASSED, f"the certificate was valid at {said}")


def _revocation(
    state: _State,
    times: list[tuple[str, datetime]],
    anchors: Sequence[x509.Certificate],
) -> None:
    if not state.ocsp_responses and not state.crls:
        state.add(
            "revocation",
            CheckStatus.SKIPPED,
            "the seal embeds no revocation data (rVals); revocation was not checked",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    leaf = state.certificates[0]
    candidates = [*state.certificates[1:], *state.extra_certificates, *anchors]
    issuer = find_issuer(leaf, candidates)
    if issuer is None:
        state.add(
            "revocation",
            CheckStatus.WARNING,
            "the issuing CA certificate is not available, so the embedded "
            "revocation data could not be checked",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    # Judged at the first time only: the claimed signing time (the seal is made
    # then; the EU's service fetches OCSP at sigT, seconds before the timestamp),
    # or the time the caller asked about.
    label, time = times[0]
    findings = [(label, time, _judge(state, leaf, issuer, time))]
    _report_revocation(state, findings)


def _judge(
    state: _State, leaf: x509.Certificate, issuer: x509.Certificate, time: datetime
) -> RevocationFinding:
    return judge_revocation(
        leaf,
        issuer,
        ocsp_responses=state.ocsp_responses,
        crls=state.crls,
        extra=state.extra_certificates,
        at=time,
    )


def _report_revocation(
    state: _State, findings: list[tuple[str, datetime, RevocationFinding]]
) -> None:
    for label, time, finding in findings:
        where = f"at {_iso(time)} ({label})"
        if finding.state == "revoked":
            raise _CheckFailedError(f"{finding.message}; {where}", Outcome.REVOKED)
        if finding.state != "good":
            state.add(
                "revocation",
                CheckStatus.WARNING,
                f"{finding.message}; {where}",
                outcome=Outcome.NOT_CHECKED,
                details=finding.details,
            )
            return
    label, time, finding = findings[-1]
    state.add(
        "revocation",
        CheckStatus.PASSED,
        f"{finding.message} at {_iso(time)}",
        details=finding.details,
    )


def _trust(
    state: _State,
    times: list[tuple[str, datetime]],
    anchors: Sequence[x509.Certificate],
) -> None:
    if not anchors:
        state.add(
            "trust",
            CheckStatus.SKIPPED,
            "no trust anchors were given",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    candidates = [*state.certificates[1:], *state.extra_certificates]
    chain: list[x509.Certificate] = []
    for label, time in times:
        try:
            chain = build_path(state.certificates[0], candidates, anchors, time)
        except PathError as error:
            # No path because the seal certificate itself is out of its validity
            # says more as expired / not-yet-valid than as untrusted.
            outcome = validity_problem(state.certificates[0], time) or error.outcome
            raise _CheckFailedError(
                f"{error.problem} (at {_iso(time)}, {label})", outcome
            ) from None
    state.add(
        "trust",
        CheckStatus.PASSED,
        f"the certificate chains to {chain[-1].subject.rfc4514_string()}",
        details={"chain": [c.subject.rfc4514_string() for c in chain]},
    )


def _timestamp_trust(state: _State, anchors: Sequence[x509.Certificate]) -> None:
    if not state.tokens:
        return
    if not anchors:
        state.add(
            "timestamp-trust",
            CheckStatus.SKIPPED,
            "no TSA trust anchors were given; TSA certificates were not path-checked",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    for token in state.tokens:
        candidates = [*token.certificates, *state.extra_certificates]
        try:
            build_path(token.tsa, candidates, anchors, token.time)
        except PathError as error:
            raise _CheckFailedError(
                f"TSA {token.tsa.subject.rfc4514_string()}: {error.problem}",
                error.outcome,
            ) from None
    state.add(
        "timestamp-trust",
        CheckStatus.PASSED,
        "every TSA certificate chains to a TSA trust anchor",
    )


def _issuer(state: _State, check: bool) -> None:
    if not check:
        state.add(
            "issuer",
            CheckStatus.SKIPPED,
            "issuer comparison not requested",
            outcome=Outcome.NOT_CHECKED,
        )
        return
    assert state.seal.credential is not None  # read whenever the issuer is compared
    problems, uncompared = issuer_mismatches(
        state.seal.credential.get("issuer"), state.certificates[0]
    )
    if problems:
        raise _CheckFailedError("; ".join(problems), Outcome.ISSUER_MISMATCH)
    if uncompared:
        state.add(
            "issuer",
            CheckStatus.WARNING,
            "; ".join(uncompared),
            outcome=Outcome.NOT_CHECKED,
        )
        return
    state.add(
        "issuer",
        CheckStatus.PASSED,
        "legalName, eIDASIdentifier and country match the certificate",
    )


# --- level -----------------------------------------------------------------------


def check_level(value: object, name: str) -> str | None:
    """``value`` as a level name (None stays None); InvalidDataError otherwise."""
    if value is None or value in LEVELS:
        return value
    raise InvalidDataError(
        f"must be one of {', '.join(LEVELS)}; got {value!r}", path=name
    )


def _passed(state: _State, name: str) -> bool:
    return any(c.name == name and c.status is CheckStatus.PASSED for c in state.checks)


def _level(state: _State) -> tuple[str | None, str]:
    """The level the seal reaches, and what keeps it from the next one."""
    if not _passed(state, "signature"):
        return None, "the signature does not verify"
    if not _passed(state, "timestamp"):
        return "B-B", "no verified signature timestamp (sigTst)"
    names = {name for name, _, _ in state.etsi_u}
    refused = any(
        c.name == "validation-data" and c.status is CheckStatus.FAILED
        for c in state.checks
    )
    if refused or not {"xVals", "rVals"} <= names or not _passed(state, "revocation"):
        # B-LT is validation data for the chain: certificate values, and
        # revocation values that establish the seal certificate's status.
        return "B-T", (
            "no certificate and revocation values (xVals, rVals) establishing "
            "the seal certificate's status"
        )
    if not _passed(state, "archive-timestamp"):
        return "B-LT", "no verified archive timestamp (arcTst)"
    return "B-LTA", ""


def _level_check(state: _State, required: str | None) -> None:
    # Unsigned properties are outside the signature: stripping them leaves a
    # valid seal of a lower level, which only this check can make visible.
    level, gap = _level(state)
    reached = f"the seal reaches {level}" if level else "the seal reaches no level"
    details = {"level": level, "required": required}
    if required is not None and (
        level is None or LEVELS.index(level) < LEVELS.index(required)
    ):
        state.add(
            "level",
            CheckStatus.FAILED,
            f"{reached}, {required} required: {gap}",
            outcome=Outcome.BELOW_REQUIRED_LEVEL,
            details=details,
        )
    elif level is None:
        state.add(
            "level", CheckStatus.SKIPPED, f"{reached}: {gap}",
            outcome=Outcome.NOT_CHECKED, details=details,
        )  # fmt: skip
    else:
        said = f"{reached}" + (f", {required} required" if required else "")
        state.add(
            "level", CheckStatus.PASSED, said + (f" ({gap})" if gap else ""),
            details=details,
        )  # fmt: skip


# --- the pipeline --------------------------------------------------------------


def _run(state: _State, name: str, step: Any, *args: Any) -> bool:
    try:
        step(state, *args)
    except _CheckFailedError as failure:
        state.add(name, CheckStatus.FAILED, failure.problem, outcome=failure.outcome)
        return False
    return True


def _skip(state: _State, names: Sequence[str], reason: str) -> None:
    for name in names:
        state.add(name, CheckStatus.SKIPPED, reason, outcome=Outcome.NOT_CHECKED)


def verify_seal(
    document: Any,
    *,
    at: datetime | str = SIGNING_TIME,
    trust: Sequence[x509.Certificate] = (),
    timestamp_trust: Sequence[x509.Certificate] = (),
    check_issuer: bool = True,
    read_payload: bool = True,
    min_level: str | None = None,
) -> tuple[VerificationResult, dict[str, Any] | None]:
    """The checks made, and the credential when it was read.

    The payload's JSON is read when the issuer is compared or ``read_payload`` asks
    for it; the signature never needs it. The ``level`` check says which JAdES
    level the seal reaches, and fails below ``min_level``.
    """
    _check_at(at)
    check_level(min_level, "min_level")
    _check_anchors(trust, "trust")
    _check_anchors(timestamp_trust, "timestamp_trust")
    try:
        seal = _parse(document, read_payload=read_payload or check_issuer)
    except MicrocredError as error:
        outcome = Outcome.MALFORMED
        if isinstance(error, UnsupportedError):
            outcome = Outcome.UNSUPPORTED
        check = Check("parse", CheckStatus.FAILED, str(error), outcome)
        return VerificationResult.of([check]), None
    state = _State(seal)
    state.add("parse", CheckStatus.PASSED, "a JWS JSON object with one signature")
    logger.debug("verifying a JAdES seal, at=%s", at)

    later = ["certificate", "signature", "timestamp", "validity", "trust", "issuer"]
    if not _run(state, "header", _header):
        _skip(state, later, "the header was refused")
    elif not _run(state, "certificate", _certificate):
        _skip(state, later[1:], "no usable certificate")
    else:
        _run(state, "signature", _signature)
        _after_signature(state, at, trust, timestamp_trust, check_issuer)
    _level_check(state, min_level)
    return VerificationResult.of(state.checks), seal.credential


def _after_signature(
    state: _State,
    at: datetime | str,
    trust: Sequence[x509.Certificate],
    timestamp_trust: Sequence[x509.Certificate],
    check_issuer: bool,
) -> None:
    counts: dict[str, int] = {}
    try:
        counts = _collect_certificates(state)
    except _CheckFailedError as failure:
        state.add(
            "validation-data",
            CheckStatus.FAILED,
            failure.problem,
            outcome=failure.outcome,
        )
    _run(state, "content-timestamp", _content_timestamp)
    _run(state, "timestamp", _signature_timestamp)
    _run(state, "archive-timestamp", _archive_timestamps)
    if not any(c.name == "validation-data" for c in state.checks):
        _run(state, "validation-data", _validation_data, counts)

    times = _times(state, at)
    _run(state, "validity", _validity, times)
    _run(state, "revocation", _revocation, times, trust)
    _run(state, "trust", _trust, times, trust)
    _run(state, "timestamp-trust", _timestamp_trust, timestamp_trust)
    _run(state, "issuer", _issuer, check_issuer)


def _check_anchors(anchors: object, name: str) -> None:
    if isinstance(anchors, x509.Certificate | str | bytes) or not all(
        isinstance(anchor, x509.Certificate)
        for anchor in anchors  # type: ignore[attr-defined]
    ):
        raise InvalidDataError(
            "must be a sequence of cryptography x509.Certificate objects", path=name
        )


def _check_at(at: object) -> None:
    if isinstance(at, datetime):
        if at.tzinfo is None or at.utcoffset() is None:
            raise InvalidDataError("must be a time-zone-aware datetime", path="at")
    elif at != SIGNING_TIME:
        raise InvalidDataError(f"must be a datetime or {SIGNING_TIME!r}", path="at")
