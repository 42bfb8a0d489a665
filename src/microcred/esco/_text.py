"""Folding and word splitting shared by label search and skill suggestion.

Matching is lexical on purpose: it runs offline, needs no downloaded model, and a
reviewer can see why a label matched (the words are returned with the match).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STOPWORDS", "fold", "stem", "word_spans", "words"]

_NON_WORD = re.compile(r"[^0-9a-z]+")
# A word, keeping an inner apostrophe (straight or typographic: U+2019).
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")

#: Words that carry no subject matter in ESCO labels or learning outcomes.
STOPWORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is",
        "it", "its", "of", "on", "or", "the", "their", "to", "up", "with", "within",
        "without", "via", "per", "using", "use", "able", "can", "will", "learner",
        "learners", "student", "students",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces."""
    lowered = text.casefold()
    if not lowered.isascii():
        # NFKD splits "é" into "e" + a combining accent, which is then dropped.
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", lowered).strip()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English suffix stripper, applied alike to labels and queries.

    It only has to send "installing", "installed" and "installs" to the same key;
    because both sides go through it, its occasional oddity ("ceil") cancels out.
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix, keep in (("ing", 4), ("ed", 4), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "es" and not word.endswith(("sses", "xes", "ches", "shes")):
                continue
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return fold(text).split()


def word_spans(text: str) -> list[tuple[str, str]]:
    """``(original word, folded stem)`` pairs, so a match can quote the text."""
    return [
        (match.group(0), stem(part))
        for match in _WORD.finditer(text)
        for part in fold(match.group(0)).split()
    ]
