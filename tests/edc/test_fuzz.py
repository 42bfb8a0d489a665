"""Hostile and broken EDCs: the reader raises MicrocredError or reads, nothing else."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.edc import read_edc, to_edc
from microcred.errors import MicrocredError

from .conftest import ISSUED, sealable

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=12), children, max_size=3)
    ),
    max_leaves=6,
)


def _credential() -> dict[str, Any]:
    from microcred.model import demo_award

    return to_edc(sealable(demo_award(ISSUED)))


_BASE = _credential()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((*prefix, key))
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((*prefix, index))
            found.extend(_paths(child, (*prefix, index)))
    return found


_ALL_PATHS = _paths(_BASE)


def _mutate(
    document: dict[str, Any], path: tuple[Any, ...], new: Any, drop: bool
) -> None:
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    if drop and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = new


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_ALL_PATHS), _JSON, st.booleans())
def test_any_single_change_reads_or_fails_cleanly(
    path: tuple[Any, ...], new: Any, drop: bool
) -> None:
    """Deleting or replacing any one value never escapes as a foreign exception."""
    document = copy.deepcopy(_BASE)
    _mutate(document, path, new, drop)
    try:
        reading = read_edc(document)
    except MicrocredError as error:
        problem = error.problem
    else:
        assert reading.credential is document
        return
    assert problem


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_bytes_read_or_fail_cleanly(data: bytes | str) -> None:
    """Random input is refused with a MicrocredError, never a traceback."""
    try:
        read_edc(data)
    except MicrocredError:
        return
