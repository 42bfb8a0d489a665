"""Property: random edits to a real credential never make microcred's RDF differ.

Whenever microcred accepts an edited credential, its triples are pyld's and its
verdict is pyshacl's on them. (It may refuse more than pyld: a value JSON-LD
would drop is an error here, not a silent loss.)
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from edc_reference import (
    fast_triples,
    pyld_triples,
    pyshacl_verdict,
    rdflib_graph,
    report_keys,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import MicrocredError
from microcred.jsonld import default_registry
from microcred.validation import claimed_profiles, validate_edc
from microcred.validation._data import load_credential, to_graph

BASE = load_credential(
    Path(__file__).parents[1] / "vectors" / "edc" / "Sample-MC-Annex1-signed.jsonld"
).document


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() if k != "@context"
                for p in _leaves(v, (*path, k))]  # fmt: skip
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


# Ids and types are edited less often: most random values there are plainly
# invalid JSON-LD, and the point is to reach the RDF and the shapes.
_ALL = _leaves(BASE)
LEAVES = [p for p in _ALL if p[-1] not in ("id", "type")] + [
    p for p in _ALL if p[-1] in ("id", "type")
][::10]
SCALARS = (
    st.text(max_size=12) | st.integers(-5, 10**6) | st.booleans() | st.none()
    | st.sampled_from(["urn:x:1", "http://data.europa.eu/snb/eqf/4", "PT60H",
                       "2024-01-01T00:00:00Z", "2024-13-01", "Concept", "en"])
    | st.dictionaries(st.sampled_from(["en", "fr", "EN"]), st.text(max_size=6),
                      max_size=2)
)  # fmt: skip


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@pytest.mark.slow
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(st.tuples(st.sampled_from(LEAVES), SCALARS), min_size=1, max_size=3))
def test_accepted_edits_give_pyld_triples_and_pyshacl_verdicts(
    edits: list[tuple[tuple[Any, ...], Any]],
) -> None:
    """Any edit microcred accepts: pyld's triples, pyshacl's results."""
    document = copy.deepcopy(BASE)
    for path, value in edits:
        _set(document, path, value)
    try:
        data = to_graph(document, default_registry())
        report = validate_edc(document)
    except MicrocredError:
        return
    if not any("dateModified" in path for path, _ in edits):
        assert fast_triples(data) == pyld_triples(document)
    expected = pyshacl_verdict(rdflib_graph(data), claimed_profiles(document))
    assert (report.conforms, report_keys(report)) == expected
