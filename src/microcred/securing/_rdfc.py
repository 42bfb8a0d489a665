"""RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024).

Section numbers below are the Recommendation's. The N-degree hashing of
section 4.8 can take factorial time on crafted input (the suite's "poison"
clique); every call and every permutation it tries is counted against a work
budget, and the recursion depth is bounded, so that a hostile dataset ends in
a :class:`~microcred.errors.ResourceLimitError` instead of running on.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from microcred.errors import ResourceLimitError, UnsupportedError

from ._nquads import Quad, serialize_quad

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_WORK",
    "Canonicalized",
    "canonicalize_quads",
]

logger = logging.getLogger(__name__)

#: Work units (N-degree hash calls plus permutations tried) allowed per
#: dataset. The W3C suite's hardest entries (test044-046) need 3,348 units;
#: the poison clique of ten nodes would need billions and stops here in well
#: under a second.
DEFAULT_MAX_WORK = 50_000
#: Nesting of N-degree hash calls allowed (section 4.8.3 step 5.4.5.1 recurses).
DEFAULT_MAX_DEPTH = 32

_HASHES: dict[str, Callable[[bytes], Any]] = {
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
}


@dataclass(frozen=True, slots=True)
class Canonicalized:
    """The canonical N-Quads and the issued identifiers (input label -> c14nN)."""

    nquads: str
    issued_identifiers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.nquads


class _Issuer:
    """Identifier issuer (section 4.5): a prefix, a counter, insertion order."""

    __slots__ = ("issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.issued: dict[str, str] = dict(issued) if issued else {}

    def issue(self, label: str) -> str:
        identifier = self.issued.get(label)
        if identifier is None:
            identifier = f"{self.prefix}{len(self.issued)}"
            self.issued[label] = identifier
        return identifier

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, self.issued)


class _State:
    """Canonicalization state (section 4.2) plus the work budget."""

    def __init__(
        self, quads: list[Quad], hash_name: str, max_work: int, max_depth: int
    ) -> None:
        self.quads = quads
        self.hash = _HASHES[hash_name]
        self.max_work = max_work
        self.max_depth = max_depth
        self.work = 0
        self.canonical = _Issuer("c14n")
        self.bnode_quads: dict[str, list[Quad]] = defaultdict(list)
        self.first_degree: dict[str, str] = {}
        for quad in quads:
            # A blank node in two positions of one quad lists that quad once.
            labels = {t[2:] for t in (quad[0], quad[2], quad[3]) if t.startswith("_:")}
            for label in labels:
                self.bnode_quads[label].append(quad)

    def digest(self, text: str) -> str:
        digest: str = self.hash(text.encode("utf-8")).hexdigest()
        return digest

    def spend(self, depth: int) -> None:
        self.work += 1
        if self.work > self.max_work:
            raise ResourceLimitError(
                f"RDFC-1.0 N-degree hashing exceeded {self.max_work} work units; "
                "the dataset's blank nodes are too symmetric to canonicalize "
                "within the bound (raise max_work only for trusted input)",
                path="max_work",
            )
        if depth > self.max_depth:
            raise ResourceLimitError(
                f"RDFC-1.0 N-degree hashing nested deeper than {self.max_depth}",
                path="max_depth",
            )


def _first_degree_hash(state: _State, label: str) -> str:
    """Section 4.6: hash the quads of ``label`` with blank nodes as a/z."""
    cached = state.first_degree.get(label)
    if cached is not None:
        return cached
    own = "_:" + label
    lines = []
    for quad in state.bnode_quads[label]:
        terms = [
            term if not term.startswith("_:") else "_:a" if term == own else "_:z"
            for term in quad
        ]
        lines.append(serialize_quad((terms[0], terms[1], terms[2], terms[3])))
    lines.sort()
    result = state.digest("".join(lines))
    state.first_degree[label] = result
    return result


def _related_hash(
    state: _State, related: str, quad: Quad, issuer: _Issuer, position: str
) -> str:
    """Section 4.7: hash a blank node's relation to a neighbour."""
    identifier = state.canonical.issued.get(related) or issuer.issued.get(related)
    reference = f"_:{identifier}" if identifier else _first_degree_hash(state, related)
    predicate = quad[1] if position != "g" else ""
    return state.digest(position + predicate + reference)


def _related_groups(state: _State, label: str, issuer: _Issuer) -> dict[str, list[str]]:
    """Section 4.8.3 steps 1-3: neighbours of ``label`` grouped by related hash."""
    groups: dict[str, list[str]] = defaultdict(list)
    own = "_:" + label
    for quad in state.bnode_quads[label]:
        for term, position in ((quad[0], "s"), (quad[2], "o"), (quad[3], "g")):
            if term.startswith("_:") and term != own:
                related = term[2:]
                groups[_related_hash(state, related, quad, issuer, position)].append(
                    related
                )
    return groups


