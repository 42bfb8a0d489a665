"""DIDs and verification methods, resolved offline.

microcred never resolves a DID over the network: ``did:key`` documents are
computed from the key itself, and any other controller document (``did:web``
or an issuer's https document) must be given in memory, or by a
:class:`DidResolver` the caller writes.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeAlias, runtime_checkable

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    UnsupportedError,
    VerificationError,
)

from ._keys import PublicKey

__all__ = [
    "DidResolver",
    "KeyFormat",
    "OfflineResolver",
    "VerificationMethod",
    "did_key_document",
    "did_web",
    "did_web_document",
    "did_web_url",
    "parse_verification_method",
    "resolve_verification_method",
]

KeyFormat: TypeAlias = Literal["Multikey", "JsonWebKey"]

_DID_CONTEXT = "https://www.w3.org/ns/did/v1"
_MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
_JWK_CONTEXT = "https://w3id.org/security/jwk/v1"
_RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


@runtime_checkable
class DidResolver(Protocol):
    """Anything that returns the controller document of a DID or URL.

    ``resolve`` gets the DID or URL without its fragment and returns the
    document as a JSON object; it raises a :class:`~microcred.errors.MicrocredError`
    when it cannot.
    """

    def resolve(self, did: str) -> Mapping[str, Any]:
        """The controller document whose ``id`` is ``did``."""
        ...


@dataclass(frozen=True, slots=True)
class VerificationMethod:
    """A verification method taken from a controller document."""

    id: str
    type: str
    controller: str
    public_key: PublicKey


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document of a ``did:key`` (one Multikey, all relationships)."""
    key = PublicKey.from_did_key(did)
    did = did.partition("#")[0]
    method_id = f"{did}#{did.removeprefix('did:key:')}"
    document: dict[str, Any] = {
        "@context": [_DID_CONTEXT, _MULTIKEY_CONTEXT],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.to_multikey(),
            }
        ],
    }
    for relationship in _RELATIONSHIPS:
        document[relationship] = [method_id]
    return document


def did_web(host: str, *path: str, port: int | None = None) -> str:
    """The ``did:web`` DID of a host and optional path (did:web spec, 3.1.1)."""
    if not host or "/" in host or ":" in host:
        raise InvalidDataError("expected a bare host name", path="host")
    domain = host.lower() + (f"%3A{port}" if port is not None else "")
    parts = [urllib.parse.quote(part, safe="") for part in path]
    return ":".join(["did", "web", domain, *parts])


def did_web_url(did: str) -> str:
    """Where the DID document of a ``did:web`` would be published (not fetched)."""
    if not did.startswith("did:web:"):
        raise InvalidDataError("expected a did:web DID", path="did")
    domain, *path = did.removeprefix("did:web:").partition("#")[0].split(":")
    host = urllib.parse.unquote(domain)
    tail = "/".join(urllib.parse.unquote(part) for part in path)
    return f"https://{host}/{tail + '/did.json' if tail else '.well-known/did.json'}"


def did_web_document(
    did: str,
    keys: Mapping[str, PublicKey],
    *,
    key_format: KeyFormat = "Multikey",
    key_formats: Mapping[str, KeyFormat] | None = None,
    relationships: Iterable[str] = ("assertionMethod", "authentication"),
) -> dict[str, Any]:
    """A DID document for ``did`` listing ``keys`` by fragment name.

    Each key is written as ``key_format`` unless ``key_formats`` names another
    for its fragment (RSA keys must be JsonWebKey). Every key is listed under
    each of ``relationships``.
    """
    formats = {
        fragment: (key_formats or {}).get(fragment, key_format) for fragment in keys
    }
    methods = [
        _method_entry(f"{did}#{fragment}", did, key, formats[fragment])
        for fragment, key in keys.items()
    ]
    contexts = [_DID_CONTEXT]
    if "Multikey" in formats.values():
        contexts.append(_MULTIKEY_CONTEXT)
    if "JsonWebKey" in formats.values():
        contexts.append(_JWK_CONTEXT)
    document: dict[str, Any] = {
        "@context": contexts,
        "id": did,
        "verificationMethod": methods,
    }
    for relationship in relationships:
        document[relationship] = [method["id"] for method in methods]
    return document


def _method_entry(
    method_id: str, controller: str, key: PublicKey, key_format: KeyFormat
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": method_id,
        "type": key_format,
        "controller": controller,
    }
    if key_format == "Multikey":
        entry["publicKeyMultibase"] = key.to_multikey()
    elif key_format == "JsonWebKey":
        entry["publicKeyJwk"] = key.to_jwk()
    else:
        raise UnsupportedError(
            f"verification method type {key_format!r} is not supported"
        )
    return entry


