"""SD-JWT (RFC 9901): disclosures, their digests, and the claims they rebuild.

An SD-JWT is ``<issuer-signed JWT>~<disclosure>~...~<disclosure>~[<KB-JWT>]``.
A disclosure is the base64url of a JSON array: ``[salt, name, value]`` for an
object property, ``[salt, value]`` for an array element. The issuer-signed
payload keeps only digests of them: ``"_sd": [digest, ...]`` in the object
that held the property, ``{"...": digest}`` in place of the array element. The
digest is the base64url of the hash (``_sd_alg``, SHA-256 by default) of the
disclosure *as transmitted*, so its bytes are never re-encoded.

This module is pure: no keys and no JOSE. Signing and verifying live in
:mod:`microcred.securing.sd_jwt` and :mod:`microcred.verification`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from microcred._jsonio import MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_NODES, dumps
from microcred._jsonio import load_json as _load_json
from microcred.errors import (
    InvalidDataError,
    ParseError,
    ResourceLimitError,
    UnsupportedError,
    format_path,
)

from ._jose_jws import b64url_decode, b64url_encode

__all__ = [
    "DEFAULT_HASH",
    "HASH_ALGORITHMS",
    "MAX_DISCLOSURES",
    "Disclosure",
    "PathParts",
    "SdJwtParts",
    "UnreferencedDisclosureError",
    "conceal",
    "digest",
    "disclose",
    "disclosure_paths",
    "hash_algorithm",
    "parse_disclosure",
    "parse_path",
    "random_salt",
    "sd_hash",
    "split_sd_jwt",
]

#: Hash names from the IANA "Named Information Hash Algorithm" registry that
#: RFC 9901 section 4.1.1 points to; only collision-resistant ones are kept.
HASH_ALGORITHMS: dict[str, Callable[[bytes], Any]] = {
    "sha-256": hashlib.sha256,
    "sha-384": hashlib.sha384,
    "sha-512": hashlib.sha512,
    "sha3-256": hashlib.sha3_256,
    "sha3-384": hashlib.sha3_384,
    "sha3-512": hashlib.sha3_512,
}
#: RFC 9901 section 4.1.1: no ``_sd_alg`` means SHA-256.
DEFAULT_HASH = "sha-256"
#: The shared JSON reader's node bound: a token with more disclosures than a
#: document may have JSON values is hostile.
MAX_DISCLOSURES = MAX_NODES
#: 128 bits, the minimum RFC 9901 section 9.3 recommends for a salt.
SALT_BYTES = 16
#: Claim names RFC 9901 reserves; a disclosure may not carry them.
_RESERVED = frozenset({"_sd", "..."})

PathParts = tuple[str | int, ...]


class UnreferencedDisclosureError(InvalidDataError):
    """A disclosure the issuer-signed payload does not vouch for (RFC 9901 7.1)."""


def random_salt() -> str:
    """A fresh salt: 128 random bits from :mod:`secrets`, base64url."""
    return b64url_encode(secrets.token_bytes(SALT_BYTES))


def _hash(name: str) -> Callable[[bytes], Any]:
    if not isinstance(name, str) or name not in HASH_ALGORITHMS:
        raise UnsupportedError(
            f"the SD-JWT hash algorithm {name!r} is not supported; use one of "
            + ", ".join(HASH_ALGORITHMS),
            path="_sd_alg",
        )
    return HASH_ALGORITHMS[name]


def digest(encoded: str, hash_alg: str = DEFAULT_HASH) -> str:
    """The digest of a disclosure or presentation, over its ASCII text as sent."""
    return b64url_encode(_hash(hash_alg)(encoded.encode("ascii")).digest())


def sd_hash(presentation: str, hash_alg: str = DEFAULT_HASH) -> str:
    """The KB-JWT ``sd_hash``: the digest of ``<issuer JWT>~<disclosures>~``."""
    return digest(presentation, hash_alg)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One disclosure, decoded; ``name`` is None for an array element."""

    encoded: str
    salt: str
    name: str | None
    value: Any = field(repr=False)


