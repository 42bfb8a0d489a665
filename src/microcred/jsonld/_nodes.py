"""Copies of a repeated node: the same ``id`` must carry the same content.

Compacted JSON-LD may write one node in full at several places (an EDC repeats
its issuing organisation under ``issuer``, ``awardedBy``, ``providedBy``...).
RDF merges the copies into one node, so an RDF-based proof (eddsa-rdfc-2022,
ecdsa-rdfc-2019) signs their union: a property removed from one copy while
another keeps it, or a copy cut down to ``{"id": ...}``, leaves the signed
RDF unchanged. Requiring every copy to equal the others closes that gap; the
EU's own EDCs repeat nodes only as identical copies, and the EDC rules say a
repeated id must carry identical content.

Equality is JSON equality of everything but the identifier key (and any
``@context``): key order does not matter, array order does, numbers compare by
value. A bare reference (``{"id": x}``) beside a full copy counts as a
difference: a tamper can turn any copy into one without changing the RDF, so
accepting it would reopen the gap for exactly the removals this check exists
to catch.

The rule is ELM's, not JSON-LD's: Open Badges 3.0 documents describe one node
in parts (1EdTech's complete OB 3.0 example gives its issuer one endorsement
under ``issuer`` and another under ``achievement.creator``), so callers apply
it to EDCs (:func:`is_edc`).

Nodes are compared within one RDF graph: the values of ``proof`` and
``verifiableCredential`` (``@container: @graph`` in the VC and Data Integrity
contexts) and a node's own ``@graph`` are graphs of their own, where the same
id names another node.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microcred.errors import PathPart, ResourceLimitError, SafeModeError, format_path

__all__ = [
    "DivergentCopies",
    "check_identical_copies",
    "find_divergent_copies",
    "is_edc",
]

#: Keys that name a node (the VC, OB and EDC contexts alias ``id`` to ``@id``).
_ID_KEYS = frozenset({"id", "@id"})
#: Values that are not node content: term definitions carry ``@id`` keys of
#: their own, and a ``@json`` literal is opaque data.
_NOT_CONTENT = frozenset({"@context", "@value"})
#: Terms whose values are graphs of their own; the only ``@container: @graph``
#: terms of the bundled contexts (a test pins this).
GRAPH_TERMS = frozenset({"proof", "verifiableCredential"})
EDC_CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"

Path = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class DivergentCopies:
    """Two copies of the node ``node_id`` whose content differs.

    ``first`` and ``second`` are dotted JSON paths of the copies (document
    order); ``difference`` is the path, relative to the copies, of the first
    key or element where they differ (empty when one is not an object).
    """

    node_id: str
    first: str
    second: str
    difference: str

    @property
    def problem(self) -> str:
        """One sentence naming the node, both copies and the difference."""
        where = f" (first at {self.difference!r})" if self.difference else ""
        return (
            f"the node {self.node_id!r} is repeated with different content: "
            f"the copies at {self.first or '(root)'} and {self.second} differ{where}"
        )


def is_edc(document: Mapping[str, Any]) -> bool:
    """True for a European Digital Credential (by its type or its context)."""
    types = document.get("type", document.get("@type"))
    types = types if isinstance(types, list) else [types]
    contexts = document.get("@context")
    contexts = contexts if isinstance(contexts, list) else [contexts]
    return "EuropeanDigitalCredential" in types or EDC_CONTEXT in contexts


def _node_id(value: dict[str, Any]) -> str | None:
    found = value.get("id", value.get("@id"))
    return found if isinstance(found, str) else None


class _Walk:
    """One pass over a document: first copies by (graph, id), divergences found."""

    def __init__(self) -> None:
        self.first_copies: dict[tuple[int, str], tuple[Path, dict[str, Any]]] = {}
        self.found: list[DivergentCopies] = []
        self.graphs = 0

    def value(self, value: Any, path: list[PathPart], graph: int) -> None:
        if isinstance(value, dict):
            self.node(value, path, graph)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict) or isinstance(item, list):  # noqa: SIM101 - faster than a tuple
                    path.append(index)
                    self.value(item, path, graph)
                    path.pop()

    def node(self, node: dict[str, Any], path: list[PathPart], graph: int) -> None:
        node_id = _node_id(node)
        if node_id is not None and not self.seen(node_id, node, path, graph):
            return
        for key, child in node.items():
            if not (isinstance(child, dict) or isinstance(child, list)):  # noqa: SIM101
                continue
            if key in _NOT_CONTENT:
                continue
            path.append(key)
            if key in GRAPH_TERMS or (key == "@graph" and node_id is not None):
                self.graph_members(child, path)
            else:
                self.value(child, path, graph)
            path.pop()

    def seen(
        self, node_id: str, node: dict[str, Any], path: list[PathPart], graph: int
    ) -> bool:
        """Record or compare one copy; False when the copy needs no walking."""
        first = self.first_copies.get((graph, node_id))
        if first is None:
            self.first_copies[graph, node_id] = (tuple(path), node)
            return True
        if first[1] == node:
            # An exact copy: every node inside it equals its counterpart in the
            # first copy, already walked, so there is nothing more to learn.
            return False
        divergence = _compare(node_id, first, (tuple(path), node))
        if divergence is None:
            return False
        self.found.append(divergence)
        return True

    def graph_members(
        self, value: dict[str, Any] | list[Any], path: list[PathPart]
    ) -> None:
        # Each value of an @graph container is a graph of its own (JSON-LD 1.1
        # section 4.9): the same id inside names another node.
        members = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, member in members:
            self.graphs += 1
            if index is not None:
                path.append(index)
            self.value(member, path, self.graphs)
            if index is not None:
                path.pop()


def _content(node: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in node.items()
        if key not in _ID_KEYS and key not in _NOT_CONTENT
    }


def _first_difference(left: Any, right: Any, path: Path) -> Path | None:
    """Where two JSON values first differ, or None when they are equal."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(k for k in right if k not in left)]:
            if key not in left or key not in right:
                return (*path, key)
            found = _first_difference(left[key], right[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list):
        for index, (one, other) in enumerate(zip(left, right, strict=False)):
            found = _first_difference(one, other, (*path, index))
            if found is not None:
                return found
        shorter = min(len(left), len(right))
        return None if len(left) == len(right) else (*path, shorter)
    return None if left == right else path


def _compare(
    node_id: str,
    first: tuple[Path, Mapping[str, Any]],
    second: tuple[Path, Mapping[str, Any]],
) -> DivergentCopies | None:
    one, other = _content(first[1]), _content(second[1])
    try:
        # Python's equality is JSON's for these values, except that it takes
        # true for 1 and false for 0: RDF keeps those apart (xsd:boolean,
        # xsd:integer), so the proof itself catches such a change.
        if one == other:
            return None
        difference = _first_difference(one, other, ())
    except RecursionError:
        raise ResourceLimitError(
            "too deeply nested to compare with its other copies", path=second[0]
        ) from None
    return DivergentCopies(
        node_id,
        format_path(first[0]),
        format_path(second[0]),
        format_path(difference or ()),
    )


def find_divergent_copies(document: Any) -> list[DivergentCopies]:
    """Every repeated node whose copies are not all identical, in document order.

    Each copy is compared with the first copy of its node in the same graph,
    so a node with one odd copy out of three is reported once.
    :class:`~microcred.errors.ResourceLimitError` for a document nested too
    deeply to walk.
    """
    walk = _Walk()
    try:
        walk.value(document, [], 0)
    except RecursionError:
        raise ResourceLimitError(
            "too deeply nested to compare repeated nodes"
        ) from None
    return walk.found


def check_identical_copies(document: Any, *, remedy: str = "") -> None:
    """Raise :class:`~microcred.errors.SafeModeError` if a repeated node differs.

    The error's path is the second copy; its message names the node, both
    copies, the first difference and how many nodes differ; ``remedy`` is
    appended (say which ``unsafe_`` switch the caller has).
    """
    found = find_divergent_copies(document)
    if not found:
        return
    first = _most_specific(found)
    more = f" ({len(found) - 1} more repeated node(s) differ)" if len(found) > 1 else ""
    problem = (
        f"{first.problem}{more}; an RDF-based proof covers the copies as one "
        "node, so it cannot tell which copy was signed"
    )
    text = f"{problem}. {remedy}" if remedy else problem
    raise SafeModeError(text, path=first.second)


def _most_specific(found: list[DivergentCopies]) -> DivergentCopies:
    """The first divergence not explained by another one inside its copy."""
    # A copy that differs only because a node inside it differs is reported
    # after that node: name the inner node, which is where the edit is.
    for divergence in found:
        inside = (divergence.second + ".", divergence.second + "[")
        if not any(other.second.startswith(inside) for other in found):
            return divergence
    return found[0]
