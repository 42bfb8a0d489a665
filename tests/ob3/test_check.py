"""check_ob3 / ob3_schema_issues: the schema argument and the required-field check."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, ShapeViolationError
from microcred.model import demo_award
from microcred.ob3 import SchemaIssue, check_ob3, ob3_schema_issues, to_ob3
from microcred.ob3 import _schema as schema_module

#: A small schema of our own (not 1EdTech's): the credential needs a string name.
NAMED = {
    "$schema": "https://json-schema.org/draft/2019-09/schema",
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}},
}


def _badge() -> dict[str, object]:
    return to_ob3(demo_award(datetime(2026, 3, 1, tzinfo=UTC)))


def test_a_dict_schema_and_a_path_schema_give_the_same_issues(tmp_path: Path) -> None:
    """The same schema as a dict or as a file gives the same verdict."""
    path = tmp_path / "named.json"
    path.write_text(json.dumps(NAMED))
    unnamed = {"id": "urn:x:1"}

    expected = (SchemaIssue("", "lacks required name"),)
    assert ob3_schema_issues(unnamed, schema=NAMED) == expected
    assert ob3_schema_issues(unnamed, schema=path) == expected
    assert ob3_schema_issues({"name": "x"}, schema=path) == ()


def test_compiled_validators_are_cached_per_schema() -> None:
    """A schema is compiled once; a different schema gets its own validator."""
    first = schema_module._validator(NAMED)
    again = schema_module._validator(dict(NAMED))
    other = schema_module._validator(NAMED | {"required": ["id"]})

    assert first is again
    assert other is not first


def test_changing_the_callers_dict_does_not_change_a_cached_validator() -> None:
    """The validator is compiled from a copy, so a later edit of the dict is a new
    schema, never a silent change of the cached one."""
    schema = json.loads(json.dumps(NAMED))
    ob3_schema_issues({}, schema=schema)
    schema["required"] = []

    assert ob3_schema_issues({}, schema=schema) == ()
    assert ob3_schema_issues({}, schema=NAMED) != ()


@pytest.mark.parametrize(
    "schema", [{"type": 12}, {"required": "name"}], ids=["type", "required"]
)
def test_an_invalid_schema_is_refused(schema: dict[str, object]) -> None:
    """A schema that is not valid JSON Schema is an InvalidDataError, not a crash."""
    with pytest.raises(InvalidDataError, match="not a valid JSON Schema"):
        ob3_schema_issues({}, schema=schema)


def test_a_schema_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder given as the schema is an InvalidDataError naming it."""
    with pytest.raises(InvalidDataError, match="cannot read the"):
        ob3_schema_issues({}, schema=tmp_path)


def test_a_schema_that_is_neither_dict_nor_path_is_refused() -> None:
    """A string is not taken as a path or as JSON text."""
    with pytest.raises(InvalidDataError):
        ob3_schema_issues({}, schema="schema.json")  # type: ignore[arg-type]


def test_a_non_object_credential_fails_the_required_check() -> None:
    """A list is no credential."""
    assert ob3_schema_issues([]) == (SchemaIssue("", "is not a JSON object"),)


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        (
            ("credentialSubject", "achievement", "criteria"),
            "credentialSubject.achievement",
            "lacks required criteria",
        ),
        (("issuer", "type"), "issuer", "lacks required type"),
        (("validFrom",), "", "lacks required validFrom"),
    ],
)
def test_a_removed_required_field_is_named(
    change: tuple[str, ...], path: str, problem: str
) -> None:
    """OB 3.0 §B: removing a required property is reported at its parent."""
    badge = _badge()
    parent: object = badge
    for key in change[:-1]:
        parent = parent[key]  # type: ignore[index]
    del parent[change[-1]]  # type: ignore[attr-defined]

    assert SchemaIssue(path, problem) in ob3_schema_issues(badge)
    with pytest.raises(ShapeViolationError):
        check_ob3(badge)


def test_issuer_by_reference_and_string_types_are_accepted() -> None:
    """An issuer given by IRI and a type given as one string are allowed by the
    model ("array-compacted")."""
    badge = _badge() | {"issuer": "https://issuer.example/profile"}
    badge["credentialSubject"]["type"] = "AchievementSubject"  # type: ignore[index]

    assert ob3_schema_issues(badge) == ()


def test_a_context_without_vc2_first_is_refused() -> None:
    """OB 3.0 wants the VC 2.0 context first and an OB 3.0 context after it."""
    badge = _badge()
    badge["@context"] = list(reversed(badge["@context"]))  # type: ignore[call-overload]

    assert [i.path for i in ob3_schema_issues(badge)] == ["@context"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["type", "issuer", "credentialSubject", "achievement"])
            | st.text(max_size=5),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_the_required_check_never_fails_on_any_json(document: object) -> None:
    """Any JSON value gives a sorted tuple of issues, never an exception."""
    issues = ob3_schema_issues(document)

    assert list(issues) == sorted(issues, key=lambda i: (i.path, i.problem))