def _disclosure_problem(value: Any) -> str | None:
    if not isinstance(value, list) or len(value) not in (2, 3):
        return "is not a JSON array of 2 (array element) or 3 (property) items"
    if not isinstance(value[0], str):
        return "has a salt that is not a string"
    if len(value) == 3 and not isinstance(value[1], str):
        return "has a claim name that is not a string"
    if len(value) == 3 and value[1] in _RESERVED:
        return f"names the reserved claim {value[1]!r}"
    return None


def parse_disclosure(encoded: str, index: int) -> Disclosure:
    """Decode disclosure ``index``; raise :class:`ParseError` naming it."""
    where = f"disclosures[{index}]"
    what = f"disclosure {index}"
    if not encoded:
        raise ParseError(f"{what} is empty (two '~' in a row)", path=where)
    try:
        raw = b64url_decode(encoded, what=what)
        value = _load_json(raw, what=what)
    except (ParseError, ResourceLimitError) as error:
        raise type(error)(error.problem, path=where) from None
    except InvalidDataError as error:
        raise ParseError(error.problem, path=where) from None
    problem = _disclosure_problem(value)
    if problem:
        raise ParseError(f"{what} {problem}", path=where)
    if len(value) == 2:
        return Disclosure(encoded, value[0], None, value[1])
    return Disclosure(encoded, value[0], value[1], value[2])


@dataclass(frozen=True, slots=True)
class SdJwtParts:
    """The pieces of an SD-JWT, split at ``~`` but not yet verified."""

    issuer_jwt: str
    disclosures: tuple[str, ...]
    key_binding_jwt: str | None

    @property
    def presentation(self) -> str:
        """Everything the KB-JWT's ``sd_hash`` covers: up to the last ``~``."""
        return "~".join((self.issuer_jwt, *self.disclosures)) + "~"


def split_sd_jwt(text: str) -> SdJwtParts:
    """Split an SD-JWT (RFC 9901 section 4): checks the shape, not the contents."""
    if not isinstance(text, str):
        raise ParseError("an SD-JWT must be text")
    text = text.strip()
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ResourceLimitError(f"the SD-JWT is larger than {MAX_DOCUMENT_BYTES}")
    if "~" not in text:
        raise ParseError("an SD-JWT has at least one '~' after the issuer-signed JWT")
    parts = text.split("~")
    if len(parts) - 2 > MAX_DISCLOSURES:
        raise ResourceLimitError(
            f"the SD-JWT has {len(parts) - 2} disclosures (limit {MAX_DISCLOSURES})"
        )
    last = parts[-1]
    if last and last.count(".") != 2:
        raise ParseError(
            "an SD-JWT ends with '~' or with a Key Binding JWT (a compact JWS)",
            path="kb_jwt",
        )
    for index, part in enumerate(parts[1:-1]):
        if not part:
            raise ParseError(
                f"disclosure {index} is empty (two '~' in a row)",
                path=f"disclosures[{index}]",
            )
    return SdJwtParts(parts[0], tuple(parts[1:-1]), last or None)


# -- paths -------------------------------------------------------------------

_PATH_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str | Sequence[str | int]) -> PathParts:
    """``credentialSubject.phoneNumbers[0]`` (or a list of parts) as parts."""
    if not isinstance(path, str):
        parts = tuple(path)
        if not parts or not all(isinstance(p, str | int) for p in parts):
            raise InvalidDataError(f"{path!r} is not a claim path", path="disclosable")
        return parts
    found: list[str | int] = []
    position = 0
    while position < len(path):
        match = _PATH_TOKEN.match(path, position)
        if match is None or (match.group(0).startswith(".") and not found):
            raise InvalidDataError(
                f"{path!r} is not a claim path such as "
                "'credentialSubject.address.street' or 'items[0]'",
                path="disclosable",
            )
        name, index = match.groups()
        found.append(int(index) if index is not None else name)
        position = match.end()
    if not found:
        raise InvalidDataError("an empty claim path", path="disclosable")
    return tuple(found)


