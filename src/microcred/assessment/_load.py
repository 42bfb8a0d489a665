"""Reading a questionnaire from JSON, with every problem named by its path.

The JSON form is documented in ``docs/assessment.md``; :func:`questionnaire_to_json`
writes the same form back, so a loaded or imported questionnaire round-trips.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from microcred._jsonio import load_json
from microcred.assessment._compile import compile_item
from microcred.assessment._model import (
    AwardPolicy,
    Choice,
    Item,
    ItemKind,
    Key,
    MapResponse,
    MatchCorrect,
    Normalisation,
    NumericKey,
    OutcomeSpec,
    OutcomeWeight,
    Questionnaire,
    ScoringRule,
    ShortTextKey,
    ToleranceMode,
)
from microcred.assessment._text import parse_text
from microcred.errors import PathPart, QuestionnaireError

if TYPE_CHECKING:
    from microcred.model import MicroCredential

__all__ = [
    "check_outcomes",
    "load_questionnaire",
    "parse_item",
    "parse_questionnaire",
    "policy_from_catalogue",
]

Path_ = list[PathPart]
_CHOICE_KINDS = {ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_RESPONSE, ItemKind.ORDERING}


def number(raw: Any, path: Sequence[PathPart]) -> Fraction:
    """A JSON number as an exact fraction of the decimal the author wrote."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise QuestionnaireError("must be a number", path=path)
    try:
        # str() gives the shortest decimal that reads back as the same float, so
        # 0.1 becomes exactly 1/10 rather than its binary approximation.
        return Fraction(str(raw)) if isinstance(raw, float) else Fraction(raw)
    except ValueError:
        raise QuestionnaireError("must be a finite number", path=path) from None


def _identifier(raw: Any, path: Sequence[PathPart]) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise QuestionnaireError("must be a non-empty string", path=path)
    return raw


