"""BCP 47 language tags (RFC 5646): a well-formedness check and case normalisation.

The check follows the ABNF of RFC 5646 section 2.1: ``language[-script][-region]
*(-variant) *(-extension) [-privateuse]``, private-use-only tags (``x-...``) and
the 26 grandfathered tags. It also applies two validity rules of section 2.2.5
and 2.2.6 that need no registry: a variant may not repeat and an extension
singleton may not repeat. It does not look subtags up in the IANA registry, so
``qq-ZZ`` is accepted as well-formed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from microcred.errors import ModelValidationError

__all__ = ["is_well_formed", "normalize_language_tag"]

# RFC 5646 section 2.2.8: irregular and regular grandfathered tags, in the
# registry's own case.
_GRANDFATHERED = (
    "en-GB-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-BE-FR",
    "sgn-BE-NL",
    "sgn-CH-DE",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
)
_GRANDFATHERED_BY_LOWER = {tag.lower(): tag for tag in _GRANDFATHERED}

_ALNUM = "[a-z0-9]"
_LANGTAG = re.compile(
    rf"""
    (?P<language>
        [a-z]{{2,3}}(?:-[a-z]{{3}}){{0,3}}   # shortest ISO 639 code + extlang
      | [a-z]{{4}}                           # reserved for future use
      | [a-z]{{5,8}}                         # registered language subtag
    )
    (?:-(?P<script>[a-z]{{4}}))?
    (?:-(?P<region>[a-z]{{2}}|[0-9]{{3}}))?
    (?P<variants>(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*)
    (?P<extensions>(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*)
    (?:-(?P<privateuse>x(?:-{_ALNUM}{{1,8}})+))?
    """,
    re.VERBOSE,
)
_PRIVATEUSE = re.compile(rf"x(?:-{_ALNUM}{{1,8}})+")


def _check_repeats(match: re.Match[str], tag: str) -> None:
    variants = [v for v in match["variants"].split("-") if v]
    if len(variants) != len(set(variants)):
        raise ModelValidationError(f"{tag!r} repeats a variant subtag (RFC 5646 2.2.5)")

    singletons = [part for part in match["extensions"].split("-") if len(part) == 1]
    if len(singletons) != len(set(singletons)):
        raise ModelValidationError(
            f"{tag!r} repeats an extension singleton (RFC 5646 2.2.6)"
        )


def is_well_formed(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (case-insensitive)."""
    try:
        normalize_language_tag(tag)
    except ModelValidationError:
        return False
    return True


def _recase(match: re.Match[str]) -> str:
    # RFC 5646 2.1.1: language lowercase, script title case, region upper case,
    # everything else lowercase.
    parts = [match["language"]]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    text = "-".join(parts) + match["variants"] + match["extensions"]
    if match["privateuse"]:
        text += "-" + match["privateuse"]
    return text


def normalize_language_tag(tag: str) -> str:
    """Check ``tag`` and return it in the case RFC 5646 recommends.

    ``EN-gb`` becomes ``en-GB``, ``zh-hant-tw`` becomes ``zh-Hant-TW``;
    grandfathered tags take their registry case. Raises
    :class:`~microcred.errors.ModelValidationError` (a ``ValueError``) when the
    tag is not well formed.
    """
    if not isinstance(tag, str):
        raise ModelValidationError(
            f"a language tag must be a string, not {type(tag).__name__}"
        )
    return _normalize(tag)


# Language maps repeat a handful of tags thousands of times; the check is pure.
@lru_cache(maxsize=4096)
def _normalize(tag: str) -> str:
    lower = tag.lower()
    if not tag.isascii() or not lower or lower != lower.strip():
        raise ModelValidationError(f"{tag!r} is not a well-formed BCP 47 language tag")

    if lower in _GRANDFATHERED_BY_LOWER:
        return _GRANDFATHERED_BY_LOWER[lower]
    if _PRIVATEUSE.fullmatch(lower):
        return lower

    match = _LANGTAG.fullmatch(lower)
    if match is None:
        raise ModelValidationError(f"{tag!r} is not a well-formed BCP 47 language tag")
    _check_repeats(match, tag)
    return _recase(match)
