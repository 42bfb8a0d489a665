"""Look-ups, label search, relations and ISCO hierarchy on the bundled subset."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.errors import InvalidDataError, UnknownConceptError
from microcred.esco import (
    EscoCatalogue,
    IscoGroup,
    OccupationConcept,
    SkillConcept,
)

ESCO = "http://data.europa.eu/esco/"
INSULATION_WORKER = ESCO + "occupation/b2dab4fb-b7f7-4f57-94b2-9c0f0848564a"
WINDOW_INSTALLER = ESCO + "occupation/353a22a7-1c55-410c-a7a7-c531692b5e50"
CUT_INSULATION = ESCO + "skill/1889010b-f796-4a79-ba6e-7451dc6e3e4a"
INSULATION_TYPES = ESCO + "skill/0d0fe364-462d-48dd-b54b-e972e2bdecb1"


@pytest.fixture(scope="module")
def catalogue() -> EscoCatalogue:
    return EscoCatalogue.bundled()


def test_bundled_is_loaded_once(catalogue: EscoCatalogue) -> None:
    """The subset is parsed once per process; later calls share it."""
    assert EscoCatalogue.bundled() is catalogue


def test_lookup_by_iri_finds_each_kind(catalogue: EscoCatalogue) -> None:
    """An occupation, a skill and an ISCO group are all found by IRI."""
    occupation = catalogue.get(INSULATION_WORKER)
    skill = catalogue.get(CUT_INSULATION)
    group = catalogue.get(ESCO + "isco/C7124")
    assert isinstance(occupation, OccupationConcept)
    assert occupation.preferred_label == "insulation worker"
    assert occupation.isco_group == "7124"
    assert isinstance(skill, SkillConcept)
    assert skill.preferred_label == "cut insulation material to size"
    assert skill.skill_type == "skill/competence"
    assert isinstance(group, IscoGroup)
    assert group.preferred_label == "Insulation workers"
    assert INSULATION_WORKER in catalogue


def test_unknown_iris_are_none_or_a_clear_error(catalogue: EscoCatalogue) -> None:
    """``get`` gives None; ``occupation``/``skill`` raise UnknownConceptError."""
    unknown = ESCO + "occupation/00000000-0000-0000-0000-000000000000"
    assert catalogue.get(unknown) is None
    assert unknown not in catalogue
    with pytest.raises(UnknownConceptError, match="not an occupation"):
        catalogue.occupation(unknown)
    with pytest.raises(UnknownConceptError, match="not a skill"):
        catalogue.skill(INSULATION_WORKER)
    with pytest.raises(LookupError):
        catalogue.skills_of(CUT_INSULATION)


def test_skill_flags_come_from_the_subset(catalogue: EscoCatalogue) -> None:
    """isGreen and friends are read as booleans ("types of insulation" is green)."""
    skill = catalogue.skill(INSULATION_TYPES)
    assert skill.is_green is True
    assert skill.is_digital is False
    assert skill.reuse_level == "cross-sector"


def test_alternative_labels_are_split(catalogue: EscoCatalogue) -> None:
    """The subset's " | "-joined alternative labels become separate labels."""
    occupation = catalogue.occupation(INSULATION_WORKER)
    assert len(occupation.alt_labels) > 1
    assert all("|" not in label for label in occupation.alt_labels)
    assert occupation.preferred_label not in occupation.alt_labels


def test_exact_preferred_label_ranks_first(catalogue: EscoCatalogue) -> None:
    """Searching an occupation's own label puts it first with score 1."""
    hits = catalogue.search("window installer")
    assert hits[0].concept.iri == WINDOW_INSTALLER
    assert hits[0].score == 1.0
    assert hits[0].preferred is True
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_ignores_case_and_accents(catalogue: EscoCatalogue) -> None:
    """ "WÍNDOW Installér" finds the same first hit as "window installer"."""
    assert catalogue.search("WÍNDOW Installér")[0].concept.iri == WINDOW_INSTALLER


def test_search_matches_alternative_labels(catalogue: EscoCatalogue) -> None:
    """An alternative label finds its concept and says it was not the preferred."""
    occupation = catalogue.occupation(INSULATION_WORKER)
    alternative = occupation.alt_labels[0]
    hits = catalogue.search(alternative, kind="occupation")
    first = next(h for h in hits if h.concept.iri == INSULATION_WORKER)
    assert first.label == alternative
    assert first.preferred is False


def test_search_kind_filters(catalogue: EscoCatalogue) -> None:
    """``kind`` restricts the hits to occupations or to skills."""
    occupations = catalogue.search("insulation", kind="occupation")
    skills = catalogue.search("insulation", kind="skill")
    assert occupations
    assert skills
    assert all(isinstance(h.concept, OccupationConcept) for h in occupations)
    assert all(isinstance(h.concept, SkillConcept) for h in skills)
    with pytest.raises(ValueError, match="kind"):
        catalogue.search("insulation", kind="group")


