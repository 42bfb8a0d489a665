"""Reading learning-outcome wording: verbs, levels, shapes; the shipped rules file."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.review import read_outcome
from microcred.review._outcome_text import writing_rules

RULES_SHA256 = "78122fc5a9eea285544905c6f85806826758073d279baba9092e25d733941b8c"


def test_the_rules_file_is_shipped_byte_for_byte() -> None:
    """lo_writing_rules.json has the checksum recorded in its SOURCES.md."""
    data = resources.files("microcred.review").joinpath("data")
    raw = data.joinpath("lo_writing_rules.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == RULES_SHA256
    assert RULES_SHA256 in data.joinpath("SOURCES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "verb", "bloom"),
    [
        ("Install a split heat pump unit.", "install", "apply"),
        ("The learner can explain how a heat pump works.", "explain", "understand"),
        ("Learners will be able to carry out an energy audit.", "carry out", "apply"),
        ("Diagnoses faults in a heating circuit.", "diagnose", "analyse"),
        ("Identifies common insulation materials.", "identify", "remember"),
        ("Check compliance of works with permits.", "check compliance", "evaluate"),
        ("Design a ventilation layout for a flat.", "design", "create"),
    ],
)  # fmt: skip
def test_the_leading_verb_and_its_level(text: str, verb: str, bloom: str) -> None:
    """Lead-ins are skipped, third-person forms and phrases are recognised."""
    wording = read_outcome(text)
    assert (wording.verb, wording.bloom, wording.vague) == (verb, bloom, False)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Know the parts of a roof.", "know"),
        ("Understand thermal bridges.", "understand"),
        ("Be aware of the risks of asbestos.", "be aware of"),
        ("Learners can have knowledge of building codes.", "have knowledge of"),
    ],
)  # fmt: skip
def test_vague_verbs_are_recognised(text: str, verb: str) -> None:
    """Vague verbs are found, with no Bloom level."""
    wording = read_outcome(text)
    assert (wording.verb, wording.vague, wording.bloom) == (verb, True, None)


def test_two_joined_verbs_are_found_but_not_a_noun_after_and() -> None:
    """'install and maintain' is two actions; 'health and safety' is not."""
    assert read_outcome("Install and maintain heat pumps.").second_verb == "maintain"
    assert read_outcome("Follow health and safety procedures.").second_verb is None
    found = read_outcome("Identify materials and select one for the wall.")
    assert found.second_verb == "select"


def test_statements_and_teacher_focus() -> None:
    """Two sentences count as two statements; course-centred text is noticed."""
    assert read_outcome("Apply tape. Seal joints.").statements == 2
    assert read_outcome("Apply tape; seal joints.").statements == 2
    assert read_outcome("Apply tape, e.g. butyl, at joints.").statements == 1
    assert read_outcome("This module covers sealing.").teacher_centred


def test_eqf_bands_come_from_the_hints() -> None:
    """EQF 1-2 expect remember..apply, 7-8 evaluate and create."""
    bands = writing_rules().eqf_levels
    assert bands[1] == ("remember", "understand", "apply")
    assert bands[8] == ("evaluate", "create")
    assert sorted(bands) == list(range(1, 9))


@given(st.text(max_size=300))
def test_any_text_can_be_read(text: str) -> None:
    """No text makes the reader fail."""
    wording = read_outcome(text)
    assert wording.statements >= 0
