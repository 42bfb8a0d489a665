"""Language maps: multilingual text keyed by BCP 47 tags."""

from __future__ import annotations

import pytest

from microcred.errors import ModelValidationError
from microcred.model import LanguageMap, QualityAssurance


def test_of_builds_a_single_language_map() -> None:
    """LanguageMap.of is the explicit way to turn one string into text."""
    text = LanguageMap.of("EN-gb", "Colour")
    assert dict(text) == {"en-GB": "Colour"}
    assert text["en-gb"] == "Colour"


def test_plain_string_is_refused_in_a_model() -> None:
    """A bare string where a language map belongs is an error, never a guess."""
    with pytest.raises(ModelValidationError) as caught:
        QualityAssurance.model_validate({"description": "reviewed"})
    assert caught.value.path == "description"
    assert "LanguageMap.of" in caught.value.problem


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({}, "at least one language"),
        ({"en": ""}, "empty or blank"),
        ({"en": "  \n"}, "empty or blank"),
        ({"en_GB": "x"}, "not a well-formed"),
        ({"en": "a", "EN": "b"}, "appears twice"),
        ({"en": 5}, "must be a string"),
        (["en", "x"], "not list"),
    ],
)
def test_bad_language_maps_are_refused(value: object, fragment: str) -> None:
    """Empty maps, blank text, bad tags, case duplicates and wrong types fail."""
    with pytest.raises(ModelValidationError) as caught:
        QualityAssurance.model_validate({"description": value})
    assert fragment in caught.value.problem
    assert caught.value.path == "description"


def test_constructor_errors_are_model_validation_errors() -> None:
    """Direct construction refuses the same things with ModelValidationError."""
    with pytest.raises(ModelValidationError, match="blank"):
        LanguageMap({"en": " "})
    with pytest.raises(ModelValidationError, match=r"LanguageMap\.of"):
        LanguageMap("text")  # type: ignore[arg-type]
    with pytest.raises(ModelValidationError, match="at least one"):
        LanguageMap({})


def test_language_map_is_immutable_and_hashable() -> None:
    """A language map cannot change and can be a set member."""
    text = LanguageMap({"en": "a", "es": "b"})
    with pytest.raises(AttributeError):
        text.extra = 1
    assert len({text, LanguageMap({"es": "b", "en": "a"})}) == 1


def test_get_text_prefers_and_falls_back() -> None:
    """get_text picks a preferred language, matching by prefix, else the first."""
    text = LanguageMap({"es": "hola", "en-GB": "hello"})
    assert text.get_text("en") == "hello"
    assert text.get_text("fr") == "hola"
    assert text.get("fr") is None
    assert text.get("not a tag") is None
