"""RDFC-1.0 beyond the suite: invariance, parsing errors, bounds, options."""

from __future__ import annotations

import contextlib
import random

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import ParseError, ResourceLimitError, UnsupportedError
from microcred.securing.rdfc import canonicalize, format_literal, parse_nquads

_EX = "<http://example.org/p{}>"


@st.composite
def blank_node_graphs(draw: st.DrawFn) -> list[tuple[str, str, str, str]]:
    """Small datasets dense in blank nodes, with literals and named graphs."""
    nodes = draw(st.integers(1, 6))
    count = draw(st.integers(1, 14))
    quads = []
    for _ in range(count):
        subject = f"_:n{draw(st.integers(0, nodes - 1))}"
        predicate = _EX.format(draw(st.integers(0, 2)))
        obj = draw(
            st.one_of(
                st.integers(0, nodes - 1).map(lambda n: f"_:n{n}"),
                st.text(max_size=4).map(format_literal),
                st.just("<http://example.org/o>"),
            )
        )
        graph = draw(st.sampled_from(["", "", "<http://example.org/g>", "_:n0"]))
        quads.append((subject, predicate, obj, graph))
    return quads


def _relabel(
    quads: list[tuple[str, str, str, str]], seed: int
) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    labels = sorted({t for q in quads for t in q if t.startswith("_:")})
    shuffled = labels[:]
    rng.shuffle(shuffled)
    names = {old: f"_:x{new[3:]}y" for old, new in zip(labels, shuffled, strict=True)}
    out = [tuple(names.get(t, t) for t in q) for q in quads]
    rng.shuffle(out)
    return out


@settings(max_examples=150, deadline=None)
@given(blank_node_graphs(), st.integers(0, 2**16))
def test_relabelling_and_order_do_not_matter(
    quads: list[tuple[str, str, str, str]], seed: int
) -> None:
    """Renaming blank nodes and shuffling quads gives the same canonical form."""
    first = canonicalize(quads).nquads
    assert canonicalize(_relabel(quads, seed)).nquads == first  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(blank_node_graphs())
def test_agrees_with_oxigraph(quads: list[tuple[str, str, str, str]]) -> None:
    """Our canonical form equals pyoxigraph's RDFC-1.0 on generated datasets."""
    text = "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads)
    dataset = ox.Dataset(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    theirs = sorted(f"{quad} .\n" for quad in dataset)
    assert canonicalize(text).nquads == "".join(theirs)


def test_sha384_changes_labels_only_through_hashes() -> None:
    """SHA-384 is accepted; an unknown hash is UnsupportedError."""
    text = "_:a <http://e/p> _:b .\n_:b <http://e/p> _:a .\n"
    assert canonicalize(text, hash_algorithm="sha384").nquads.count("c14n") == 4
    with pytest.raises(UnsupportedError):
        canonicalize(text, hash_algorithm="md5")


def test_work_and_depth_bounds_are_parameters() -> None:
    """A tiny max_work or max_depth stops a symmetric ring."""
    ring = "".join(f"_:n{i} <http://e/p> _:n{(i + 1) % 8} .\n" for i in range(8))
    assert canonicalize(ring).nquads.count("\n") == 8
    with pytest.raises(ResourceLimitError, match="work units"):
        canonicalize(ring, max_work=5)
    with pytest.raises(ResourceLimitError, match="deeper"):
        canonicalize(ring, max_depth=1)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("<http://e/s> <http://e/p> .\n", "line 1"),
        ('\n<http://e/s> <http://e/p> "x .\n', "line 2"),
        ("<a b> <http://e/p> <http://e/o> .", "line 1"),
        ('<http://e/s> <http://e/p> "\\q" .', "line 1"),
        ('<http://e/s> <http://e/p> "\\uD800" .', "line 1"),
        ('_:a <http://e/p> "x"@en^^<http://e/d> .', "line 1"),
    ],
)
def test_malformed_nquads_name_the_line(text: str, line: str) -> None:
    """Malformed N-Quads raise ParseError naming the line."""
    with pytest.raises(ParseError) as caught:
        parse_nquads(text)
    assert caught.value.path == line


def test_literal_escaping_is_canonical() -> None:
    """Control characters are escaped as RDF 1.1 canonical N-Quads requires."""
    assert format_literal('a"\\\n\r\t\b\f\x00\x7f\u0085') == (
        '"a\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u007F\u0085"'
    )
    assert format_literal("x", language="en") == '"x"@en'
    assert format_literal("1", "http://www.w3.org/2001/XMLSchema#integer").endswith(
        "^^<http://www.w3.org/2001/XMLSchema#integer>"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    """Arbitrary text is parsed or refused with ParseError, nothing else."""
    with contextlib.suppress(ParseError):
        parse_nquads(text)