def _n_degree_hash(
    state: _State, label: str, issuer: _Issuer, depth: int
) -> tuple[str, _Issuer]:
    """Section 4.8: the N-degree hash of ``label`` and the issuer it used."""
    state.spend(depth)
    groups = _related_groups(state, label, issuer)
    data = []
    for related_hash in sorted(groups):
        data.append(related_hash)
        chosen_path, chosen_issuer = _choose_path(
            state, groups[related_hash], issuer, depth
        )
        data.append(chosen_path)
        issuer = chosen_issuer
    return state.digest("".join(data)), issuer


def _choose_path(
    state: _State, nodes: list[str], issuer: _Issuer, depth: int
) -> tuple[str, _Issuer]:
    """Section 4.8.3 step 5.4: the least path over permutations of ``nodes``."""
    chosen_path = ""
    chosen_issuer = issuer
    for permutation in itertools.permutations(nodes):
        state.spend(depth)
        result = _permutation_path(
            state, permutation, issuer.copy(), chosen_path, depth
        )
        if result is None:
            continue
        path, issuer_copy = result
        if not chosen_path or path < chosen_path:
            chosen_path, chosen_issuer = path, issuer_copy
    return chosen_path, chosen_issuer


def _longer_and_greater(path: str, chosen: str) -> bool:
    # Section 4.8.3 steps 5.4.4.3 and 5.4.5.5: prune a permutation early.
    return bool(chosen) and len(path) >= len(chosen) and path > chosen


def _permutation_path(
    state: _State,
    permutation: tuple[str, ...],
    issuer: _Issuer,
    chosen_path: str,
    depth: int,
) -> tuple[str, _Issuer] | None:
    """Section 4.8.3 steps 5.4.1-5.4.5; ``None`` when pruned."""
    path = ""
    recursion: list[str] = []
    for related in permutation:
        canonical = state.canonical.issued.get(related)
        if canonical is not None:
            path += "_:" + canonical
        else:
            if related not in issuer.issued:
                recursion.append(related)
            path += "_:" + issuer.issue(related)
        if _longer_and_greater(path, chosen_path):
            return None
    for related in recursion:
        result_hash, issuer = _n_degree_hash(state, related, issuer, depth + 1)
        path += "_:" + issuer.issue(related) + "<" + result_hash + ">"
        if _longer_and_greater(path, chosen_path):
            return None
    return path, issuer


def _issue_canonical(state: _State) -> None:
    """Section 4.4.3 steps 3-5: issue c14n identifiers in hash order."""
    by_hash: dict[str, list[str]] = defaultdict(list)
    for label in state.bnode_quads:
        by_hash[_first_degree_hash(state, label)].append(label)
    shared: list[str] = []
    for first_hash in sorted(by_hash):
        labels = by_hash[first_hash]
        if len(labels) == 1:
            state.canonical.issue(labels[0])
        else:
            shared.append(first_hash)
    for first_hash in shared:
        _issue_shared(state, by_hash[first_hash])


def _issue_shared(state: _State, labels: list[str]) -> None:
    """Section 4.4.3 step 5: break a first-degree tie with N-degree hashes."""
    results = []
    for label in labels:
        if label in state.canonical.issued:
            continue
        temporary = _Issuer("b")
        temporary.issue(label)
        results.append(_n_degree_hash(state, label, temporary, 0))
    results.sort(key=lambda result: result[0])
    for _, issuer in results:
        for label in issuer.issued:
            state.canonical.issue(label)


def _relabel(term: str, issued: dict[str, str]) -> str:
    return f"_:{issued[term[2:]]}" if term.startswith("_:") else term


def canonicalize_quads(
    quads: Iterable[Quad],
    *,
    hash_algorithm: str = "sha256",
    max_work: int = DEFAULT_MAX_WORK,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Canonicalized:
    """Canonicalize ``quads`` (already de-duplicated) per RDFC-1.0."""
    name = hash_algorithm.lower().replace("-", "")
    if name not in _HASHES:
        raise UnsupportedError(
            f"RDFC-1.0 hash algorithm {hash_algorithm!r} is not supported "
            "(use sha256 or sha384)",
            path="hash_algorithm",
        )
    state = _State(list(dict.fromkeys(quads)), name, max_work, max_depth)
    if state.bnode_quads:
        _issue_canonical(state)
    issued = state.canonical.issued
    lines = sorted(
        serialize_quad(
            (_relabel(s, issued), p, _relabel(o, issued), _relabel(g, issued))
            if issued
            else (s, p, o, g)
        )
        for s, p, o, g in state.quads
    )
    logger.debug(
        "canonicalized %d quads, %d blank nodes, %d work units",
        len(lines),
        len(issued),
        state.work,
    )
    return Canonicalized("".join(lines), dict(issued))