def _object(raw: Any, path: Sequence[PathPart]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise QuestionnaireError("must be a JSON object", path=path)
    return raw


def _list(raw: Any, path: Sequence[PathPart]) -> list[Any]:
    if not isinstance(raw, list):
        raise QuestionnaireError("must be a JSON array", path=path)
    return raw


def _choices(raw: Any, path: Path_) -> tuple[Choice, ...]:
    choices = []
    seen: set[str] = set()
    for index, raw_entry in enumerate(_list(raw, path)):
        entry = _object(raw_entry, [*path, index])
        choice_id = _identifier(entry.get("id"), [*path, index, "id"])
        if choice_id in seen:
            raise QuestionnaireError(
                f"duplicate choice id {choice_id!r}", path=[*path, index, "id"]
            )
        seen.add(choice_id)
        text = parse_text(entry.get("text", choice_id), [*path, index, "text"])
        choices.append(Choice(choice_id, text))
    if len(choices) < 2:
        raise QuestionnaireError("needs at least two options", path=path)
    return tuple(choices)


def _outcome_weights(raw: Any, path: Path_) -> tuple[OutcomeWeight, ...]:
    if isinstance(raw, list):
        raw = {_identifier(o, [*path, i]): None for i, o in enumerate(raw)}
    weights = []
    for outcome_id, weight in _object(raw, path).items():
        _identifier(outcome_id, path)
        value = Fraction(1) if weight is None else number(weight, [*path, outcome_id])
        if value <= 0:
            raise QuestionnaireError(
                f"weight must be greater than 0, not {weight}", path=[*path, outcome_id]
            )
        weights.append(OutcomeWeight(outcome_id, value))
    if not weights:
        raise QuestionnaireError("an item must assess at least one outcome", path=path)
    return tuple(weights)


def _choice_id(raw: Any, ids: Collection[str], path: Path_) -> str:
    if not isinstance(raw, str) or raw not in ids:
        raise QuestionnaireError(f"{raw!r} is not one of the item's options", path=path)
    return raw


def _numeric_key(raw: Any, path: Path_) -> NumericKey:
    if not isinstance(raw, dict):
        return NumericKey(number(raw, path))
    value = number(raw.get("value"), [*path, "value"])
    mode_name = raw.get("mode", "exact" if "tolerance" not in raw else "absolute")
    try:
        mode = ToleranceMode(mode_name)
    except ValueError:
        raise QuestionnaireError(
            f"unknown tolerance mode {mode_name!r}", path=[*path, "mode"]
        ) from None
    tolerance = raw.get("tolerance", 0)
    # QTI: a single tolerance value is used on both sides.
    pair = tolerance if isinstance(tolerance, list) else [tolerance, tolerance]
    if len(pair) != 2:
        raise QuestionnaireError(
            "give one or two tolerances", path=[*path, "tolerance"]
        )
    low, high = (number(t, [*path, "tolerance"]) for t in pair)
    if low < 0 or high < 0:
        raise QuestionnaireError("must not be negative", path=[*path, "tolerance"])
    include = [raw.get(k, True) for k in ("include_lower", "include_upper")]
    if not all(isinstance(flag, bool) for flag in include):
        raise QuestionnaireError("include_lower/upper must be booleans", path=path)
    return NumericKey(value, mode, low, high, include[0], include[1])


def _text_key(raw: Any, path: Path_) -> ShortTextKey:
    if isinstance(raw, str | list):
        raw = {"accepted": raw}
    raw = _object(raw, path)
    accepted = raw.get("accepted")
    accepted = [accepted] if isinstance(accepted, str) else accepted
    answers = _list(accepted, [*path, "accepted"])
    if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
        raise QuestionnaireError(
            "needs one or more non-empty accepted answers", path=[*path, "accepted"]
        )
    if "normalise" not in raw:
        return ShortTextKey(tuple(answers))
    flags = set()
    for index, flag in enumerate(_list(raw["normalise"], [*path, "normalise"])):
        try:
            flags.add(Normalisation(flag))
        except ValueError:
            raise QuestionnaireError(
                f"unknown normalisation {flag!r}", path=[*path, "normalise", index]
            ) from None
    return ShortTextKey(tuple(answers), frozenset(flags))


def _sequence_key(
    raw: Any, ids: Collection[str], path: Path_, *, ordered: bool
) -> tuple[str, ...] | frozenset[str]:
    entries = [_choice_id(c, ids, [*path, i]) for i, c in enumerate(_list(raw, path))]
    if not entries or len(set(entries)) != len(entries):
        raise QuestionnaireError("must list distinct option ids", path=path)
    if ordered and set(entries) != set(ids):
        raise QuestionnaireError("an ordering key must place every option", path=path)
    return tuple(entries) if ordered else frozenset(entries)


def _matching_key(
    raw: Any, sources: Collection[str], targets: Collection[str], path: Path_
) -> dict[str, str]:
    pairs = _object(raw, path)
    for source, target in pairs.items():
        _choice_id(source, sources, path)
        _choice_id(target, targets, [*path, source])
    if not pairs:
        raise QuestionnaireError("must pair at least one source", path=path)
    return dict(pairs)


def _key(raw: dict[str, Any], kind: ItemKind, path: Path_) -> tuple[Key, Any, Any]:
    if "key" not in raw or raw["key"] is None:
        raise QuestionnaireError("the item has no key", path=[*path, "key"])
    key_raw, key_path = raw["key"], [*path, "key"]
    choices: tuple[Choice, ...] = ()
    targets: tuple[Choice, ...] = ()
    if kind in _CHOICE_KINDS:
        choices = _choices(raw.get("choices"), [*path, "choices"])
    ids = [c.id for c in choices]
    key: Key
    if kind is ItemKind.SINGLE_CHOICE:
        key = _choice_id(key_raw, ids, key_path)
    elif kind is ItemKind.MULTIPLE_RESPONSE:
        key = _sequence_key(key_raw, ids, key_path, ordered=False)
    elif kind is ItemKind.ORDERING:
        key = _sequence_key(key_raw, ids, key_path, ordered=True)
    elif kind is ItemKind.TRUE_FALSE:
        if not isinstance(key_raw, bool):
            raise QuestionnaireError("must be true or false", path=key_path)
        key = key_raw
    elif kind is ItemKind.NUMERIC:
        key = _numeric_key(key_raw, key_path)
    elif kind is ItemKind.SHORT_TEXT:
        key = _text_key(key_raw, key_path)
    else:
        choices = _choices(raw.get("sources"), [*path, "sources"])
        targets = _choices(raw.get("targets"), [*path, "targets"])
        key = _matching_key(
            key_raw, [c.id for c in choices], [c.id for c in targets], key_path
        )
    return key, choices, targets


def _scoring(raw: Any, path: Path_) -> ScoringRule:
    if raw is None:
        return MatchCorrect()
    raw = _object(raw, path)
    _refuse_unknown(raw, _SCORING_FIELDS, path)
    rule = raw.get("rule", "match_correct")
    if rule == "match_correct":
        penalty = number(raw.get("penalty", 0), [*path, "penalty"])
        if penalty > 0:
            raise QuestionnaireError(
                "a penalty is the score of a wrong answer: 0 or below",
                path=[*path, "penalty"],
            )
        return MatchCorrect(penalty)
    if rule != "map_response":
        raise QuestionnaireError(f"unknown scoring rule {rule!r}", path=[*path, "rule"])
    mapping = _object(raw.get("mapping"), [*path, "mapping"])
    entries = {k: number(v, [*path, "mapping", k]) for k, v in mapping.items()}
    bounds = [
        None if raw.get(b) is None else number(raw[b], [*path, b])
        for b in ("lower_bound", "upper_bound")
    ]
    if None not in bounds and bounds[0] > bounds[1]:  # type: ignore[operator]
        raise QuestionnaireError("lower_bound exceeds upper_bound", path=path)
    default = number(raw.get("default", 0), [*path, "default"])
    return MapResponse(entries, default, bounds[0], bounds[1])


#: The members each JSON object may have; anything else is a typo or a field from
#: another format, and silently ignoring it could change what is scored.
_ITEM_FIELDS = frozenset(
    {"id", "kind", "prompt", "points", "outcomes", "scoring", "key", "choices",
     "sources", "targets"}
)  # fmt: skip
_SCORING_FIELDS = frozenset(
    {"rule", "penalty", "mapping", "default", "lower_bound", "upper_bound"}
)
_POLICY_FIELDS = frozenset(
    {"threshold", "pass_mark", "min_items_per_outcome", "score_floor", "grade_bands"}
)
_QUESTIONNAIRE_FIELDS = frozenset(
    {"id", "title", "items", "outcomes", "policy", "micro_credential"}
)


def _refuse_unknown(
    raw: Mapping[str, Any], allowed: frozenset[str], path: Path_
) -> None:
    unknown = sorted(set(raw) - allowed, key=str)
    if unknown:
        raise QuestionnaireError(
            f"{unknown[0]!r} is not a field here (expected one of "
            f"{', '.join(sorted(allowed))})",
            path=[*path, unknown[0]],
        )


def parse_item(raw: Any, path: Sequence[PathPart] = ()) -> Item:
    """Read one item from its JSON form; errors name ``path`` and the field."""
    base = list(path)
    raw = _object(raw, base)
    _refuse_unknown(raw, _ITEM_FIELDS, base)
    item_id = _identifier(raw.get("id"), [*base, "id"])
    try:
        kind = ItemKind(raw.get("kind"))
    except ValueError:
        raise QuestionnaireError(
            f"unknown item kind {raw.get('kind')!r}", path=[*base, "kind"]
        ) from None
    prompt = parse_text(raw.get("prompt"), [*base, "prompt"])
    key, choices, targets = _key(raw, kind, base)
    scoring = _scoring(raw.get("scoring"), [*base, "scoring"])
    outcomes = _outcome_weights(raw.get("outcomes"), [*base, "outcomes"])
    points = _points(raw, scoring, base)
    item = Item(item_id, kind, prompt, key, points, outcomes, scoring, choices, targets)
    compile_item(item, base)  # checks mapping keys and the reachable best score
    return item


def _points(raw: dict[str, Any], scoring: ScoringRule, path: Path_) -> Fraction:
    if "points" in raw:
        points = number(raw["points"], [*path, "points"])
    elif isinstance(scoring, MapResponse) and scoring.upper_bound is not None:
        points = scoring.upper_bound
    elif isinstance(scoring, MapResponse):
        raise QuestionnaireError(
            "a map_response item needs points or an upper_bound", path=[*path, "points"]
        )
    else:
        points = Fraction(1)
    if points <= 0:
        raise QuestionnaireError(
            "points must be greater than 0", path=[*path, "points"]
        )
    return points


def _threshold(raw: Any, path: Path_) -> Fraction:
    value = number(raw, path)
    if not 0 <= value <= 1:
        raise QuestionnaireError("must be a share between 0 and 1", path=path)
    return value


def _policy(raw: Any, path: Path_) -> AwardPolicy:
    raw = _object(raw if raw is not None else {}, path)
    _refuse_unknown(raw, _POLICY_FIELDS, path)
    threshold = _threshold(raw.get("threshold", 0.6), [*path, "threshold"])
    pass_mark = raw.get("pass_mark")
    if pass_mark is not None:
        pass_mark = _threshold(pass_mark, [*path, "pass_mark"])
    minimum = raw.get("min_items_per_outcome", 1)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise QuestionnaireError(
            "must be a whole number, 0 or more", path=[*path, "min_items_per_outcome"]
        )
    floor = raw.get("score_floor", 0)
    floor = None if floor is None else number(floor, [*path, "score_floor"])
    bands = _grade_bands(raw.get("grade_bands", []), [*path, "grade_bands"])
    return AwardPolicy(threshold, pass_mark, minimum, floor, bands)


def _grade_bands(raw: Any, path: Path_) -> tuple[tuple[Fraction, str], ...]:
    bands = []
    for index, raw_band in enumerate(_list(raw, path)):
        band = _list(raw_band, [*path, index])
        if len(band) != 2 or not isinstance(band[1], str):
            raise QuestionnaireError(
                "a grade band is [lowest share, grade]", path=[*path, index]
            )
        bands.append((_threshold(band[0], [*path, index, 0]), band[1]))
    return tuple(sorted(bands, key=lambda band: band[0], reverse=True))


def _outcome_specs(raw: Any, items: Sequence[Item], path: Path_) -> list[OutcomeSpec]:
    if raw is None:
        # Sorted, so that the order of the items does not reorder the outcomes.
        used = sorted({w.outcome_id for item in items for w in item.outcomes})
        return [OutcomeSpec(outcome_id) for outcome_id in used]
    specs = []
    for index, raw_entry in enumerate(_list(raw, path)):
        entry = _object(raw_entry, [*path, index])
        outcome_id = _identifier(entry.get("id"), [*path, index, "id"])
        required = entry.get("required", True)
        if not isinstance(required, bool):
            raise QuestionnaireError(
                "must be true or false", path=[*path, index, "required"]
            )
        threshold = entry.get("threshold")
        if threshold is not None:
            threshold = _threshold(threshold, [*path, index, "threshold"])
        specs.append(OutcomeSpec(outcome_id, required, threshold))
    return specs


def parse_questionnaire(
    raw: Any,
    *,
    outcome_ids: Collection[str] | None = None,
    micro_credential: MicroCredential | None = None,
) -> Questionnaire:
    """Build a questionnaire from parsed JSON and check it.

    ``outcome_ids``, when given, are the learning outcomes the micro-credential
    defines; an item or outcome entry naming any other outcome is an error. With
    ``micro_credential`` the questionnaire is also aligned with it (see
    :func:`for_micro_credential`): its outcomes, in its order, with its
    ``required`` flags.
    """
    raw = _object(raw, [])
    _refuse_unknown(raw, _QUESTIONNAIRE_FIELDS, [])
    questionnaire_id = _identifier(raw.get("id", "questionnaire"), ["id"])
    items = [
        parse_item(entry, ["items", index])
        for index, entry in enumerate(_list(raw.get("items"), ["items"]))
    ]
    if not items:
        raise QuestionnaireError(
            "a questionnaire needs at least one item", path="items"
        )
    _check_unique([item.id for item in items], "items", "item")
    specs = _outcome_specs(raw.get("outcomes"), items, ["outcomes"])
    _check_unique([s.id for s in specs], "outcomes", "outcome")
    title = parse_text(raw["title"], ["title"]) if "title" in raw else None
    reference = raw.get("micro_credential")
    if reference is not None:
        reference = _identifier(reference, ["micro_credential"])
    questionnaire = Questionnaire(
        questionnaire_id,
        tuple(items),
        tuple(specs),
        _policy(raw.get("policy"), ["policy"]),
        title,
        reference,
    )
    check_outcomes(questionnaire, [s.id for s in specs], what="the questionnaire")
    if outcome_ids is not None:
        check_outcomes(questionnaire, outcome_ids)
    if micro_credential is not None:
        from microcred.assessment._award import for_micro_credential

        questionnaire = for_micro_credential(questionnaire, micro_credential)
    return questionnaire


def _check_unique(ids: Sequence[str], where: str, noun: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise QuestionnaireError(
                f"duplicate {noun} id {value!r}", path=[where, index, "id"]
            )
        seen.add(value)


def check_outcomes(
    questionnaire: Questionnaire,
    outcome_ids: Collection[str],
    *,
    what: str = "the micro-credential",
) -> None:
    """Fail when an item or outcome entry names an outcome not in ``outcome_ids``."""
    defined = set(outcome_ids)
    for index, item in enumerate(questionnaire.items):
        for weight in item.outcomes:
            if weight.outcome_id not in defined:
                raise QuestionnaireError(
                    f"item {item.id!r} assesses outcome {weight.outcome_id!r}, "
                    f"which {what} does not define",
                    path=["items", index, "outcomes", weight.outcome_id],
                )
    for index, spec in enumerate(questionnaire.outcomes):
        if spec.id not in defined:
            raise QuestionnaireError(
                f"outcome {spec.id!r} is not defined by {what}",
                path=["outcomes", index, "id"],
            )


def load_questionnaire(
    source: str | bytes | os.PathLike[str],
    *,
    outcome_ids: Collection[str] | None = None,
    micro_credential: MicroCredential | None = None,
) -> Questionnaire:
    """Load and check a questionnaire from JSON text, bytes or a file path.

    See :func:`parse_questionnaire` for ``outcome_ids`` and ``micro_credential``.
    """
    return parse_questionnaire(
        load_json(source, what="questionnaire"),
        outcome_ids=outcome_ids,
        micro_credential=micro_credential,
    )


def policy_from_catalogue(assessment: Mapping[str, Any]) -> AwardPolicy:
    """The policy a catalogue entry's ``assessment`` block describes.

    ``per_lo_threshold`` becomes the outcome threshold. ``overall_threshold`` is
    kept only when ``use_overall`` is true in the block: the catalogue's rule
    awards on outcomes alone.
    """
    block = dict(assessment)
    raw: dict[str, Any] = {"threshold": block.get("per_lo_threshold", 0.6)}
    if block.get("use_overall") and "overall_threshold" in block:
        raw["pass_mark"] = block["overall_threshold"]
    return _policy(raw, ["assessment"])
