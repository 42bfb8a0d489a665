"""Loading questionnaires from JSON: what is accepted and what is refused."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.assessment import (
    ItemKind,
    load_questionnaire,
    parse_questionnaire,
    policy_from_catalogue,
    sample_files,
    sample_questionnaire,
)
from microcred.assessment._samples import SAMPLE_QUESTIONNAIRE_FILE, sample_data
from microcred.errors import ParseError, QuestionnaireError


def _base() -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(sample_data(SAMPLE_QUESTIONNAIRE_FILE))
    return raw


def _refused(raw: Any, path: str, match: str) -> None:
    with pytest.raises(QuestionnaireError, match=match) as caught:
        parse_questionnaire(raw, outcome_ids=["LO1", "LO2", "LO3", "LO4"])
    assert caught.value.path == path


def test_sample_covers_every_item_kind() -> None:
    """The bundled HAB-MC-001 questionnaire uses all seven item kinds."""
    questionnaire = sample_questionnaire()
    assert {item.kind for item in questionnaire.items} == set(ItemKind)
    assert [o.id for o in questionnaire.outcomes] == ["LO1", "LO2", "LO3", "LO4"]


def test_loads_from_a_file_path(tmp_path: Path) -> None:
    """A Path is read as a file and gives the same questionnaire."""
    target = tmp_path / "q.json"
    target.write_bytes(sample_data(SAMPLE_QUESTIONNAIRE_FILE))
    assert load_questionnaire(target) == sample_questionnaire()


def test_item_without_a_key() -> None:
    """A missing key is named by the item's path."""
    raw = _base()
    del raw["items"][3]["key"]
    _refused(raw, "items[3].key", "no key")


def test_weight_zero_or_below() -> None:
    """An outcome weight of 0 or less is refused."""
    raw = _base()
    raw["items"][1]["outcomes"] = {"LO1": 0}
    _refused(raw, "items[1].outcomes.LO1", "greater than 0")
    raw["items"][1]["outcomes"] = {"LO1": -0.5}
    _refused(raw, "items[1].outcomes.LO1", "greater than 0")


def test_outcome_the_micro_credential_does_not_define() -> None:
    """An item assessing LO9 is refused when the credential defines LO1-LO4."""
    raw = _base()
    del raw["outcomes"]
    raw["items"][0]["outcomes"] = ["LO9"]
    _refused(raw, "items[0].outcomes.LO9", "LO9")


def test_outcome_not_declared_by_the_questionnaire() -> None:
    """Items may only assess the outcomes the questionnaire lists."""
    raw = _base()
    raw["outcomes"] = raw["outcomes"][:3]
    with pytest.raises(QuestionnaireError, match="LO4"):
        parse_questionnaire(raw)


def test_duplicate_item_ids() -> None:
    """Two items with one id: the second is named."""
    raw = _base()
    raw["items"][5]["id"] = raw["items"][2]["id"]
    _refused(raw, "items[5].id", "duplicate item id 'q03'")


def test_duplicate_choice_ids() -> None:
    """Two options with one id inside an item."""
    raw = _base()
    raw["items"][0]["choices"][1]["id"] = "a"
    _refused(raw, "items[0].choices[1].id", "duplicate choice")


def test_empty_questionnaire() -> None:
    """No items is not a questionnaire."""
    raw = _base()
    raw["items"] = []
    _refused(raw, "items", "at least one item")


@pytest.mark.parametrize(
    ("change", "path", "match"),
    [
        (lambda r: r["items"][0].update(key="z"), "items[0].key", "not one of"),
        (lambda r: r["items"][0].update(kind="essay"), "items[0].kind", "unknown"),
        (lambda r: r["items"][0].update(points=0), "items[0].points", "greater"),
        (lambda r: r["items"][2].update(key="yes"), "items[2].key", "true or false"),
        (lambda r: r["items"][5].update(key=["cut"]), "items[5].key", "every option"),
        (
            lambda r: r["items"][6]["scoring"].update(penalty=0.5),
            "items[6].scoring.penalty",
            "0 or below",
        ),
        (
            lambda r: r["items"][1]["scoring"]["mapping"].update(zz=1),
            "items[1].scoring.mapping.zz",
            "not a response",
        ),
        (
            lambda r: r["items"][1]["scoring"].update(upper_bound=2),
            "items[1].scoring",
            "best response",
        ),
        (
            lambda r: r["items"][11]["scoring"]["mapping"].update(harness=0),
            "items[11].scoring",
            "best response",
        ),
        (
            lambda r: r["items"][3]["key"].update(mode="fuzzy"),
            "items[3].key.mode",
            "unknown tolerance",
        ),
        (
            lambda r: r["items"][4]["key"].update(normalise=["stem"]),
            "items[4].key.normalise[0]",
            "unknown normalisation",
        ),
        (lambda r: r["policy"].update(threshold=1.5), "policy.threshold", "between"),
        (lambda r: r["items"][0].update(prompt=""), "items[0].prompt.en", "string"),
        (
            lambda r: r["items"][5].update(scoring={"rule": "map_response"}),
            "items[5].scoring.mapping",
            "object",
        ),
    ],
)
def test_bad_fields_are_named(change: Any, path: str, match: str) -> None:
    """Each broken field raises QuestionnaireError with its path."""
    raw = copy.deepcopy(_base())
    change(raw)
    _refused(raw, path, match)


def test_map_response_does_not_apply_to_ordering() -> None:
    """Ordering and numeric items are scored all-or-nothing only."""
    raw = _base()
    raw["items"][5]["scoring"] = {
        "rule": "map_response",
        "mapping": {},
        "upper_bound": 2,
    }
    _refused(raw, "items[5].scoring.rule", "does not apply")


def test_malformed_json_is_a_parse_error() -> None:
    """Broken JSON text raises ParseError, a MicrocredError."""
    with pytest.raises(ParseError):
        load_questionnaire('{"items": [')


def test_policy_from_the_catalogue_block() -> None:
    """per_lo_threshold becomes the outcome threshold; no overall pass mark."""
    policy = policy_from_catalogue(
        {"per_lo_threshold": 0.6, "overall_threshold": 0.6, "rule": "..."}
    )
    assert str(policy.threshold) == "3/5"
    assert policy.pass_mark is None


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["id", "kind", "items", "key", "choices", "outcomes", "x"]
                ),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_arbitrary_json_loads_or_fails_cleanly(raw: Any) -> None:
    """Any JSON value is a questionnaire or a QuestionnaireError, nothing else."""
    with contextlib.suppress(QuestionnaireError):
        parse_questionnaire(raw)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_sample_loads_or_fails_cleanly(data: st.DataObject) -> None:
    """Replacing any one field of the sample gives a questionnaire or a named error."""
    raw = _base()
    item = data.draw(st.sampled_from(raw["items"]))
    field = data.draw(st.sampled_from(sorted(item)))
    item[field] = data.draw(
        st.none()
        | st.integers(-2, 2)
        | st.text(max_size=3)
        | st.lists(st.text(max_size=2))
    )
    try:
        parse_questionnaire(raw)
    except QuestionnaireError as error:
        assert error.path  # noqa: PT017 (either outcome is fine; the error must be placed)


def test_sample_files_are_the_bundled_json() -> None:
    """sample_files gives the two files the demo writes, as valid JSON."""
    files = sample_files()
    assert sorted(files) == ["questionnaire.json", "responses.json"]
    assert load_questionnaire(files["questionnaire.json"]).id == "HAB-MC-001-Q1"
