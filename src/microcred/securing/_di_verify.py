"""Verifying Data Integrity proofs (W3C Data Integrity 1.0, section 4.4).

Each proof gets its own ordered checks: ``context`` (safe JSON-LD), ``key``
(the verification method resolves and its controller authorises the purpose),
``purpose``, ``signature``, ``issuer`` (the method's controller is the
credential's issuer) and, when the proof has ``expires``, ``validity``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    JsonLdError,
    MicrocredError,
    ResourceLimitError,
    SafeModeError,
    UnknownContextError,
    UnsupportedError,
    VerificationError,
)
from microcred.jsonld import ContextRegistry
from microcred.verification import Check, CheckStatus, Outcome, VerificationResult

from ._di_sign import existing_proofs, unsecured_for
from ._did import (
    DidResolver,
    OfflineResolver,
    VerificationMethod,
    resolve_verification_method,
)
from ._multibase import multibase_decode
from ._suites import Cryptosuite, HashData, hash_data, suite_for

__all__ = ["DataIntegrityReport", "ProofReport", "verify_proof"]


@dataclass(frozen=True, slots=True)
class ProofReport:
    """The checks made on one proof of a document."""

    index: int
    cryptosuite: str
    verification_method: str
    checks: tuple[Check, ...]

    @property
    def valid(self) -> bool:
        """True when no check failed and the signature check passed."""
        return VerificationResult(self.checks).valid


@dataclass(frozen=True, slots=True)
class DataIntegrityReport:
    """Every proof's checks. ``valid`` needs every proof to be valid.

    Like :class:`~microcred.verification.VerificationResult` it refuses to be
    used as a bool: ask ``report.valid``.
    """

    proofs: tuple[ProofReport, ...]
    problems: tuple[Check, ...] = field(default=())

    @property
    def checks(self) -> tuple[Check, ...]:
        """All checks, document-level problems first, then proof by proof."""
        return self.problems + tuple(c for p in self.proofs for c in p.checks)

    @property
    def valid(self) -> bool:
        """True when there is a proof, every proof is valid and nothing failed."""
        return (
            bool(self.proofs)
            and not self.problems
            and all(p.valid for p in self.proofs)
        )

    @property
    def result(self) -> VerificationResult:
        """The checks as a :class:`~microcred.verification.VerificationResult`."""
        return VerificationResult(self.checks)

    def __bool__(self) -> bool:
        raise TypeError("a DataIntegrityReport is not a bool; use report.valid")

    def __iter__(self) -> Iterator[ProofReport]:
        return iter(self.proofs)


def _check(name: str, message: str, outcome: Outcome, index: int, *, ok: bool) -> Check:
    return Check(
        name=name,
        status=CheckStatus.PASSED if ok else CheckStatus.FAILED,
        message=message,
        outcome=Outcome.OK if ok else outcome,
        details={"proof": index},
    )


def _failed(name: str, message: str, outcome: Outcome, index: int) -> Check:
    return _check(name, message, outcome, index, ok=False)


def _passed(name: str, message: str, index: int) -> Check:
    return _check(name, message, Outcome.OK, index, ok=True)


def _skipped(name: str, message: str, index: int) -> Check:
    return Check(
        name=name,
        status=CheckStatus.SKIPPED,
        message=message,
        outcome=Outcome.NOT_CHECKED,
        details={"proof": index},
    )


def _issuer_id(document: Mapping[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _parse_datetime(value: object, field_name: str) -> datetime:
    if not isinstance(value, str):
        raise InvalidDataError("must be an XML Schema dateTime string", path=field_name)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidDataError("is not a valid dateTime", path=field_name) from None
    if moment.tzinfo is None:
        # A dateTime without offset is ambiguous; Data Integrity wants one.
        raise InvalidDataError("has no time-zone offset", path=field_name)
    return moment


@dataclass
class _Context:
    document: Mapping[str, Any]
    proofs: list[dict[str, Any]]
    resolver: DidResolver
    registry: ContextRegistry | None
    expected_purpose: str
    domain: str | None
    challenge: str | None
    now: datetime
    unsafe: bool
    unsafe_copies: bool


def _structure(proof: Mapping[str, Any], index: int) -> tuple[Cryptosuite, bytes]:
    """Check the proof's shape; return its suite and raw signature."""
    if not isinstance(proof.get("type"), str):
        raise InvalidDataError("missing or not a string", path=f"proof[{index}].type")
    suite = suite_for(proof)
    for name in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(name), str):
            raise InvalidDataError(
                "missing or not a string", path=f"proof[{index}].{name}"
            )
    if "created" in proof:
        _parse_datetime(proof["created"], f"proof[{index}].created")
    signature = multibase_decode(proof["proofValue"], path=f"proof[{index}].proofValue")
    return suite, signature


