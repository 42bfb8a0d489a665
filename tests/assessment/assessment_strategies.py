"""Hypothesis strategies: random questionnaires in JSON form, and answers to them."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

OUTCOMES = ["LO1", "LO2", "LO3"]
# Weights that float arithmetic gets wrong (0.1 + 0.7 != 0.8) on purpose.
WEIGHTS = [0.1, 0.2, 0.3, 0.7, 1, 2]
PENALTIES = [0, 0, -0.25, -0.5, -1]


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(count)]


@st.composite
def items(draw: st.DrawFn, item_id: str, *, negative: bool = True) -> dict[str, Any]:
    """One random item of any kind, with a random but valid scoring rule."""
    kind = draw(
        st.sampled_from(
            [
                "single_choice",
                "multiple_response",
                "true_false",
                "numeric",
                "short_text",
                "ordering",
                "matching",
            ]
        )
    )
    outcomes = draw(
        st.lists(st.sampled_from(OUTCOMES), min_size=1, max_size=2, unique=True)
    )
    raw: dict[str, Any] = {
        "id": item_id,
        "kind": kind,
        "prompt": {"en": f"Question {item_id}"},
        "outcomes": {o: draw(st.sampled_from(WEIGHTS)) for o in outcomes},
    }
    penalty = draw(st.sampled_from(PENALTIES)) if negative else 0
    map_rule = draw(st.booleans())
    choices = _ids("c", draw(st.integers(2, 5)))
    if kind == "single_choice":
        key = draw(st.sampled_from(choices))
        raw |= {"choices": [{"id": c} for c in choices], "key": key}
        mapped = {key: 1} | ({c: -0.5 for c in choices if c != key} if negative else {})
    elif kind == "multiple_response":
        key = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
        raw |= {"choices": [{"id": c} for c in choices], "key": key}
        mapped = dict.fromkeys(key, 1)
        raw["points"] = len(key)
    elif kind == "true_false":
        raw["key"] = draw(st.booleans())
        mapped = {"true" if raw["key"] else "false": 1}
    elif kind == "numeric":
        raw["key"] = {
            "value": draw(st.sampled_from([4, 0.24, 140, -3.5])),
            "mode": "relative",
            "tolerance": 5,
        }
        map_rule = False
    elif kind == "short_text":
        raw["key"] = {
            "accepted": ["thermal bridge", "cold bridge"],
            "normalise": ["case", "trim"],
        }
        mapped = {"thermal bridge": 1, "cold bridge": 0.5}
    elif kind == "ordering":
        raw |= {
            "choices": [{"id": c} for c in choices],
            "key": draw(st.permutations(choices)),
        }
        map_rule = False
    else:
        targets = _ids("t", len(choices))
        key = dict(zip(choices, draw(st.permutations(targets)), strict=True))
        raw |= {
            "sources": [{"id": c} for c in choices],
            "targets": [{"id": t} for t in targets],
            "key": key,
            "points": len(key),
        }
        mapped = {f"{s} {t}": 1 for s, t in key.items()}
    if map_rule:
        points = raw.get("points", 1)
        lower = draw(st.sampled_from([None, 0])) if negative else 0
        raw["scoring"] = {
            "rule": "map_response",
            "mapping": mapped,
            "default": -1 if negative else 0,
            "lower_bound": lower,
            "upper_bound": points,
        }
    else:
        raw["scoring"] = {"rule": "match_correct", "penalty": penalty}
    return raw


@st.composite
def questionnaires(
    draw: st.DrawFn, *, negative: bool = True, max_items: int = 8
) -> dict[str, Any]:
    """A questionnaire of 1 to ``max_items`` random items and a random policy."""
    count = draw(st.integers(1, max_items))
    raw_items = [draw(items(f"q{n}", negative=negative)) for n in range(count)]
    policy = {
        "threshold": draw(st.sampled_from([0, 0.5, 0.6, 0.8, 1])),
        "pass_mark": draw(st.sampled_from([None, 0.5, 0.8])),
        "score_floor": draw(st.sampled_from([None, 0])),
        "min_items_per_outcome": draw(st.integers(0, 2)),
    }
    return {"id": "random", "items": raw_items, "policy": policy}


def _answer(draw: st.DrawFn, item: dict[str, Any]) -> Any:
    kind = item["kind"]
    if kind in {"single_choice", "multiple_response", "ordering"}:
        ids = [c["id"] for c in item["choices"]]
        if kind == "single_choice":
            return draw(st.sampled_from([*ids, item["key"]]))
        if kind == "ordering":
            return draw(
                st.sampled_from([list(item["key"]), list(draw(st.permutations(ids)))])
            )
        return draw(st.lists(st.sampled_from(ids), max_size=len(ids) + 1))
    if kind == "true_false":
        return draw(st.booleans())
    if kind == "numeric":
        value = item["key"]["value"]
        return draw(st.sampled_from([value, value * 1.05, value * 0.95, value + 1, 0]))
    if kind == "short_text":
        return draw(
            st.sampled_from(
                ["Thermal  Bridge", " cold bridge ", "draught", "", "thermal bridge"]
            )
        )
    sources = [s["id"] for s in item["sources"]]
    targets = [t["id"] for t in item["targets"]]
    pairs = draw(st.dictionaries(st.sampled_from(sources), st.sampled_from(targets)))
    return draw(st.sampled_from([pairs, dict(item["key"])]))


@st.composite
def attempts(draw: st.DrawFn, questionnaire: dict[str, Any]) -> dict[str, Any]:
    """A learner's answers: each item answered at random, or left out."""
    responses: dict[str, Any] = {}
    for item in questionnaire["items"]:
        if draw(st.integers(0, 4)) > 0:
            responses[item["id"]] = _answer(draw, item)
    return responses
