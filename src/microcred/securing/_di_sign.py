"""Adding a Data Integrity proof (W3C Data Integrity 1.0, section 4.2)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from microcred.errors import InvalidDataError, InvalidKeyError
from microcred.jsonld import ContextRegistry

from ._keys import KeyType, PrivateKey, PublicKey
from ._multibase import multibase_encode
from ._suites import hash_data, suite_named

__all__ = [
    "DATA_INTEGRITY_CONTEXT",
    "existing_proofs",
    "format_datetime",
    "sign",
    "unsecured_for",
]

DATA_INTEGRITY_CONTEXT = "https://w3id.org/security/data-integrity/v2"
# Contexts that already define DataIntegrityProof and its properties.
_DEFINING_CONTEXTS = (
    "https://www.w3.org/ns/credentials/v2",
    "https://w3id.org/security/data-integrity/v1",
    DATA_INTEGRITY_CONTEXT,
)
_DEFAULT_SUITE: dict[KeyType, str] = {
    "Ed25519": "eddsa-rdfc-2022",
    "P-256": "ecdsa-rdfc-2019",
    "P-384": "ecdsa-rdfc-2019",
}


def format_datetime(moment: datetime, field: str) -> str:
    """An XML Schema dateTime in UTC, seconds precision (``...Z``)."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise InvalidDataError("needs a time-zone-aware datetime", path=field)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _with_integrity_context(document: dict[str, Any]) -> None:
    # Data Integrity 1.0 section 2.1: a VC 1.1 document must bring the terms
    # of the proof itself, or they would be undefined in the proof options.
    context = document.get("@context")
    if context is None:
        return
    contexts = context if isinstance(context, list) else [context]
    if not any(c in _DEFINING_CONTEXTS for c in contexts if isinstance(c, str)):
        document["@context"] = [*contexts, DATA_INTEGRITY_CONTEXT]


def existing_proofs(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The document's proofs as a list (``proof`` may be one object or many)."""
    proof = document.get("proof")
    if proof is None:
        return []
    proofs = proof if isinstance(proof, list) else [proof]
    for index, item in enumerate(proofs):
        if not isinstance(item, dict):
            raise InvalidDataError(
                "a proof must be a JSON object", path=f"proof[{index}]"
            )
    return list(proofs)


def unsecured_for(
    document: Mapping[str, Any], previous: Sequence[str], proofs: list[dict[str, Any]]
) -> dict[str, Any]:
    """The document a proof covers: no proofs, or the chained ones only.

    Data Integrity 1.0 section 4.2 step 4: a proof with ``previousProof``
    signs the document together with the proofs it names.
    """
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    if previous:
        by_id = {p.get("id"): p for p in proofs if isinstance(p.get("id"), str)}
        missing = [ref for ref in previous if ref not in by_id]
        if missing:
            raise InvalidDataError(
                f"previousProof names proofs that are not present: {missing}",
                path="proof.previousProof",
            )
        unsecured["proof"] = [by_id[ref] for ref in previous]
    return unsecured


def _proof_options(
    suite_name: str,
    verification_method: str,
    proof_purpose: str,
    created: datetime | None,
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    options: dict[str, Any] = {"type": "DataIntegrityProof"}
    if extra.get("id") is not None:
        options["id"] = extra["id"]
    options["cryptosuite"] = suite_name
    options["created"] = format_datetime(created or datetime.now(UTC), "created")
    if extra.get("expires") is not None:
        options["expires"] = format_datetime(extra["expires"], "expires")
    options["verificationMethod"] = verification_method
    options["proofPurpose"] = proof_purpose
    for name in ("previousProof", "domain", "challenge", "nonce"):
        if extra.get(name) is not None:
            options[name] = extra[name]
    return options


def _check_key(key: PrivateKey, suite_name: str, verification_method: str) -> None:
    suite = suite_named(suite_name)
    if key.key_type not in suite.key_types:
        raise InvalidKeyError(
            f"{suite_name} needs a {' or '.join(suite.key_types)} key, "
            f"not {key.key_type}"
        )
    if not isinstance(verification_method, str) or not verification_method:
        raise InvalidDataError(
            "needs a verification method URL", path="verificationMethod"
        )
    if (
        verification_method.startswith("did:key:")
        and PublicKey.from_did_key(verification_method) != key.public_key
    ):
        raise InvalidKeyError(
            "the did:key verification method is not the signing key's",
            path="verificationMethod",
        )


def sign(
    document: Mapping[str, Any],
    key: PrivateKey,
    *,
    verification_method: str,
    cryptosuite: str | None = None,
    proof_purpose: str = "assertionMethod",
    created: datetime | None = None,
    expires: datetime | None = None,
    proof_id: str | None = None,
    previous_proof: str | Sequence[str] | None = None,
    domain: str | None = None,
    challenge: str | None = None,
    registry: ContextRegistry | None = None,
    unsafe_allow_undefined_terms: bool = False,
    unsafe_allow_divergent_copies: bool = False,
) -> dict[str, Any]:
    """Add a Data Integrity proof; return a new document (the input is untouched).

    ``cryptosuite`` defaults to eddsa-rdfc-2022 for Ed25519 keys and
    ecdsa-rdfc-2019 for P-256/P-384. A document that already has proofs gets
    one more (a proof set); ``previous_proof`` names the proof ids this one
    chains to (a proof chain). A VC 1.1 document gets the Data Integrity
    context appended. Undefined terms or types raise
    :class:`~microcred.errors.SafeModeError` unless
    ``unsafe_allow_undefined_terms`` is set. So does, with the RDFC suites,
    an EDC that repeats a node (same ``id``) with different content, unless
    ``unsafe_allow_divergent_copies`` is set: the proof signs the RDF, where
    the copies are one node, so it could not protect each copy.
    """
    if not isinstance(document, Mapping):
        raise InvalidDataError("the document must be a JSON object")
    if key.key_type not in _DEFAULT_SUITE and cryptosuite is None:
        raise InvalidKeyError(f"no Data Integrity suite signs with {key.key_type} keys")
    suite_name = cryptosuite or _DEFAULT_SUITE[key.key_type]
    _check_key(key, suite_name, verification_method)

    secured = copy.deepcopy(dict(document))
    _with_integrity_context(secured)
    proofs = existing_proofs(secured)
    previous = (
        [previous_proof]
        if isinstance(previous_proof, str)
        else list(previous_proof or [])
    )
    unsecured = unsecured_for(secured, previous, proofs)

    extra = {
        "id": proof_id,
        "expires": expires,
        "previousProof": previous_proof
        if isinstance(previous_proof, str)
        else previous or None,
        "domain": domain,
        "challenge": challenge,
    }
    options = _proof_options(
        suite_name, verification_method, proof_purpose, created, extra
    )
    # The *-jcs-* suites keep the context in the proof itself (vc-di-eddsa
    # 3.3.5): JCS signs JSON, so the proof must say which terms it meant.
    if "@context" in secured and suite_named(suite_name).canonicalization == "jcs":
        options["@context"] = secured["@context"]
    config = dict(options)
    if "@context" in secured:
        config["@context"] = secured["@context"]

    data = hash_data(
        unsecured,
        config,
        key_type=key.key_type,
        registry=registry,
        unsafe_allow_undefined_terms=unsafe_allow_undefined_terms,
        unsafe_allow_divergent_copies=unsafe_allow_divergent_copies,
    )
    options["proofValue"] = multibase_encode(key.sign(data.combined))
    secured["proof"] = [*proofs, options] if proofs else options
    return secured
