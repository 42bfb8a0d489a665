"""Properties of the OB 3.0 export over generated awards (Hypothesis)."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, MicrocredError
from microcred.jsonld import expand
from microcred.model import Award
from microcred.ob3 import from_ob3, ob3_schema_issues, to_ob3
from tests.model.strategies import awards

from .test_read import assert_round_trip

_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(awards())
def test_every_award_exports_to_a_complete_credential(award: Award) -> None:
    """OB 3.0 §B: an OpenBadgeCredential has every required field of its classes,
    and (safe mode) every term it uses is defined by its contexts."""
    credential = to_ob3(award)

    assert ob3_schema_issues(credential) == ()
    assert expand(credential, safe=True)


@_SETTINGS
@given(awards(), st.none() | st.text(min_size=1, max_size=8))
def test_every_award_round_trips(award: Award, salt: str | None) -> None:
    """What to_ob3 writes, from_ob3 reads back unchanged, with no extra data."""
    assert_round_trip(award, salt=salt)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@settings(max_examples=60, deadline=None)
@given(awards(), st.data(), _JSON)
def test_damaged_credentials_fail_only_with_named_errors(
    award: Award, data: st.DataObject, junk: Any
) -> None:
    """Replacing any value by any JSON value gives a reading or a MicrocredError."""
    credential = copy.deepcopy(to_ob3(award))
    path = data.draw(st.sampled_from(_paths(credential)))
    parent = credential
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = junk

    with contextlib.suppress(MicrocredError):
        from_ob3(credential)
    ob3_schema_issues(credential)


@settings(max_examples=80, deadline=None)
@given(
    awards(),
    st.none() | st.text(max_size=12),
    st.none() | st.text(max_size=12),
    st.none() | st.text(max_size=12),
)
def test_any_argument_text_gives_a_valid_badge_or_a_named_error(
    award: Award, issuer_id: str | None, credential_id: str | None, language: str | None
) -> None:
    """Arbitrary ids and language tags either export a credential with every
    required field or raise InvalidDataError naming the argument; never else."""
    refused_at = None
    try:
        credential = to_ob3(
            award, issuer_id=issuer_id, credential_id=credential_id, language=language
        )
    except InvalidDataError as error:
        refused_at = error.path

    if refused_at is None:
        assert ob3_schema_issues(credential) == ()
    else:
        assert refused_at in {"id", "issuer.id", "language"}
