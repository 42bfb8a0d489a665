"""The Data Integrity cryptosuites microcred implements, and their hash data.

Each suite (W3C vc-di-eddsa and vc-di-ecdsa, sections "Algorithms") takes the
unsecured document and a proof configuration, canonicalizes both (RDFC-1.0
or RFC 8785 JCS), hashes each, and signs ``proofConfigHash || documentHash``.
P-384 keys use SHA-384 throughout, inside RDFC-1.0 too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from microcred.errors import InvalidDataError, UnsupportedError
from microcred.jsonld import ContextRegistry
from microcred.jsonld._nodes import check_identical_copies, is_edc

from ._keys import KeyType
from ._rdf import document_quads
from ._rdfc import DEFAULT_MAX_WORK, canonicalize_quads

__all__ = [
    "ED25519_SIGNATURE_2020",
    "SUITES",
    "Cryptosuite",
    "HashData",
    "hash_data",
    "suite_for",
    "suite_named",
]


@dataclass(frozen=True, slots=True)
class Cryptosuite:
    """A cryptosuite: its name, canonicalization and the key types it takes."""

    name: str
    canonicalization: Literal["rdfc", "jcs"]
    key_types: tuple[KeyType, ...]

    def hash_name(self, key_type: KeyType) -> str:
        """SHA-384 for P-384 keys (vc-di-ecdsa 3.2), SHA-256 otherwise."""
        return "sha384" if key_type == "P-384" else "sha256"


SUITES: dict[str, Cryptosuite] = {
    suite.name: suite
    for suite in (
        Cryptosuite("eddsa-rdfc-2022", "rdfc", ("Ed25519",)),
        Cryptosuite("eddsa-jcs-2022", "jcs", ("Ed25519",)),
        Cryptosuite("ecdsa-rdfc-2019", "rdfc", ("P-256", "P-384")),
        Cryptosuite("ecdsa-jcs-2019", "jcs", ("P-256", "P-384")),
    )
}

#: The 2020 Ed25519 proof type (vc-di-eddsa, section 3.4): verified only.
ED25519_SIGNATURE_2020 = Cryptosuite("Ed25519Signature2020", "rdfc", ("Ed25519",))

#: Suites and legacy proof types we recognise but do not implement (signing
#: with Ed25519Signature2020 included: microcred only verifies it).
KNOWN_UNSUPPORTED = frozenset(
    {
        "ecdsa-sd-2023",
        "bbs-2023",
        "Ed25519Signature2020",
        "Ed25519Signature2018",
        "JsonWebSignature2020",
        "EcdsaSecp256k1Signature2019",
        "RsaSignature2018",
        "BbsBlsSignature2020",
    }
)


def suite_named(name: object) -> Cryptosuite:
    """The suite called ``name``; :class:`UnsupportedError` naming it otherwise."""
    if isinstance(name, str) and name in SUITES:
        return SUITES[name]
    if isinstance(name, str) and name in KNOWN_UNSUPPORTED:
        raise UnsupportedError(
            f"the Data Integrity suite {name} is not supported by microcred",
            path="proof.cryptosuite",
        )
    raise UnsupportedError(f"unknown cryptosuite {name!r}", path="proof.cryptosuite")


def suite_for(proof: Mapping[str, Any]) -> Cryptosuite:
    """The suite a proof (or proof configuration) uses, from its type."""
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        return suite_named(proof.get("cryptosuite"))
    if kind == ED25519_SIGNATURE_2020.name:
        return ED25519_SIGNATURE_2020
    if isinstance(kind, str) and kind in KNOWN_UNSUPPORTED:
        suite_named(kind)
    raise UnsupportedError(f"unknown proof type {kind!r}", path="proof.type")


@dataclass(frozen=True, slots=True)
class HashData:
    """Every intermediate value of a cryptosuite, as the W3C vectors list them."""

    canonical_document: str
    canonical_proof_config: str
    document_hash: bytes
    proof_config_hash: bytes

    @property
    def combined(self) -> bytes:
        """``proofConfigHash || transformedDocumentHash``: the bytes signed."""
        return self.proof_config_hash + self.document_hash


def _jcs(value: Any, path: str) -> str:
    import rfc8785

    try:
        return str(rfc8785.dumps(value).decode("utf-8"))
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as error:
        raise InvalidDataError(
            f"cannot be written as RFC 8785 canonical JSON: {error}", path=path
        ) from None


def _canonical(
    value: Mapping[str, Any],
    suite: Cryptosuite,
    hash_name: str,
    *,
    registry: ContextRegistry | None,
    safe: bool,
    max_work: int,
) -> str:
    if suite.canonicalization == "jcs":
        return _jcs(value, "document")
    quads = document_quads(value, registry=registry, safe=safe)
    return canonicalize_quads(quads, hash_algorithm=hash_name, max_work=max_work).nquads


def _check_copies(document: Mapping[str, Any]) -> None:
    # ELM's rule (a repeated id carries identical content) is what makes an
    # RDFC proof protect every copy of an EDC; Open Badges describe one node
    # in parts, so only EDCs are held to it. The JCS suites sign the JSON
    # text, every copy as written, and need no such rule.
    if is_edc(document):
        check_identical_copies(
            document,
            remedy="unsafe_allow_divergent_copies=True skips this check",
        )


def hash_data(
    unsecured_document: Mapping[str, Any],
    proof_config: Mapping[str, Any],
    *,
    key_type: KeyType,
    registry: ContextRegistry | None = None,
    unsafe_allow_undefined_terms: bool = False,
    unsafe_allow_divergent_copies: bool = False,
    max_work: int = DEFAULT_MAX_WORK,
) -> HashData:
    """Canonicalize and hash a document and its proof configuration.

    ``proof_config`` is the proof without ``proofValue``, with the document's
    ``@context`` (vc-di-eddsa 3.3.5 / vc-di-ecdsa 3.3.5). The result holds the
    canonical forms and both hashes; ``combined`` is what the key signs.

    For the RDFC suites, an EDC whose repeated nodes (same ``id``) are not
    identical copies raises :class:`~microcred.errors.SafeModeError` naming
    the node and both copies, unless ``unsafe_allow_divergent_copies`` is set:
    the RDF merges the copies, so the proof could not tell them apart.
    """
    suite = suite_for(proof_config)
    if suite.canonicalization == "rdfc" and not unsafe_allow_divergent_copies:
        _check_copies(unsecured_document)
    hash_name = suite.hash_name(key_type)
    digest = getattr(hashlib, hash_name)
    safe = not unsafe_allow_undefined_terms
    canonical_proof = _canonical(
        proof_config, suite, hash_name, registry=registry, safe=safe, max_work=max_work
    )
    canonical_document = _canonical(
        unsecured_document, suite, hash_name, registry=registry, safe=safe,
        max_work=max_work,
    )  # fmt: skip
    return HashData(
        canonical_document=canonical_document,
        canonical_proof_config=canonical_proof,
        document_hash=digest(canonical_document.encode("utf-8")).digest(),
        proof_config_hash=digest(canonical_proof.encode("utf-8")).digest(),
    )
