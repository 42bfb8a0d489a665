"""BCP 47 language tags: the RFC 5646 grammar and its case conventions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microcred.errors import ModelValidationError
from microcred.model import is_well_formed, normalize_language_tag

# RFC 5646 Appendix A, "Examples of Language Tags (Informative)".
RFC_VALID = [
    "de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn",
    "zh-cmn-Hans-CN", "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN",
    "sr-Latn-RS", "sl-rozaj", "sl-rozaj-biske", "sl-nedis", "de-CH-1901",
    "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US", "es-419",
    "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever",
    "qaa-Qaaa-QM-x-southern", "de-Qaaa", "sr-Latn-QM", "sr-Qaaa-RS",
    "en-US-u-islamcal", "zh-CN-a-myext-x-private", "en-a-myext-b-another",
]  # fmt: skip
# The same appendix's "Some Invalid Tags", plus malformed strings.
RFC_INVALID = [
    "de-419-DE",  # two region tags
    "a-DE",  # single-character subtag in primary position
    "ar-a-aaa-b-bbb-a-ccc",  # two extensions with the same singleton
    "de-DE-1901-1901",  # a repeated variant
    "", " en", "en ", "en_GB", "en--GB", "-en", "en-", "e", "toolongtag",
    "en-x", "en-a", "x", "123", "en-GB-", "ελ", "en-US-u",
]  # fmt: skip


@pytest.mark.parametrize("tag", RFC_VALID)
def test_rfc_examples_are_well_formed(tag: str) -> None:
    """Every example tag of RFC 5646 Appendix A passes, in the advised case."""
    # The appendix writes "x-AZE" upper case; 2.1.1 advises lower case after a
    # singleton, which is what normalisation gives.
    expected = tag.replace("AZE", "aze")
    assert normalize_language_tag(tag) == expected


@pytest.mark.parametrize("tag", RFC_INVALID)
def test_malformed_tags_are_refused(tag: str) -> None:
    """Malformed tags raise ModelValidationError naming the tag."""
    with pytest.raises(ModelValidationError):
        normalize_language_tag(tag)
    assert not is_well_formed(tag)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("ZH-HANT-tw", "zh-Hant-TW"),
        ("SGN-be-fr", "sgn-BE-FR"),
        ("I-KLINGON", "i-klingon"),
        ("en-GB-OED", "en-GB-oed"),
        ("DE-ch-X-PHONEBK", "de-CH-x-phonebk"),
        ("en-A-BB-x-CC", "en-a-bb-x-cc"),
        ("es-419", "es-419"),
    ],
)
def test_case_is_normalised_per_rfc_5646(given: str, expected: str) -> None:
    """Tags are case-insensitive and come back in the case RFC 5646 2.1.1 advises."""
    assert normalize_language_tag(given) == expected


def test_non_string_is_refused() -> None:
    """A number is not a language tag."""
    with pytest.raises(ModelValidationError):
        normalize_language_tag(42)  # type: ignore[arg-type]


@given(st.text(max_size=20))
def test_any_text_is_accepted_or_refused_cleanly(text: str) -> None:
    """Arbitrary text either normalises idempotently or raises ModelValidationError."""
    try:
        tag = normalize_language_tag(text)
    except ModelValidationError:
        return
    assert normalize_language_tag(tag) == tag
    assert tag.lower() == text.lower()
