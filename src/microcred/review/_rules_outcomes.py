"""Learning-outcome wording: one observable verb, one statement, sensible length.

Only English texts are read (the verb lists are English); outcomes in other
languages are checked for presence only (see docs/limitations.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from microcred.errors import PathPart
from microcred.review._context import ReviewContext, text_map
from microcred.review._findings import Severity
from microcred.review._outcome_text import (
    BLOOM_LEVELS,
    OutcomeWording,
    read_outcome,
    writing_rules,
)

__all__ = ["check_outcome_levels", "check_outcomes"]

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _english(texts: Mapping[str, str]) -> tuple[str, str] | None:
    for tag, text in texts.items():
        if tag.casefold() == "en" or tag.casefold().startswith("en-"):
            return tag, text
    return None


def english_outcomes(
    ctx: ReviewContext,
) -> list[tuple[list[PathPart], str, OutcomeWording]]:
    """Each outcome's English text, its path and what its wording shows."""
    found = []
    for index, outcome in ctx.items("learningOutcomes"):
        texts = text_map(outcome.get("text"))
        english = _english(texts) if texts else None
        if english and english[1].strip():
            path: list[PathPart] = ["learningOutcomes", index, "text", english[0]]
            found.append((path, english[1], read_outcome(english[1])))
    return found


def check_outcomes(ctx: ReviewContext) -> None:
    """Verb, single verb, one statement, length, learner focus, duplicates."""
    seen: dict[str, str] = {}
    for path, text, wording in english_outcomes(ctx):
        _check_verb(ctx, path, wording)
        _check_shape(ctx, path, wording)
        key = " ".join(text.casefold().split())
        where = ".".join(str(p) for p in path)
        if key in seen:
            ctx.add(
                WARNING,
                "outcome.duplicate",
                path,
                f"This outcome repeats the text of {seen[key]}.",
                "Merge the two outcomes or make each say what is distinct.",
            )
        seen.setdefault(key, where)


def _examples(level: str) -> str:
    verbs = [v for v, lvl in writing_rules().verbs.items() if lvl == level]
    return ", ".join(f"'{v}'" for v in verbs[:5])


def _check_verb(
    ctx: ReviewContext, path: list[PathPart], wording: OutcomeWording
) -> None:
    if wording.vague:
        # "know" asks for recall, "understand" for explanation: suggest the
        # observable verbs of the level the vague verb was reaching for.
        level = "understand" if wording.verb != "know" else "remember"
        ctx.add(
            ERROR,
            "outcome.vague-verb",
            path,
            f"'{wording.verb}' cannot be observed or assessed.",
            f"Start with an observable action verb, for example {_examples(level)}.",
        )
    elif wording.verb is None and not wording.teacher_centred:
        ctx.add(
            WARNING,
            "outcome.action-verb",
            path,
            f"The outcome starts with '{wording.first_word}', which is not a known "
            "observable action verb.",
            "Start with what the learner does, e.g. 'Install ...', 'Calculate ...', "
            "'Explain ...' (optionally after 'The learner can').",
        )
    if wording.second_verb:
        ctx.add(
            WARNING,
            "outcome.single-verb",
            path,
            f"The outcome joins two actions ('{wording.verb}' and "
            f"'{wording.second_verb}').",
            "Keep one main verb per outcome; split it into two outcomes if both "
            "actions must be assessed.",
        )


def _check_shape(
    ctx: ReviewContext, path: list[PathPart], wording: OutcomeWording
) -> None:
    low, high = ctx.settings.outcome_words
    if wording.statements > 1:
        ctx.add(
            WARNING,
            "outcome.one-per-statement",
            path,
            f"The text holds {wording.statements} statements.",
            "Write one outcome per statement; split the others into outcomes of "
            "their own.",
        )
    if not low <= wording.words <= high:
        size = "short" if wording.words < low else "long"
        ctx.add(
            WARNING,
            "outcome.length",
            path,
            f"The outcome has {wording.words} words, too {size} for one clear "
            f"statement ({low} to {high} words).",
            "State the action, its object and the context or standard in one "
            "concise sentence.",
        )
    if wording.teacher_centred:
        ctx.add(
            WARNING,
            "outcome.learner-centred",
            path,
            "The outcome describes the course, not what the learner can do.",
            "Rewrite it as what the learner can do at the end, starting with an "
            "action verb.",
        )


def _band(eqf: Any) -> tuple[int, tuple[str, ...]] | None:
    if isinstance(eqf, bool) or not isinstance(eqf, int):
        return None
    expected = writing_rules().eqf_levels.get(eqf)
    return (eqf, expected) if expected else None


def check_outcome_levels(ctx: ReviewContext) -> None:
    """Verb levels against the EQF level (a warning: the hint, not a rule).

    An outcome above what the level usually expects is flagged where it stands;
    a set of outcomes none of which reaches the level's lowest expected verb
    level is flagged once, at ``eqfLevel``.
    """
    band = _band(ctx.get("eqfLevel"))
    if band is None:
        return
    eqf, expected = band
    top = max(BLOOM_LEVELS.index(level) for level in expected)
    bottom = min(BLOOM_LEVELS.index(level) for level in expected)
    reached = -1
    for path, _, wording in english_outcomes(ctx):
        if wording.bloom is None:
            continue
        level = BLOOM_LEVELS.index(wording.bloom)
        reached = max(reached, level)
        if level > top:
            ctx.add(
                WARNING,
                "outcome.eqf-level",
                path,
                f"'{wording.verb}' ({wording.bloom}) is above what EQF level {eqf} "
                f"usually asks ({', '.join(expected)}).",
                "Check the EQF level, or choose a verb that matches it.",
            )
    if 0 <= reached < bottom:
        ctx.add(
            WARNING,
            "outcome.eqf-level",
            "eqfLevel",
            f"No outcome reaches {BLOOM_LEVELS[bottom]}, which EQF level {eqf} "
            f"usually asks (highest found: {BLOOM_LEVELS[reached]}).",
            "Check the EQF level, or add outcomes at the level's depth "
            f"({', '.join(expected)}).",
        )
