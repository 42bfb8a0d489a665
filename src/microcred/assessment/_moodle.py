"""Moodle XML question-bank exports (``<quiz><question type="...">``).

Supported question types: multichoice (single and multiple), truefalse,
shortanswer, numerical, matching and ordering (the qtype_ordering plugin,
all-or-nothing grading). Moodle's answer ``fraction`` is a percentage of the
question's ``defaultgrade``; partial credit becomes a ``map_response`` rule.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

from microcred.assessment._compile import normalise_text
from microcred.assessment._import import (
    Collector,
    ImportResult,
    Outcomes,
    assign_outcomes,
    check_outcomes_argument,
    read_xml,
    slug,
)
from microcred.assessment._model import Normalisation
from microcred.assessment._xml import html_to_text
from microcred.errors import QuestionImportError

__all__ = ["import_moodle_xml"]

_TAG_PREFIX = "outcome:"
# Question types that hold no scorable question, and those microcred cannot score.
_NOT_QUESTIONS = {"category", "description"}


class _UnsupportedQuestionError(Exception):
    """This question cannot be imported (internal signal, becomes a problem)."""


def _text(element: ET.Element | None, path: str = "text") -> str:
    if element is None:
        return ""
    node = element.find(path)
    raw = node.text if node is not None and node.text else ""
    return html_to_text(raw)


#: Question banks hold points, fractions and answers of ordinary size; a larger
#: magnitude is an error in the bank (and 1e999999999 would take ages to expand).
_MAX_MAGNITUDE = Fraction(10**9)


def _number(text: str | None, what: str) -> Fraction:
    raw = (text or "").strip()
    mantissa, _, exponent = raw.lower().partition("e")
    if exponent and (len(exponent.lstrip("+-")) > 2 or len(mantissa) > 40):
        raise _UnsupportedQuestionError(f"{what} {text!r} is out of range")
    try:
        value = Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise _UnsupportedQuestionError(f"{what} {text!r} is not a number") from None
    if abs(value) > _MAX_MAGNITUDE:
        raise _UnsupportedQuestionError(f"{what} {text!r} is out of range")
    return value


def _answers(question: ET.Element) -> list[tuple[str, Fraction, ET.Element]]:
    return [
        (_text(a), _number(a.get("fraction", "0"), "fraction") / 100, a)
        for a in question.findall("answer")
    ]


def _multichoice(question: ET.Element, points: Fraction) -> dict[str, Any]:
    answers = _answers(question)
    single = (question.findtext("single") or "true").strip().lower() in {"true", "1"}
    choices = [
        {"id": f"a{n + 1}", "text": t or f"a{n + 1}"}
        for n, (t, _, _) in enumerate(answers)
    ]
    shares = {f"a{n + 1}": share for n, (_, share, _) in enumerate(answers)}
    if single:
        best = [c for c, s in shares.items() if s == 1]
        if not best:
            raise _UnsupportedQuestionError("no answer is worth 100%")
        if len(best) > 1:
            # Moodle gives full marks for any of them; a single key cannot say so.
            raise _UnsupportedQuestionError(
                f"{len(best)} answers are worth 100% in a one-answer question"
            )
        raw: dict[str, Any] = {"kind": "single_choice", "key": best[0]}
    else:
        raw = {
            "kind": "multiple_response",
            "key": [c for c, s in shares.items() if s > 0],
        }
    raw["choices"] = choices
    if any(s not in {0, 1} for s in shares.values()) or not single:
        # Moodle adds the fractions of the chosen answers; multiple answers are
        # clamped to 0..100%, a single answer's negative fraction is kept.
        raw["scoring"] = {
            "rule": "map_response",
            "mapping": {c: float(s * points) for c, s in shares.items() if s},
            "upper_bound": float(points),
            "lower_bound": None if single else 0,
        }
    return raw


def _truefalse(question: ET.Element) -> dict[str, Any]:
    right = [t.strip().lower() for t, share, _ in _answers(question) if share == 1]
    if right not in (["true"], ["false"]):
        raise _UnsupportedQuestionError(
            "a true/false question needs one answer worth 100%"
        )
    return {"kind": "true_false", "key": right[0] == "true"}


def _shortanswer(question: ET.Element, points: Fraction) -> dict[str, Any]:
    answers = [(t, s) for t, s, _ in _answers(question) if not (t == "*" and s == 0)]
    if any("*" in t for t, _ in answers):
        raise _UnsupportedQuestionError("wildcard (*) answers are not supported")
    flags = ["trim", "inner_whitespace", "nfc"]
    if (question.findtext("usecase") or "0").strip() == "0":
        flags.append("case")
    raw: dict[str, Any] = {
        "kind": "short_text",
        "key": {"accepted": [t for t, s in answers if s == 1], "normalise": flags},
    }
    if any(s not in {0, 1} for _, s in answers):
        # Moodle takes the first answer that matches: keep the first of answers
        # that are the same after normalisation.
        normalisation = frozenset(Normalisation(flag) for flag in flags)
        mapping: dict[str, float] = {}
        for text, share in answers:
            mapping.setdefault(
                normalise_text(text, normalisation), float(share * points)
            )
        raw["scoring"] = {
            "rule": "map_response",
            "mapping": mapping,
            "upper_bound": float(points),
        }
    return raw


def _numerical(question: ET.Element) -> dict[str, Any]:
    answers = [(t, s, a) for t, s, a in _answers(question) if not (t == "*" and s == 0)]
    right = [(t, a) for t, s, a in answers if s == 1]
    if len(right) != 1 or len(answers) != 1:
        raise _UnsupportedQuestionError(
            "only one numeric answer worth 100% (no partial credit) is supported"
        )
    text, answer = right[0]
    tolerance = _number(answer.findtext("tolerance") or "0", "tolerance")
    value = _number(text, "answer")
    # Moodle's tolerance is absolute ("nominal") unless the question says otherwise.
    return {
        "kind": "numeric",
        "key": {
            "value": float(value),
            "mode": "absolute",
            "tolerance": float(tolerance),
        },
    }


def _matching(question: ET.Element, points: Fraction) -> dict[str, Any]:
    sources: list[dict[str, str]] = []
    targets: dict[str, str] = {}
    key: dict[str, str] = {}
    for sub in question.findall("subquestion"):
        target_text = _text(sub.find("answer")) or _text(sub)
        target = targets.setdefault(target_text, f"t{len(targets) + 1}")
        source_text = _text(sub)
        if source_text:  # an empty subquestion is a distractor answer
            source = f"s{len(sources) + 1}"
            sources.append({"id": source, "text": source_text})
            key[source] = target
    pair_points = float(points / max(len(key), 1))
    return {
        "kind": "matching",
        "sources": sources,
        "targets": [{"id": i, "text": t} for t, i in targets.items()],
        "key": key,
        "scoring": {
            "rule": "map_response",
            "mapping": {f"{s} {t}": pair_points for s, t in key.items()},
            "lower_bound": 0,
            "upper_bound": float(points),
        },
    }


def _ordering(question: ET.Element) -> dict[str, Any]:
    grading = (question.findtext("gradingtype") or "ALLORNOTHING").strip().upper()
    if grading != "ALLORNOTHING":
        raise _UnsupportedQuestionError(
            f"ordering grading type {grading} is not supported"
        )
    texts = [t for t, _, _ in _answers(question)]
    ids = [f"o{n + 1}" for n in range(len(texts))]
    return {
        "kind": "ordering",
        "choices": [{"id": i, "text": t} for i, t in zip(ids, texts, strict=True)],
        "key": ids,  # Moodle exports the answers in their correct order
    }


def _kind_fields(question: ET.Element, qtype: str, points: Fraction) -> dict[str, Any]:
    if qtype == "multichoice":
        return _multichoice(question, points)
    if qtype == "truefalse":
        return _truefalse(question)
    if qtype == "shortanswer":
        return _shortanswer(question, points)
    if qtype == "numerical":
        return _numerical(question)
    if qtype == "matching":
        return _matching(question, points)
    if qtype == "ordering":
        return _ordering(question)
    raise _UnsupportedQuestionError(f"Moodle question type {qtype!r} is not supported")


def _tags(question: ET.Element) -> list[str]:
    texts = (t.findtext("text") or "" for t in question.iterfind("tags/tag"))
    return [
        t.strip()[len(_TAG_PREFIX) :]
        for t in texts
        if t.strip().startswith(_TAG_PREFIX)
    ]


def import_moodle_xml(
    source: str | bytes | os.PathLike[str],
    *,
    outcomes: Outcomes | None = None,
    language: str = "en",
) -> ImportResult:
    """Import a Moodle XML question-bank export.

    ``outcomes`` are the learning outcomes of every question not tagged
    ``outcome:ID``. Unsupported questions (essay, cloze, calculated...) and
    questions without outcomes are listed in the result's ``problems``.
    Malformed or hostile XML raises :class:`~microcred.errors.QuestionImportError`.
    """
    root = read_xml(source, "the Moodle XML")
    if root.tag != "quiz":
        raise QuestionImportError(
            f"expected a Moodle <quiz> document, found <{root.tag}>"
        )
    check_outcomes_argument(outcomes)
    collector = Collector()
    for index, question in enumerate(root.findall("question")):
        qtype = question.get("type", "")
        if qtype in _NOT_QUESTIONS:
            continue
        _import_question(collector, question, index, outcomes, language)
    return collector.result()


def _import_question(
    collector: Collector,
    question: ET.Element,
    index: int,
    outcomes: Outcomes | None,
    language: str,
) -> None:
    position = f"question[{index}]"
    name = _text(question.find("name")) or position
    try:
        points = _number(question.findtext("defaultgrade") or "1", "defaultgrade")
        fields = _kind_fields(question, question.get("type", ""), points)
    except _UnsupportedQuestionError as reason:
        collector.problem(position, name, str(reason))
        return
    assigned = assign_outcomes(outcomes, _tags(question))
    if assigned is None:
        collector.problem(
            position, name, "no learning outcome: tag it outcome:ID or pass outcomes="
        )
        return
    wanted = (question.findtext("idnumber") or "").strip() or slug(
        name, f"q{index + 1}"
    )
    raw = {
        "id": collector.unique_id(wanted),
        "prompt": {language: _text(question.find("questiontext")) or name},
        "points": float(points),
        "outcomes": assigned,
        **fields,
    }
    collector.add(raw, position, name)