def _key_checks(
    ctx: _Context, proof: Mapping[str, Any], suite: Cryptosuite, index: int
) -> tuple[list[Check], VerificationMethod | None]:
    purpose = proof["proofPurpose"]
    checks = [
        _check(
            "purpose",
            f"proof purpose is {purpose}, expected {ctx.expected_purpose}",
            Outcome.KEY_MISMATCH,
            index,
            ok=purpose == ctx.expected_purpose,
        )
    ]
    try:
        method = resolve_verification_method(
            proof["verificationMethod"], ctx.resolver, purpose=purpose
        )
    except UnsupportedError as error:
        checks.append(_failed("key", error.problem, Outcome.UNAVAILABLE, index))
        return checks, None
    except (VerificationError, InvalidKeyError, InvalidDataError) as error:
        checks.append(_failed("key", str(error), Outcome.KEY_MISMATCH, index))
        return checks, None
    fits = method.public_key.key_type in suite.key_types
    checks.append(
        _check(
            "key",
            f"{method.public_key.key_type} key of {method.controller}, "
            f"authorised for {purpose}"
            if fits
            else f"{suite.name} cannot use a {method.public_key.key_type} key",
            Outcome.KEY_MISMATCH,
            index,
            ok=fits,
        )
    )
    return checks, method if fits else None


def _starts_with(document_context: object, proof_context: object) -> bool:
    def as_list(value: object) -> list[object]:
        return value if isinstance(value, list) else [value]

    whole, prefix = as_list(document_context), as_list(proof_context)
    return whole[: len(prefix)] == prefix


def _proof_config(
    ctx: _Context, proof: Mapping[str, Any], suite: Cryptosuite
) -> dict[str, Any] | None:
    """The proof without its value, with the right context; None if mismatched."""
    config = {key: value for key, value in proof.items() if key != "proofValue"}
    document_context = ctx.document.get("@context")
    if "@context" in config:
        # Data Integrity 1.0 section 4.4 step 6: the document's contexts must
        # start with the proof's.
        if not _starts_with(document_context, config["@context"]):
            return None
    elif document_context is not None and suite.canonicalization == "rdfc":
        # The RDFC suites read the proof with the document's contexts; the JCS
        # suites sign the proof's own JSON, context included or not.
        config["@context"] = document_context
    return config


def _hash_or_failures(
    ctx: _Context,
    proof: Mapping[str, Any],
    config: dict[str, Any],
    method: VerificationMethod,
    index: int,
) -> HashData | list[Check]:
    previous = proof.get("previousProof") or []
    previous = [previous] if isinstance(previous, str) else previous
    try:
        unsecured = unsecured_for(ctx.document, previous, ctx.proofs)
        return hash_data(
            unsecured,
            config,
            key_type=method.public_key.key_type,
            registry=ctx.registry,
            unsafe_allow_undefined_terms=ctx.unsafe,
            unsafe_allow_divergent_copies=ctx.unsafe_copies,
        )
    except SafeModeError as error:
        return [
            _failed("context", str(error), Outcome.UNSAFE_JSONLD, index),
            _skipped("signature", "not checked: unsafe JSON-LD", index),
        ]
    except (
        UnknownContextError,
        JsonLdError,
        ResourceLimitError,
        InvalidDataError,
    ) as e:
        return [
            _failed("context", str(e), Outcome.MALFORMED, index),
            _skipped("signature", "not checked: could not canonicalize", index),
        ]


def _signature_checks(  # noqa: PLR0917 - one proof's state
    ctx: _Context,
    proof: Mapping[str, Any],
    method: VerificationMethod,
    signature: bytes,
    index: int,
    suite: Cryptosuite,
) -> list[Check]:
    config = _proof_config(ctx, proof, suite)
    if config is None:
        message = "the proof's @context is not a prefix of the document's"
        return [_failed("signature", message, Outcome.MALFORMED, index)]
    data = _hash_or_failures(ctx, proof, config, method, index)
    if isinstance(data, list):
        return data

    context = _passed(
        "context",
        "every term and type is defined"
        if suite.canonicalization == "rdfc"
        else "JCS signs the JSON as it is, without JSON-LD processing",
        index,
    )
    try:
        method.public_key.verify(signature, data.combined)
    except VerificationError:
        message = "the signature does not match the document and proof options"
        return [
            context,
            _failed("signature", message, Outcome.INVALID_SIGNATURE, index),
        ]
    return [context, _passed("signature", f"valid {suite.name} signature", index)]


