"""Reading a learning outcome's wording: its action verb, its level, its shape.

The verb lists and vague verbs come from ``data/lo_writing_rules.json`` (revised
Bloom taxonomy, compiled for this project); Cedefop's guidance on writing learning
outcomes asks for one observable action verb, an object and a context, in one
concise sentence, centred on the learner. The checks here are lexical: they read
English text only and cannot parse grammar, so what they find is a prompt for a
reviewer, never a verdict on meaning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "BLOOM_LEVELS",
    "OutcomeWording",
    "WritingRules",
    "read_outcome",
    "writing_rules",
]

#: The revised Bloom levels, lowest first.
BLOOM_LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")

# Observable verbs of the habitat trades that the shipped list lacks (microcred's
# own additions, each placed at the Bloom level it usually expresses).
_EXTRA_VERBS = {
    "remember": ("match", "locate"),
    "understand": ("outline", "discuss", "report", "indicate"),
    "apply": (
        "cut", "follow", "join", "record", "coordinate", "hand over", "maintain",
        "repair", "replace", "lay", "seal", "drill", "paint", "plaster", "weld",
        "solder", "wire", "configure", "commission", "set up", "adjust", "document",
        "estimate", "handle", "mix", "place", "position", "read", "conduct",
        "implement", "execute", "organise", "schedule", "build", "erect",
        "dismantle", "fix", "finish", "level", "align", "complete", "communicate",
        "sketch", "draw", "programme", "clean", "secure", "protect", "size",
    ),
    "analyse": ("monitor", "detect", "measure", "compare", "categorise"),
    "evaluate": (
        "enforce", "reject", "decide", "approve", "validate", "review", "appraise",
        "judge", "critique", "certify", "supervise", "advise",
    ),
    "create": ("compose", "draft", "specify", "construct", "create", "invent"),
}  # fmt: skip

# "The learner can ...", "Learners will be able to ..." and the like come before
# the verb; Cedefop's examples use both forms.
_LEAD_IN = re.compile(
    r"^\s*(?:(?:the\s+)?(?:learners?|students?|participants?|holders?|candidates?)\s+"
    r"(?:will\s+be\s+able\s+to|should\s+be\s+able\s+to|is\s+able\s+to|"
    r"are\s+able\s+to|can|will|should)\s+|(?:be\s+)?able\s+to\s+)",
    re.IGNORECASE,
)
_TEACHER_CENTRED = re.compile(
    r"^\s*(?:this|the)\s+(?:course|module|training|programme|program|unit|session|"
    r"micro-credential|lesson)s?\b|\b(?:will\s+be\s+taught|(?:is|are)\s+"
    r"introduced\s+to|will\s+be\s+introduced)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z])|;|\n\s*[-*\u2022]|\n\s*\d+[.)]")
# Words that, right after "and <verb>", show the verb takes its own object.
_OBJECT_STARTS = frozenset(
    {
        "the", "a", "an", "its", "their", "one", "all", "each", "them", "it",
        "these", "those", "any", "how", "what", "where", "when", "whether", "which",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class WritingRules:
    """Verb lists by Bloom level, vague verbs, and the levels each EQF band expects."""

    verbs: dict[str, str]  # verb phrase -> Bloom level
    vague: tuple[str, ...]
    eqf_levels: dict[int, tuple[str, ...]]  # EQF level -> Bloom levels expected


@cache
def writing_rules() -> WritingRules:
    """The shipped rules (``data/lo_writing_rules.json``) plus microcred's verbs."""
    path = resources.files("microcred.review").joinpath("data", "lo_writing_rules.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    for level in BLOOM_LEVELS:
        for verb in (*data["bloom_levels"][level], *_EXTRA_VERBS[level]):
            verbs.setdefault(verb, level)
    bands: dict[int, tuple[str, ...]] = {}
    for span, hints in data["eqf_hint"].items():
        first, last = (int(n) for n in span.split("-"))
        expected = tuple(hint.split()[0] for hint in hints)
        for eqf in range(first, last + 1):
            bands[eqf] = expected
    return WritingRules(verbs, tuple(data["vague_verbs_to_flag"]), bands)


@dataclass(frozen=True, slots=True)
class OutcomeWording:
    """What a reader finds in one outcome statement.

    ``verb`` is the leading verb phrase as written in the rules (None when the
    statement starts with no recognised verb), ``first_word`` the word it starts
    with, ``bloom`` the verb's level, ``vague`` whether it is a vague verb, and
    ``second_verb`` a further verb joined by "and"/"or" that has its own object.
    """

    first_word: str
    verb: str | None
    bloom: str | None
    vague: bool
    second_verb: str | None
    words: int
    statements: int
    teacher_centred: bool


def _base_forms(word: str) -> tuple[str, ...]:
    # "installs", "identifies", "analyses": outcomes are also written in the third
    # person; the lists hold the base form.
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def _phrase_at(words: list[str], start: int, phrases: set[str]) -> str | None:
    for length in (4, 3, 2, 1):
        chunk = words[start : start + length]
        if len(chunk) < length:
            continue
        for first in _base_forms(chunk[0]):
            phrase = " ".join([first, *chunk[1:]])
            if phrase in phrases:
                return phrase
    return None


def _second_verb(words: list[str], verb: str, phrases: set[str]) -> str | None:
    width = len(verb.split())
    for index, word in enumerate(words[width:], start=width):
        if word not in {"and", "or", "&"}:
            continue
        found = _phrase_at(words, index + 1, phrases)
        if found is None:
            continue
        after = index + 1 + len(found.split())
        right_after_first = index == width
        if right_after_first or (after < len(words) and words[after] in _OBJECT_STARTS):
            return found
    return None


def read_outcome(text: str) -> OutcomeWording:
    """Find the verb, its level and the shape of one (English) outcome statement."""
    rules = writing_rules()
    body = _LEAD_IN.sub("", text, count=1)
    words = _WORD.findall(body.lower())
    vague = set(rules.vague)
    phrases = set(rules.verbs) | vague
    verb = _phrase_at(words, 0, phrases) if words else None
    second = _second_verb(words, verb, phrases) if verb else None
    pieces = [p for p in _SENTENCE_BREAK.split(text.strip()) if p.strip()]
    return OutcomeWording(
        first_word=words[0] if words else "",
        verb=verb,
        bloom=None if verb is None or verb in vague else rules.verbs[verb],
        vague=verb in vague,
        second_verb=second,
        words=len(text.split()),
        statements=len(pieces),
        teacher_centred=bool(_TEACHER_CENTRED.search(text)),
    )
