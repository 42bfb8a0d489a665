"""Properties over generated micro-credentials and awards (Hypothesis)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import ModelValidationError
from microcred.model import (
    Award,
    MicroCredential,
    demo_award,
    parse_award,
    parse_micro_credential,
    synthetic_examples,
)

from .strategies import awards, micro_credentials

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The six synthetic awards are cheap to draw; mixing them in lets the mutation
# tests spend their examples on mutations rather than on generating awards.
_FIXED_AWARDS = st.sampled_from(
    [
        demo_award(datetime(2026, 1, 15, 10, tzinfo=UTC), example)
        for example in synthetic_examples()
    ]
)
_SOME_AWARDS = _FIXED_AWARDS | awards()


@SETTINGS
@given(micro_credentials())
def test_micro_credential_json_round_trip_is_identity(entry: MicroCredential) -> None:
    """model_validate(model_dump(mode="json", by_alias=True)) gives the same model."""
    dumped = entry.model_dump(mode="json", by_alias=True)
    assert MicroCredential.model_validate(dumped) == entry
    assert MicroCredential.model_validate_json(entry.model_dump_json()) == entry
    assert parse_micro_credential(json.loads(json.dumps(dumped))) == entry


@SETTINGS
@given(awards())
def test_award_json_round_trip_is_identity(award: Award) -> None:
    """An award survives JSON text and back unchanged, scores and offsets included."""
    assert Award.model_validate(award.model_dump(mode="json", by_alias=True)) == award
    assert Award.from_json(award.model_dump_json()) == award


@SETTINGS
@given(micro_credentials())
def test_generated_entries_raise_no_flags(entry: MicroCredential) -> None:
    """The strategies produce plausible workloads (25-30 h per ECTS)."""
    assert entry.workload.flags == ()


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.just(""),
    st.just("   "),
    st.just([]),
    st.just({}),
    st.just({"en": ""}),
    st.just("http://data.europa.eu/esco/skill/x"),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _mutate(data: Any, path: tuple[Any, ...], action: str, junk: object) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "extra" and isinstance(parent, dict):
        parent["unexpectedField"] = junk
    else:
        parent[last] = junk


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    _SOME_AWARDS,
    st.data(),
    st.sampled_from(("replace", "delete", "extra")),
    _JUNK,
)
def test_mutations_raise_only_model_validation_error(
    award: Award, data: st.DataObject, action: str, junk: object
) -> None:
    """A changed award either still validates or raises ModelValidationError only."""
    document = award.model_dump(mode="json", by_alias=True)
    path = data.draw(st.sampled_from(_paths(document)))
    mutated = copy.deepcopy(document)
    _mutate(mutated, path, action, junk)
    error: ModelValidationError | None = None
    try:
        parse_award(mutated)
    except ModelValidationError as caught:
        error = caught
    if error is not None:
        assert error.errors
        assert all(isinstance(p, str) and problem for p, problem in error.errors)


def _object_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    # Every JSON object that is a model (language maps are keyed by tags).
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict) and ("id" in node or prefix == () or "type" in node):
        found.append(prefix)
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_object_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_object_paths(value, (*prefix, index)))
    return found


@SETTINGS
@given(_SOME_AWARDS, st.data())
def test_unknown_fields_are_refused_everywhere(
    award: Award, data: st.DataObject
) -> None:
    """An extra key in any object of an award fails, named by its path."""
    document = award.model_dump(mode="json", by_alias=True)
    path = data.draw(st.sampled_from(_object_paths(document)))
    node = document
    for part in path:
        node = node[part]
    node["unexpectedField"] = 1
    with pytest.raises(ModelValidationError, match="unknown fields") as caught:
        parse_award(document)
    assert caught.value.path.endswith("unexpectedField")


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(max_size=12), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_arbitrary_json_is_refused_cleanly(document: object) -> None:
    """Random JSON values never crash the parsers with a foreign exception."""
    for parse in (parse_micro_credential, parse_award):
        with pytest.raises(ModelValidationError):
            parse(document)
