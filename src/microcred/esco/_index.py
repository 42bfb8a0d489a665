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
        weights: list[float] | None = None,
    ) -> None:
        """Adopt prepared lists; use :meth:`build` or :meth:`from_compact`."""
        self._iris = iris
        self._texts = texts
        self._preferred = preferred
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._posting_sets: dict[str, frozenset[int]] = {}
        self._by_weight: dict[str, list[int]] = {}
        total = len(iris) + 1
        self._idf = {k: math.log(total / len(v)) for k, v in postings.items()}
        self._weights = weights or self._label_weights()

    def _label_weights(self) -> list[float]:
        weights = [0.0] * len(self._iris)
        for key, numbers in self._postings.items():
            weight = self._idf[key]
            for number in numbers:
                weights[number] += weight
        return weights

    @classmethod
    def build(cls, labelled: Iterable[tuple[str, str, Sequence[str]]]) -> LabelIndex:
        """Index ``(iri, preferred label, alternative labels)`` triples."""
        iris: list[str] = []
        texts: list[str] = []
        preferred: list[bool] = []
        postings: dict[str, list[int]] = defaultdict(list)
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
                # Sorted, so the saved index is the same whatever the hash seed.
                for key in sorted(
                    {stem(w) for w in folded.split() if w not in STOPWORDS}
                ):
                    postings[key].append(number)
        return cls(
            iris=iris,
            texts=texts,
            preferred=preferred,
            postings=dict(postings),
        )

    def to_compact(self, labels: dict[str, tuple[int, tuple[str, ...]]]) -> Any:
        """The index as plain JSON values (see :meth:`from_compact`).

        ``labels`` maps each IRI to its concept's number and labels (preferred
        first); a label is saved as ``[concept number, position]`` rather than
        as text, since the concepts already carry every label.
        """
        refs = []
        for iri, text in zip(self._iris, self._texts, strict=True):
            number, texts = labels[iri]
            refs.append([number, texts.index(text)])
        return {"labels": refs, "postings": self._postings, "weights": self._weights}

    @classmethod
    def from_compact(
        cls, data: dict[str, Any], labels: list[tuple[str, tuple[str, ...]]]
    ) -> LabelIndex:
        """Rebuild an index saved by :meth:`to_compact`; ``labels`` by number."""
        refs = data["labels"]
        return cls(
            iris=[labels[number][0] for number, _ in refs],
            texts=[labels[number][1][position] for number, position in refs],
            preferred=[position == 0 for _, position in refs],
            postings=data["postings"],
            weights=data["weights"],
        )

    def search(self, query: str, limit: int) -> list[LabelHit]:
        """Concepts whose labels best match ``query``, best first.

        A label identical to the query (once folded) scores 1, or 0.98 for an
        alternative label; otherwise the score grows with the share of the
        query's words found in the label and the share of the label the query
        covers. A last query word that is no known word matches as a prefix, so a
        search can be typed ahead.
        """
        folded = fold(query)
        best: dict[str, tuple[float, int]] = {}
        query_stems = [stem(w) for w in folded.split() if w not in STOPWORDS]
        if len(query_stems) == 1 and query_stems[0] in self._postings:
            self._score_one_word(query_stems[0], folded, limit, best)
        elif query_stems:
            self._score_words(query_stems, folded, best)
        top = heapq.nsmallest(
            limit,
            best.items(),
            key=lambda item: (-item[1][0], len(self._texts[item[1][1]]), item[0]),
        )
        return [
            LabelHit(iri, self._texts[number], self._preferred[number], round(score, 4))
            for iri, (score, number) in top
        ]

    def _same(self, number: int, folded: str) -> bool:
        # Only labels made of exactly the query's words get here, so folding
        # them now costs less than keeping every folded label in memory.
        return fold(self._texts[number]) == folded

    def _score_words(
        self,
        query_stems: list[str],
        folded: str,
        best: dict[str, tuple[float, int]],
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
            if weight >= total and weight >= wanted and self._same(number, folded):
                score = 1.0 if preferred[number] else 0.98
            else:
                cover = weight / total if weight < total else 1.0
                score = 0.95 * (weight / wanted) * (0.6 + 0.4 * cover)
                if not preferred[number]:
                    score *= 0.97
            iri = iris[number]
            current = best.get(iri)
            if current is None or (score, -number) > (current[0], -current[1]):
                best[iri] = (score, number)

    def _score_one_word(
        self, key: str, folded: str, limit: int, best: dict[str, tuple[float, int]]
    ) -> None:
        # One word ("install") can sit in hundreds of labels. All share the same
        # matched weight, so the score only falls as a label grows: visiting them
        # shortest (lightest) first, the visit stops once no later label can beat
        # the limit-th concept already found.
        weight = self._idf[key]
        order = self._by_weight.get(key)
        if order is None:
            order = sorted(self._postings[key], key=self._weights.__getitem__)
            self._by_weight[key] = order
        floor = 1.0  # no more than the limit-th best score so far (a lower bound)
        for number in order:
            total = self._weights[number]
            ceiling = 0.95 * (0.6 + 0.4 * min(1.0, weight / total))
            whole = weight >= total  # the label is this one word: maybe identical
            if len(best) >= limit and (1.0 if whole else ceiling) < floor:
                break
            if whole and self._same(number, folded):
                score = 1.0 if self._preferred[number] else 0.98
            else:
                score = ceiling if self._preferred[number] else ceiling * 0.97
            iri = self._iris[number]
            current = best.get(iri)
            if current is None:
                if len(best) < limit:
                    floor = min(floor, score)
                best[iri] = (score, number)
            elif (score, -number) > (current[0], -current[1]):
                # Of equal scores, the label listed first in ESCO is shown.
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
        a single shared word (which counts only for a preferred label). One result
        per concept, its best label.
        """
        text_stems = {key for _, key in word_spans(text) if key not in STOPWORDS}
        shared: dict[int, list[str]] = defaultdict(list)
        for key in text_stems:
            for number in self._postings.get(key, ()):
                shared[number].append(key)
        best: dict[str, TextMatch] = {}
        for number, keys in shared.items():
            # One shared word with an alternative label ("board", "tie", "pole"
            # for scaffolding components) says too little to suggest a skill.
            if len(keys) == 1 and not self._preferred[number]:
                continue
            total = self._weights[number]
            cover = sum(self._idf[k] for k in keys) / total if total else 0.0
            score = round(cover * min(1.0, 0.5 + 0.25 * len(keys)), 4)
            iri = self._iris[number]
            current = best.get(iri)
            if score >= min_score and (current is None or score > current.score):
                best[iri] = TextMatch(iri, self._texts[number], frozenset(keys), score)
        return list(best.values())