# -- issuing -----------------------------------------------------------------


@dataclass
class _Node:
    """The selected paths as a tree: which children to conceal, and whether this."""

    conceal: bool = False
    children: dict[str | int, _Node] = field(default_factory=dict)


def _tree(paths: Iterable[PathParts]) -> _Node:
    root = _Node()
    for parts in paths:
        if parts[0] in ("@context", "_sd_alg", "cnf"):
            # JSON-LD cannot read a document whose @context is hidden, and the
            # hash and holder key must be readable before any disclosure is.
            raise InvalidDataError(
                f"{parts[0]!r} cannot be selectively disclosable", path=parts[0]
            )
        reserved = [p for p in parts if p in _RESERVED]
        if reserved:
            raise InvalidDataError(
                f"the claim name {reserved[0]!r} is reserved by SD-JWT",
                path=format_path(parts),
            )
        node = root
        for part in parts:
            node = node.children.setdefault(part, _Node())
        node.conceal = True
    return root


@dataclass
class _Issuing:
    salt: Callable[[], str]
    hash_alg: str
    decoys: int
    disclosures: list[str] = field(default_factory=list)

    def make(self, items: list[Any]) -> str:
        salt = self.salt()
        if not isinstance(salt, str) or not salt:
            raise InvalidDataError("salt() must return a non-empty string")
        encoded = b64url_encode(dumps([salt, *items], indent=False))
        self.disclosures.append(encoded)
        return digest(encoded, self.hash_alg)

    def decoy(self) -> str:
        # RFC 9901 section 4.2.5: a digest of random data hides how many
        # claims were made disclosable.
        return digest(random_salt(), self.hash_alg)


def _conceal_object(
    value: Mapping[str, Any], node: _Node, where: PathParts, issuing: _Issuing
) -> dict[str, Any]:
    missing = [name for name in node.children if name not in value]
    if missing:
        raise InvalidDataError(
            f"no claim {missing[0]!r} to make disclosable",
            path=format_path([*where, missing[0]]),
        )
    result: dict[str, Any] = {}
    digests: list[str] = []
    for name, item in value.items():
        child = node.children.get(name)
        if child is None:
            result[name] = item
            continue
        inner = _conceal(item, child, (*where, name), issuing)
        if child.conceal:
            digests.append(issuing.make([name, inner]))
        else:
            result[name] = inner
    if digests:
        digests += [issuing.decoy() for _ in range(issuing.decoys)]
        # RFC 9901 section 4.2.4.1: the order must not betray the claims'.
        result["_sd"] = sorted(digests)
    return result


def _conceal_array(
    value: Sequence[Any], node: _Node, where: PathParts, issuing: _Issuing
) -> list[Any]:
    for index in node.children:
        if not isinstance(index, int) or not 0 <= index < len(value):
            raise InvalidDataError(
                f"no array element {index!r} to make disclosable",
                path=format_path([*where, index]),
            )
    result: list[Any] = []
    for index, item in enumerate(value):
        child = node.children.get(index)
        if child is None:
            result.append(item)
            continue
        inner = _conceal(item, child, (*where, index), issuing)
        if child.conceal:
            result.append({"...": issuing.make([inner])})
        else:
            result.append(inner)
    return result


def _conceal(value: Any, node: _Node, where: PathParts, issuing: _Issuing) -> Any:
    if not node.children:
        return value
    if isinstance(value, Mapping):
        return _conceal_object(value, node, where, issuing)
    if isinstance(value, list):
        return _conceal_array(value, node, where, issuing)
    first = next(iter(node.children))
    raise InvalidDataError(
        "a plain value has no claims to make disclosable",
        path=format_path([*where, first]),
    )


