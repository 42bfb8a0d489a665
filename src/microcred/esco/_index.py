"""An inverted index over concept labels: ranked search and outcome matching.

Every label (preferred and alternative) is folded (case and accents removed) and cut
into word stems; each stem points at the labels that contain it, weighted by how
rare it is (inverse document frequency), so "heat pump" outranks "installation".
The index can be saved in a compact JSON form, which is how the bundled subset
ships: folding fifteen thousand labels at every start would cost more than the rest
of loading together.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from microcred.esco._text import STOPWORDS, fold, stem, word_spans

__all__ = ["LabelHit", "LabelIndex", "TextMatch"]

#: How many vocabulary words a trailing prefix ("insul") may expand to.
_PREFIX_EXPANSION = 40


@dataclass(frozen=True, slots=True)
class LabelHit:
    """The best label of one concept for a search query."""

    iri: str
    label: str
    preferred: bool
    score: float


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The best label of one concept for a free text, with the stems it shared."""

    iri: str
    label: str
    stems: frozenset[str]
    score: float


class LabelIndex:
    """Labels of one kind of concept (occupations, or skills), searchable.

    Labels are numbered and kept in parallel lists (IRI, text, preferred or not,
    total weight) rather than as objects, for the same reason as the compact form.
    """

    def __init__(
        self,
        *,
        iris: list[str],
        texts: list[str],
        preferred: list[bool],
        postings: dict[str, list[int]],
        exact: dict[str, list[int]],
    ) -> None:
        """Adopt prepared lists; use :meth:`build` or :meth:`from_compact`."""
        self._iris = iris
        self._texts = texts
        self._preferred = preferred
        self._postings = postings
        self._exact = exact
        self._vocabulary = sorted(postings)
        self._posting_sets: dict[str, frozenset[int]] = {}
        total = len(iris) + 1
        self._idf = {k: math.log(total / len(v)) for k, v in postings.items()}
        weights = [0.0] * len(iris)
        for key, numbers in postings.items():
            weight = self._idf[key]
            for number in numbers:
                weights[number] += weight
        self._weights = weights

    @classmethod
    def build(cls, labelled: Iterable[tuple[str, str, Sequence[str]]]) -> LabelIndex:
        """Index ``(iri, preferred label, alternative labels)`` triples."""
        iris: list[str] = []
        texts: list[str] = []
        preferred: list[bool] = []
        postings: dict[str, list[int]] = defaultdict(list)
        exact: dict[str, list[int]] = defaultdict(list)
        for iri, label, alternatives in labelled:
            seen: set[str] = set()
            for position, text in enumerate((label, *alternatives)):
                folded = fold(text)
                if not folded or folded in seen:
                    continue
                seen.add(folded)
                number = len(iris)
                iris.append(iri)
                texts.append(text)
                preferred.append(position == 0)
                exact[folded].append(number)
                for key in {stem(w) for w in folded.split() if w not in STOPWORDS}:
                    postings[key].append(number)
        return cls(
            iris=iris,
            texts=texts,
            preferred=preferred,
            postings=dict(postings),
            exact=dict(exact),
        )

    def to_compact(self) -> dict[str, Any]:
        """The index as plain JSON values (see :meth:`from_compact`)."""
        return {
            "iris": self._iris,
            "texts": self._texts,
            "preferred": [int(flag) for flag in self._preferred],
            "postings": self._postings,
            "exact": self._exact,
        }

    @classmethod
    def from_compact(cls, data: dict[str, Any]) -> LabelIndex:
        """Rebuild an index saved by :meth:`to_compact`."""
        return cls(
            iris=data["iris"],
            texts=data["texts"],
            preferred=[bool(flag) for flag in data["preferred"]],
            postings=data["postings"],
            exact=data["exact"],
        )

    def search(self, query: str, limit: int) -> list[LabelHit]:
        """Concepts whose labels best match ``query``, best first.

        An identical label scores 1 (a preferred one slightly above an alternative);
        otherwise the score grows with the share of the query's words found in the
        label and the share of the label the query covers. A last query word that
        is no known word matches as a prefix, so a search can be typed ahead.
        """
        folded = fold(query)
        best: dict[str, tuple[float, int]] = {}
        query_stems = [stem(w) for w in folded.split() if w not in STOPWORDS]
        if query_stems:
            self._score_words(query_stems, best)
        for number in self._exact.get(folded, ()):
            best[self._iris[number]] = (
                1.0 if self._preferred[number] else 0.98,
                number,
            )
        top = heapq.nsmallest(
            limit,
            best.items(),
            key=lambda item: (-item[1][0], len(self._texts[item[1][1]]), item[0]),
        )
        return [
            LabelHit(iri, self._texts[number], self._preferred[number], round(score, 4))
            for iri, (score, number) in top
        ]

    def _score_words(
        self, query_stems: list[str], best: dict[str, tuple[float, int]]
    ) -> None:
        terms = [self._term(key) for key in dict.fromkeys(query_stems[:-1])]
        last = query_stems[-1]
        terms.append(self._term(last) if last in self._postings else self._prefix(last))
        wanted = sum(weight for weight, _ in terms)
        if wanted <= 0:
            return
        terms.sort(key=lambda term: -term[0])
        candidates = self._candidates(terms, wanted)

        # The hot loop of every search: plain locals, no calls per label.
        weights, preferred, iris = self._weights, self._preferred, self._iris
        for number in candidates:
            weight = sum([w for w, numbers in terms if number in numbers])
            if weight < 0.5 * wanted:
                continue
            total = weights[number]
            cover = weight / total if weight < total else 1.0
            score = 0.95 * (weight / wanted) * (0.6 + 0.4 * cover)
            if not preferred[number]:
                score *= 0.97
            iri = iris[number]
            current = best.get(iri)
            if current is None or score > current[0]:
                best[iri] = (score, number)

    @staticmethod
    def _candidates(
        terms: list[tuple[float, frozenset[int]]], wanted: float
    ) -> set[int]:
        # A label must hold half the query's weight; labels holding none of the
        # rarest terms cannot, so only those terms' postings are visited.
        candidates: set[int] = set()
        missing = wanted
        for weight, numbers in terms:
            if missing < 0.5 * wanted:
                break
            candidates.update(numbers)
            missing -= weight
        return candidates

    def _term(self, key: str) -> tuple[float, frozenset[int]]:
        found = self._posting_sets.get(key)
        if found is None:
            found = frozenset(self._postings.get(key, ()))
            self._posting_sets[key] = found
        return self._idf.get(key, 0.0), found

    def _prefix(self, key: str) -> tuple[float, frozenset[int]]:
        numbers: set[int] = set()
        start = bisect_left(self._vocabulary, key)
        for word in self._vocabulary[start : start + _PREFIX_EXPANSION]:
            if not word.startswith(key):
                break
            numbers.update(self._postings[word])
        if not numbers:
            return 0.0, frozenset()
        return math.log((len(self._iris) + 1) / len(numbers)), frozenset(numbers)

    def match_text(self, text: str, min_score: float) -> list[TextMatch]:
        """Concepts whose labels are mostly made of ``text``'s words.

        A label scores by the share of its own (rarity-weighted) words found in the
        text, times a factor that prefers labels matched on two words or more over
        a single shared word. One result per concept, its best label.
        """
        text_stems = {key for _, key in word_spans(text) if key not in STOPWORDS}
        shared: dict[int, list[str]] = defaultdict(list)
        for key in text_stems:
            for number in self._postings.get(key, ()):
                shared[number].append(key)
        best: dict[str, TextMatch] = {}
        for number, keys in shared.items():
            total = self._weights[number]
            cover = sum(self._idf[k] for k in keys) / total if total else 0.0
            score = round(cover * min(1.0, 0.5 + 0.25 * len(keys)), 4)
            iri = self._iris[number]
            current = best.get(iri)
            if score >= min_score and (current is None or score > current.score):
                best[iri] = TextMatch(iri, self._texts[number], frozenset(keys), score)
        return list(best.values())
