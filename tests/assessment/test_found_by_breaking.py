"""Cases an adversarial review found; each once passed silently or crashed."""

from __future__ import annotations

import pytest

from microcred.assessment import import_moodle_xml, import_qti, parse_questionnaire
from microcred.errors import QuestionImportError, QuestionnaireError


def _moodle(body: str) -> bytes:
    return f'<?xml version="1.0"?><quiz>{body}</quiz>'.encode()


def test_two_full_mark_answers_in_a_one_answer_question_are_reported() -> None:
    """Moodle accepts either; one key cannot say so, so the item is not imported."""
    question = (
        '<question type="multichoice"><name><text>q</text></name>'
        '<questiontext format="html"><text>Pick</text></questiontext>'
        "<single>true</single>"
        '<answer fraction="100"><text>A</text></answer>'
        '<answer fraction="100"><text>B</text></answer>'
        "<tags><tag><text>outcome:LO1</text></tag></tags></question>"
    )
    result = import_moodle_xml(_moodle(question))
    assert not result.items
    assert "2 answers are worth 100%" in result.problems[0].problem


def test_absurd_numbers_in_a_bank_are_reported_not_overflowed() -> None:
    """1e400 points and 1e999999999 are refused at once, item by item."""
    for grade in ("1e400", "1e999999999"):
        question = (
            '<question type="truefalse"><name><text>q</text></name>'
            '<questiontext format="html"><text>True?</text></questiontext>'
            f"<defaultgrade>{grade}</defaultgrade>"
            '<answer fraction="100"><text>true</text></answer>'
            '<answer fraction="0"><text>false</text></answer>'
            "<tags><tag><text>outcome:LO1</text></tag></tags></question>"
        )
        result = import_moodle_xml(_moodle(question))
        assert "out of range" in result.problems[0].problem


def test_outcomes_given_as_one_string_are_refused() -> None:
    """'LO1' must not become the outcomes L, O and 1."""
    with pytest.raises(QuestionImportError) as info:
        import_qti(b"<assessmentItem/>", outcomes="LO1")
    assert info.value.path == "outcomes"


def test_unknown_questionnaire_fields_are_refused() -> None:
    """A misspelt field would otherwise be ignored and change what is scored."""
    item = {"id": "q1", "kind": "true_false", "prompt": {"en": "?"}, "key": True,
            "outcomes": {"LO1": 1}, "pionts": 2}  # fmt: skip
    with pytest.raises(QuestionnaireError) as info:
        parse_questionnaire({"id": "q", "items": [item]})
    assert info.value.path == "items[0].pionts"
