"""RDF Dataset Canonicalization (RDFC-1.0), pure Python, with a work bound.

>>> canonicalize('_:x <http://ex/p> "v" .\\n').nquads
'_:c14n0 <http://ex/p> "v" .\\n'

Passes the whole W3C RDFC-1.0 suite, SHA-384 variant and the "poison" entry
included: blank-node structures that would need factorial work raise
:class:`~microcred.errors.ResourceLimitError` once ``max_work`` units (N-degree
hash calls plus permutations tried) are spent, or when N-degree hashing nests
deeper than ``max_depth``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._nquads import Quad, format_literal, parse_nquads, serialize_quad
from ._rdfc import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_WORK,
    Canonicalized,
    canonicalize_quads,
)

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_WORK",
    "Canonicalized",
    "Quad",
    "canonicalize",
    "format_literal",
    "parse_nquads",
    "serialize_quad",
]


def canonicalize(
    dataset_or_nquads: str | bytes | Iterable[tuple[str, str, str, str]],
    *,
    hash_algorithm: str = "sha256",
    max_work: int = DEFAULT_MAX_WORK,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Canonicalized:
    """Canonicalize an RDF dataset; return canonical N-Quads and the label map.

    ``dataset_or_nquads`` is N-Quads text, or quads whose terms are canonical
    N-Quads text as :func:`parse_nquads` returns them (the default graph is
    ``""``). ``hash_algorithm`` is ``"sha256"`` (the default) or ``"sha384"``
    (ecdsa-rdfc-2019 with P-384). The result's ``issued_identifiers`` maps each
    input blank node label to its canonical label (``c14n0``, ...).
    """
    if isinstance(dataset_or_nquads, str | bytes):
        quads = parse_nquads(dataset_or_nquads)
    else:
        quads = [Quad(*quad) for quad in dataset_or_nquads]
    return canonicalize_quads(
        quads, hash_algorithm=hash_algorithm, max_work=max_work, max_depth=max_depth
    )