def _check_unreserved(value: Any, where: PathParts) -> None:
    """Refuse plain data a verifier would read as SD-JWT structure.

    An ``_sd``, ``_sd_alg`` or ``...`` member in the credential itself would
    be taken for digests and removed, or refused, by a verifier.
    """
    _depth_guard(where)
    if isinstance(value, Mapping):
        for name, item in value.items():
            if name in ("_sd", "_sd_alg", "..."):
                raise InvalidDataError(
                    f"the claim name {name!r} is reserved by SD-JWT",
                    path=format_path([*where, name]),
                )
            _check_unreserved(item, (*where, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_unreserved(item, (*where, index))


def conceal(
    claims: Mapping[str, Any],
    paths: Iterable[PathParts],
    *,
    salt: Callable[[], str] = random_salt,
    hash_alg: str = DEFAULT_HASH,
    decoys: int = 0,
) -> tuple[dict[str, Any], list[str]]:
    """Replace the claims at ``paths`` by digests; return payload and disclosures.

    A path inside another selected path gives a recursive disclosure: the inner
    digest travels inside the outer disclosure (RFC 9901 section 4.2.6).
    """
    _hash(hash_alg)
    if not isinstance(decoys, int) or isinstance(decoys, bool) or decoys < 0:
        raise InvalidDataError("decoys must be a whole number >= 0", path="decoys")
    _check_unreserved(claims, ())
    issuing = _Issuing(salt, hash_alg, decoys)
    payload = _conceal_object(claims, _tree(paths), (), issuing)
    payload["_sd_alg"] = hash_alg
    return payload, issuing.disclosures


# -- verifying ---------------------------------------------------------------


@dataclass
class _Disclosing:
    by_digest: dict[str, int]
    disclosures: Sequence[Disclosure]
    seen: set[str] = field(default_factory=set)
    used: dict[int, PathParts] = field(default_factory=dict)

    def take(self, value: Any, where: PathParts) -> int | None:
        """The disclosure index behind a digest, checking it appears once."""
        if not isinstance(value, str):
            raise InvalidDataError(
                "a digest must be a string", path=format_path(where) or "_sd"
            )
        if value in self.seen:
            # RFC 9901 section 7.1 step 4: a digest may appear only once.
            raise InvalidDataError(
                "a digest appears more than once in the payload",
                path=format_path(where) or "_sd",
            )
        self.seen.add(value)
        return self.by_digest.get(value)


def _depth_guard(where: PathParts) -> None:
    if len(where) > MAX_DEPTH:
        raise ResourceLimitError(
            f"the disclosed claims nest deeper than {MAX_DEPTH} levels",
            path=format_path(where[:8]) + "...",
        )


def _disclose_object(
    value: Mapping[str, Any], where: PathParts, state: _Disclosing
) -> dict[str, Any]:
    if where and "_sd_alg" in value:
        raise InvalidDataError(
            "_sd_alg may appear only at the top level",
            path=format_path([*where, "_sd_alg"]),
        )
    result = {
        name: _disclose(item, (*where, name), state)
        for name, item in value.items()
        if name not in ("_sd", "_sd_alg")
    }
    digests = value.get("_sd", [])
    if not isinstance(digests, list):
        raise InvalidDataError(
            "_sd must be an array", path=format_path([*where, "_sd"])
        )
    for position, entry in enumerate(digests):
        index = state.take(entry, (*where, "_sd", position))
        if index is None:
            continue  # a decoy, or a claim the holder kept back
        disclosure = state.disclosures[index]
        _claim_fits(disclosure, index, result, where)
        assert disclosure.name is not None
        state.used[index] = (*where, disclosure.name)
        result[disclosure.name] = _disclose(
            disclosure.value, (*where, disclosure.name), state
        )
    return result


def _claim_fits(
    disclosure: Disclosure, index: int, result: Mapping[str, Any], where: PathParts
) -> None:
    if disclosure.name is None:
        raise InvalidDataError(
            f"disclosure {index} is an array element but its digest sits in an "
            "object's _sd",
            path=f"disclosures[{index}]",
        )
    if disclosure.name in result:
        # RFC 9901 section 7.1: a disclosure must not overwrite a claim.
        raise InvalidDataError(
            f"disclosure {index} would overwrite the claim {disclosure.name!r}",
            path=format_path([*where, disclosure.name]),
        )


def _disclose_array(
    value: Sequence[Any], where: PathParts, state: _Disclosing
) -> list[Any]:
    result: list[Any] = []
    for position, item in enumerate(value):
        here = (*where, position)
        if not (isinstance(item, Mapping) and "..." in item):
            result.append(_disclose(item, here, state))
            continue
        if len(item) != 1:
            raise InvalidDataError(
                "an array element digest must be an object with '...' only",
                path=format_path(here),
            )
        index = state.take(item["..."], here)
        if index is None:
            continue  # an undisclosed element or a decoy is left out
        disclosure = state.disclosures[index]
        if disclosure.name is not None:
            raise InvalidDataError(
                f"disclosure {index} is a property but its digest sits in an array",
                path=f"disclosures[{index}]",
            )
        state.used[index] = here
        result.append(_disclose(disclosure.value, here, state))
    return result


def _disclose(value: Any, where: PathParts, state: _Disclosing) -> Any:
    _depth_guard(where)
    if isinstance(value, Mapping):
        return _disclose_object(value, where, state)
    if isinstance(value, list):
        return _disclose_array(value, where, state)
    return value


def _by_digest(disclosures: Sequence[Disclosure], hash_alg: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, item in enumerate(disclosures):
        value = digest(item.encoded, hash_alg)
        if value in found:
            raise InvalidDataError(
                f"disclosure {index} repeats disclosure {found[value]}",
                path=f"disclosures[{index}]",
            )
        found[value] = index
    return found


def hash_algorithm(payload: Mapping[str, Any]) -> str:
    """The payload's ``_sd_alg`` (SHA-256 when absent), refused if unknown."""
    name = payload.get("_sd_alg", DEFAULT_HASH)
    _hash(name)
    return str(name)


def _rebuild(
    payload: Mapping[str, Any], disclosures: Sequence[Disclosure]
) -> tuple[dict[str, Any], dict[int, PathParts]]:
    state = _Disclosing(_by_digest(disclosures, hash_algorithm(payload)), disclosures)
    claims = _disclose_object(payload, (), state)
    for index in range(len(disclosures)):
        if index not in state.used:
            raise UnreferencedDisclosureError(
                f"disclosure {index} is not referenced by any digest the issuer signed",
                path=f"disclosures[{index}]",
            )
    return claims, state.used


def disclose(
    payload: Mapping[str, Any], disclosures: Sequence[Disclosure]
) -> dict[str, Any]:
    """The claims the disclosures reveal (RFC 9901 section 7.1, steps 3-5).

    ``_sd``, ``_sd_alg``, decoys and undisclosed array elements are removed.
    Raises :class:`InvalidDataError` (a repeated digest, a disclosure that
    overwrites a claim or sits in the wrong place),
    :class:`UnreferencedDisclosureError`, :class:`UnsupportedError` (an unknown
    ``_sd_alg``) or :class:`ResourceLimitError` (nesting too deep).
    """
    return _rebuild(payload, disclosures)[0]


def disclosure_paths(
    payload: Mapping[str, Any], disclosures: Sequence[Disclosure]
) -> list[PathParts]:
    """Where each disclosure lands, in the issuer's (full) claim layout."""
    used = _rebuild(payload, disclosures)[1]
    return [used[index] for index in range(len(disclosures))]