def _binding_checks(
    ctx: _Context,
    proof: Mapping[str, Any],
    method: VerificationMethod | None,
    index: int,
) -> list[Check]:
    checks: list[Check] = []
    issuer = _issuer_id(ctx.document)
    if method is None:
        checks.append(
            _skipped("issuer", "not checked: no usable verification method", index)
        )
    elif issuer is None:
        checks.append(_skipped("issuer", "the document names no issuer", index))
    else:
        bound = method.controller == issuer
        checks.append(
            _check(
                "issuer",
                f"the key's controller {method.controller} is "
                + ("" if bound else "not ")
                + f"the issuer {issuer}",
                Outcome.ISSUER_MISMATCH,
                index,
                ok=bound,
            )
        )
    checks.extend(_validity_checks(ctx, proof, index))
    return checks


def _validity_checks(
    ctx: _Context, proof: Mapping[str, Any], index: int
) -> list[Check]:
    checks = []
    if "expires" in proof:
        expires = _parse_datetime(proof["expires"], f"proof[{index}].expires")
        checks.append(
            _check(
                "validity",
                f"the proof expires at {proof['expires']}",
                Outcome.EXPIRED,
                index,
                ok=ctx.now < expires,
            )
        )
    for name, expected in (("domain", ctx.domain), ("challenge", ctx.challenge)):
        if expected is not None:
            found = proof.get(name)
            matches = found == expected or (
                isinstance(found, list) and expected in found
            )
            checks.append(
                _check(
                    name,
                    f"proof {name} is {found!r}",
                    Outcome.KEY_MISMATCH,
                    index,
                    ok=matches,
                )
            )
    return checks


def _verify_one(ctx: _Context, proof: dict[str, Any], index: int) -> ProofReport:
    suite_name = str(proof.get("cryptosuite", proof.get("type", "")))
    method_id = str(proof.get("verificationMethod", ""))
    try:
        suite, signature = _structure(proof, index)
    except UnsupportedError as error:
        check = _failed("signature", error.problem, Outcome.UNSUPPORTED, index)
        return ProofReport(index, suite_name, method_id, (check,))
    except MicrocredError as error:
        check = _failed("signature", str(error), Outcome.MALFORMED, index)
        return ProofReport(index, suite_name, method_id, (check,))

    checks, method = _key_checks(ctx, proof, suite, index)
    if method is None:
        checks.append(_skipped("signature", "not checked: no usable key", index))
    else:
        checks.extend(_signature_checks(ctx, proof, method, signature, index, suite))
    try:
        checks.extend(_binding_checks(ctx, proof, method, index))
    except InvalidDataError as error:
        checks.append(_failed("validity", str(error), Outcome.MALFORMED, index))
    return ProofReport(index, suite.name, method_id, tuple(checks))


def _is_object(value: object) -> bool:
    # Callers pass parsed JSON of unknown shape despite the annotation.
    return isinstance(value, Mapping)


def verify_proof(
    document: Mapping[str, Any],
    *,
    resolver: DidResolver | None = None,
    registry: ContextRegistry | None = None,
    expected_purpose: str = "assertionMethod",
    domain: str | None = None,
    challenge: str | None = None,
    now: datetime | None = None,
    unsafe_allow_undefined_terms: bool = False,
    unsafe_allow_divergent_copies: bool = False,
) -> DataIntegrityReport:
    """Verify every Data Integrity proof of ``document``, offline.

    ``resolver`` dereferences verification methods (default: an
    :class:`~microcred.securing.keys.OfflineResolver`, which knows ``did:key``
    only). Each proof must be valid, use a key its controller authorises for
    ``expected_purpose`` and, for a credential, be controlled by the issuer.
    Nothing is raised for a bad proof: the report says what failed. With an
    RDFC suite, an EDC that repeats a node (same ``id``) with different
    content fails the ``context`` check, naming the node and both copies: the
    proof covers the copies as one RDF node, so one of them may have been
    changed after signing. ``unsafe_allow_divergent_copies`` skips that check.
    """
    if not _is_object(document):
        problem = _failed("signature", "not a JSON object", Outcome.MALFORMED, -1)
        return DataIntegrityReport((), (problem,))
    try:
        proofs = existing_proofs(document)
    except InvalidDataError as error:
        problem = _failed("signature", str(error), Outcome.MALFORMED, -1)
        return DataIntegrityReport((), (problem,))
    if not proofs:
        problem = _failed(
            "signature", "the document has no proof", Outcome.MALFORMED, -1
        )
        return DataIntegrityReport((), (problem,))
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise InvalidDataError("needs a time-zone-aware datetime", path="now")
    ctx = _Context(
        document=document,
        proofs=proofs,
        resolver=resolver if resolver is not None else OfflineResolver(),
        registry=registry,
        expected_purpose=expected_purpose,
        domain=domain,
        challenge=challenge,
        now=moment,
        unsafe=unsafe_allow_undefined_terms,
        unsafe_copies=unsafe_allow_divergent_copies,
    )
    return DataIntegrityReport(
        tuple(_verify_one(ctx, p, i) for i, p in enumerate(proofs))
    )
