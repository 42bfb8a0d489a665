"""Importing Moodle XML and IMS QTI 2.1/3.0 items, and refusing hostile XML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from microcred.assessment import (
    ItemKind,
    decide,
    import_moodle_xml,
    import_qti,
    score_item,
)
from microcred.errors import QuestionImportError

IMPORTS = Path(__file__).parents[1] / "vectors" / "assessment" / "imports"


def test_moodle_every_supported_type_imports() -> None:
    """Seven supported questions import; essay and two-answer numeric are reported."""
    result = import_moodle_xml(IMPORTS / "moodle_insulation.xml", outcomes=["LO2"])
    kinds = [item.kind for item in result.items]
    assert kinds == [
        ItemKind.SINGLE_CHOICE,
        ItemKind.MULTIPLE_RESPONSE,
        ItemKind.TRUE_FALSE,
        ItemKind.SHORT_TEXT,
        ItemKind.NUMERIC,
        ItemKind.MATCHING,
        ItemKind.ORDERING,
    ]
    assert [(p.position, p.name) for p in result.problems] == [
        ("question[8]", "Describe a renovation"),
        ("question[9]", "Two answers"),
    ]
    assert "essay" in result.problems[0].problem


def test_moodle_scoring_follows_fractions() -> None:
    """Moodle fractions become partial credit, case-insensitive short answers."""
    items = import_moodle_xml(IMPORTS / "moodle_insulation.xml", outcomes=["LO2"]).items
    single, multiple, _, text, numeric, matching, _ = items
    assert single.outcomes[0].outcome_id == "LO1"  # from the outcome:LO1 tag
    assert score_item(single, "a3").score == -0.25
    assert score_item(multiple, ["a1", "a2", "a3"]).score == 3
    assert score_item(multiple, ["a1", "a4"]).score == 0  # clamped at 0
    assert score_item(text, "  Thermal   BRIDGE").score == 2
    assert score_item(text, "cold spot").score == 1
    assert score_item(numeric, 144.5).score == 1
    assert score_item(numeric, 146).score == 0
    assert score_item(matching, {"s1": "t1", "s2": "t3"}).score == 1


def test_moodle_questions_without_outcomes_are_reported() -> None:
    """Untagged questions without outcomes= are problems, not silent guesses."""
    result = import_moodle_xml(IMPORTS / "moodle_insulation.xml")
    assert len(result.items) == 1  # only the tagged question
    assert any("no learning outcome" in p.problem for p in result.problems)
    with pytest.raises(QuestionImportError, match="could not be imported"):
        result.questionnaire("bank")


def test_qti_21_and_30_items() -> None:
    """QTI 2.1 and 3.0 items import with their template's scoring."""
    files = [
        "qti21_choice_multiple.xml",
        "qti21_order.xml",
        "qti30_match.xml",
        "qti30_choice_text_entry.xml",
        "qti30_single_choice.xml",
    ]
    result = import_qti(*(IMPORTS / f for f in files), outcomes=["LO1"])
    assert result.problems == ()
    water, order, match, text, single = result.items
    assert score_item(water, ["H", "O", "Cl"]).score == 1
    assert score_item(water, ["H", "O", "N"]).score == 0
    assert order.kind is ItemKind.ORDERING
    assert score_item(order, ["measure", "cut", "fit"]).score == 1
    assert score_item(match, {"vcl": "warm"}).score == 1
    assert score_item(text, "personal protective equipment").score == 1
    assert score_item(text, "Personal protective equipment").score == 0  # QTI: exact
    assert single.key == "c"
    questionnaire = result.questionnaire("qti-bank")
    assert not decide(questionnaire, {}).awarded


def test_qti_custom_response_processing_is_reported() -> None:
    """An item with custom rules is listed as a problem with its reason."""
    result = import_qti(IMPORTS / "qti30_custom_processing.xml", outcomes=["LO1"])
    assert result.items == ()
    assert result.problems[0].name == "Custom rules"
    assert "custom response processing" in result.problems[0].problem


def test_qti_refuses_a_non_item() -> None:
    """A Moodle file passed as QTI is refused with a clear error."""
    with pytest.raises(QuestionImportError, match="assessment item"):
        import_qti(IMPORTS / "moodle_insulation.xml", outcomes=["LO1"])


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&secret;</text></name></question></quiz>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://example.org/quiz.dtd">
<quiz/>"""


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_hostile_xml_is_refused(hostile: bytes) -> None:
    """Entities, external entities and DTDs are refused before anything expands."""
    with pytest.raises(QuestionImportError, match="refused"):
        import_moodle_xml(hostile, outcomes=["LO1"])
    with pytest.raises(QuestionImportError, match="refused"):
        import_qti(hostile, outcomes=["LO1"])


@pytest.mark.parametrize("broken", [b"<quiz><question>", b"", b"not xml at all"])
def test_malformed_xml_is_refused(broken: bytes) -> None:
    """Malformed XML is a QuestionImportError, not a parser traceback."""
    with pytest.raises(QuestionImportError, match="not well-formed"):
        import_moodle_xml(broken, outcomes=["LO1"])


def test_imported_bank_saves_as_questionnaire_json() -> None:
    """questionnaire_json round-trips through dumps and load_questionnaire."""
    from microcred._jsonio import dumps
    from microcred.assessment import load_questionnaire

    result = import_qti(IMPORTS / "qti21_choice_multiple.xml", outcomes={"LO1": 2})
    saved = dumps(result.questionnaire_json("water", policy={"threshold": 0.5}))
    questionnaire = load_questionnaire(saved)
    assert questionnaire.items == result.items
    assert decide(questionnaire, {"water": ["H", "O"]}).awarded


@pytest.mark.parametrize("importer", [import_moodle_xml, import_qti])
def test_a_missing_file_is_an_import_error_naming_it(
    importer: Any, tmp_path: Path
) -> None:
    """A path that does not exist is a QuestionImportError naming the file."""
    missing = tmp_path / "missing.xml"
    with pytest.raises(QuestionImportError, match="cannot read the file") as caught:
        importer(missing, outcomes=["LO1"])
    assert caught.value.path == str(missing)