class OfflineResolver:
    """Resolves ``did:key`` by computation and other DIDs from given documents.

    ``documents`` are controller documents (``did:web`` DID documents, or an
    issuer's https profile listing its keys), indexed by their ``id``.
    """

    __slots__ = ("_documents",)

    def __init__(self, documents: Iterable[Mapping[str, Any]] = ()) -> None:
        self._documents: dict[str, Mapping[str, Any]] = {}
        for index, document in enumerate(documents):
            identifier = document.get("id") if isinstance(document, Mapping) else None
            if not isinstance(identifier, str):
                raise InvalidDataError(
                    "a controller document needs a string id",
                    path=f"documents[{index}].id",
                )
            self._documents[identifier] = document

    def resolve(self, did: str) -> Mapping[str, Any]:
        """The document for ``did``; never touches the network."""
        did = did.partition("#")[0]
        if did in self._documents:
            return self._documents[did]
        if did.startswith("did:key:"):
            return did_key_document(did)
        raise UnsupportedError(
            f"{did!r} is not among the documents given and microcred never "
            "resolves DIDs or URLs over the network; pass its document to "
            "OfflineResolver",
            path="verificationMethod",
        )


def parse_verification_method(entry: object, path: str) -> VerificationMethod:
    """Read one verification method object (Multikey, JsonWebKey and kin)."""
    if not isinstance(entry, Mapping):
        raise InvalidDataError("a verification method must be an object", path=path)
    fields = {}
    for name in ("id", "type", "controller"):
        value = entry.get(name)
        if not isinstance(value, str):
            raise InvalidDataError(
                f"missing or non-string {name!r}", path=f"{path}.{name}"
            )
        fields[name] = value
    return VerificationMethod(
        id=fields["id"],
        type=fields["type"],
        controller=fields["controller"],
        public_key=_method_key(entry, path),
    )


def _method_key(entry: Mapping[str, Any], path: str) -> PublicKey:
    if "publicKeyMultibase" in entry:
        try:
            return PublicKey.from_multikey(entry["publicKeyMultibase"])
        except InvalidKeyError as error:
            raise InvalidKeyError(
                error.problem, path=f"{path}.publicKeyMultibase"
            ) from None
    if "publicKeyJwk" in entry:
        jwk = entry["publicKeyJwk"]
        if isinstance(jwk, Mapping) and any(m in jwk for m in ("d", "p", "q")):
            # A published private key is compromised; never use it.
            raise InvalidKeyError(
                "the published JWK contains private key members",
                path=f"{path}.publicKeyJwk",
            )
        return PublicKey.from_jwk(jwk)
    raise UnsupportedError(
        f"verification method type {entry.get('type')!r} without publicKeyMultibase "
        "or publicKeyJwk is not supported",
        path=path,
    )


def _absolute(reference: str, base: str) -> str:
    return base + reference if reference.startswith("#") else reference


def _find_method(document: Mapping[str, Any], method_id: str) -> tuple[Any, str]:
    base = str(document.get("id", ""))
    if _absolute(str(document.get("id", "")), base) == method_id and (
        "publicKeyMultibase" in document or "publicKeyJwk" in document
    ):
        return document, "verificationMethod"
    for section in ("verificationMethod", *_RELATIONSHIPS):
        entries = document.get(section, [])
        for index, entry in enumerate(
            entries if isinstance(entries, list) else [entries]
        ):
            if (
                isinstance(entry, Mapping)
                and _absolute(str(entry.get("id")), base) == method_id
            ):
                return {**entry, "id": method_id}, f"{section}[{index}]"
    raise VerificationError(
        f"the controller document does not list {method_id!r}",
        path="proof.verificationMethod",
    )


def _lists_method(
    document: Mapping[str, Any], relationship: str, method_id: str
) -> bool:
    base = str(document.get("id", ""))
    entries = document.get(relationship, [])
    for entry in entries if isinstance(entries, list) else [entries]:
        reference = entry.get("id") if isinstance(entry, Mapping) else entry
        if isinstance(reference, str) and _absolute(reference, base) == method_id:
            return True
    return False


def resolve_verification_method(
    method_id: str, resolver: DidResolver, *, purpose: str | None = None
) -> VerificationMethod:
    """Dereference ``method_id`` and check its controller authorises ``purpose``.

    The method must be listed by its controller's document, its ``controller``
    must be that document's ``id``, and, when ``purpose`` is given (for example
    ``assertionMethod``), the controller must list it under that relationship.
    Failures raise :class:`~microcred.errors.VerificationError`.
    """
    document = resolver.resolve(method_id.partition("#")[0])
    entry, where = _find_method(document, method_id)
    method = parse_verification_method(entry, where)
    controller_document = (
        document
        if method.controller == document.get("id")
        else resolver.resolve(method.controller)
    )
    if controller_document.get("id") != method.controller:
        raise VerificationError(
            "the verification method's controller document has another id",
            path=f"{where}.controller",
        )
    if purpose is not None and not _lists_method(
        controller_document, purpose, method_id
    ):
        raise VerificationError(
            f"the controller does not authorise {method_id!r} for {purpose}",
            path="proof.proofPurpose",
        )
    return method