def test_search_types_ahead_on_the_last_word(catalogue: EscoCatalogue) -> None:
    """An unfinished last word ("insul") still finds insulation concepts."""
    hits = catalogue.search("insul", limit=5)
    assert hits
    assert all("insul" in h.label.casefold() for h in hits)


def test_search_without_content_words_finds_nothing(catalogue: EscoCatalogue) -> None:
    """Empty text or only stopwords gives no hit rather than everything."""
    assert catalogue.search("") == []
    assert catalogue.search("of the and") == []


def test_skills_of_an_occupation(catalogue: EscoCatalogue) -> None:
    """Essential skills come first and the two kinds partition the links."""
    links = catalogue.skills_of(INSULATION_WORKER)
    essential = catalogue.essential_skills(INSULATION_WORKER)
    optional = catalogue.optional_skills(INSULATION_WORKER)
    assert len(links) == len(essential) + len(optional)
    assert [x.skill for x in links] == [*essential, *optional]
    assert CUT_INSULATION in {s.iri for s in essential}
    assert catalogue.relation(INSULATION_WORKER, CUT_INSULATION) == "essential"


def test_occupations_needing_a_skill(catalogue: EscoCatalogue) -> None:
    """The reverse relation names the insulation worker for cutting insulation."""
    links = catalogue.occupations_needing(CUT_INSULATION)
    assert INSULATION_WORKER in {x.occupation.iri for x in links}
    essential = catalogue.occupations_needing(CUT_INSULATION, "essential")
    assert all(x.relation == "essential" for x in essential)


def test_isco_hierarchy_runs_from_major_to_unit(catalogue: EscoCatalogue) -> None:
    """Insulation worker: 7 > 71 > 712 > 7124."""
    chain = catalogue.isco_hierarchy(INSULATION_WORKER)
    assert [g.code for g in chain] == ["7", "71", "712", "7124"]
    assert chain[-1].preferred_label == "Insulation workers"


def test_suggestions_quote_the_outcome_words(catalogue: EscoCatalogue) -> None:
    """A cutting outcome suggests "cut insulation material to size" with its words."""
    text = "Cut insulation boards to size following the manufacturer's instructions."
    suggestions = catalogue.suggest_skills(text, occupations=[INSULATION_WORKER])
    found = {s.skill.iri: s for s in suggestions}
    assert CUT_INSULATION in found
    match = found[CUT_INSULATION]
    assert set(match.matched_words) >= {"Cut", "insulation", "size"}
    assert match.relation == "essential"
    assert [s.score for s in suggestions] == sorted(
        (s.score for s in suggestions), reverse=True
    )


def test_suggestions_prefer_the_occupations_skills(catalogue: EscoCatalogue) -> None:
    """Given occupations, a skill they need outranks an unrelated equal match."""
    text = "Install insulation material in walls."
    plain = catalogue.suggest_skills(text, limit=20)
    focused = catalogue.suggest_skills(text, occupations=[INSULATION_WORKER], limit=20)
    assert focused[0].relation in {"essential", "optional"}
    assert {s.skill.iri for s in plain} == {s.skill.iri for s in focused}


def test_no_suggestion_for_text_without_esco_words(catalogue: EscoCatalogue) -> None:
    """Text sharing no word with any label gives no suggestion."""
    assert catalogue.suggest_skills("Zxq qwv.") == []


@given(st.text(max_size=200))
def test_search_and_suggest_accept_any_text(text: str) -> None:
    """Any string (control characters, emoji, ...) searches without an error."""
    catalogue = EscoCatalogue.bundled()
    for hit in catalogue.search(text, limit=3):
        assert 0 < hit.score <= 1
    for suggestion in catalogue.suggest_skills(text, limit=3):
        assert 0 < suggestion.score <= 1


def test_official_loader_refuses_a_non_path() -> None:
    """A folder that is not a path is a TypeError, not a crash later."""
    with pytest.raises(TypeError):
        EscoCatalogue.from_official_csv(42)


def test_official_loader_names_the_missing_file(tmp_path: object) -> None:
    """An empty folder names the first missing file of the official layout."""
    with pytest.raises(InvalidDataError, match=r"occupations_en\.csv"):
        EscoCatalogue.from_official_csv(str(tmp_path))


def _top(best: dict[str, tuple[float, int]], limit: int) -> list[tuple[str, float]]:
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return [(iri, round(score, 4)) for iri, (score, _) in ranked[:limit]]


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_one_word_shortcut_finds_what_full_scoring_finds(limit: int) -> None:
    """For every indexed word, the early-stopping path ranks as scoring all does."""
    index = EscoCatalogue.bundled()._skill_index
    for word in sorted(index._postings)[::7]:
        quick: dict[str, tuple[float, int]] = {}
        full: dict[str, tuple[float, int]] = {}
        index._score_one_word(word, word, limit, quick)
        index._score_words([word], word, full)
        assert _top(quick, limit) == _top(full, limit)[: len(_top(quick, limit))]
        assert len(_top(quick, limit)) == min(limit, len(_top(full, limit)))
