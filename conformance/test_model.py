"""The model's concepts against every concept in the EU's own credentials.

The EU samples (ELM and ELM-support) are read from ../shared/anchors: those
under eu-elm-support/ state no licence and are not copied into the repository.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from microcred.model import (
    AssessmentType,
    Concept,
    EQFLevel,
    LearningSetting,
    Mode,
    SupervisionVerification,
    VocabularyEnum,
    country_concept,
    isced_f,
    language_concept,
    language_tag_for,
)

SAMPLES = ("eu-elm-github-2023", "eu-elm-support")
CONCEPT_KEYS = ("id", "type", "inScheme", "prefLabel", "notation")
# JSON property -> the enum the model reads it into.
ENUM_FOR: dict[str, type[VocabularyEnum]] = {
    "mode": Mode,
    "learningSetting": LearningSetting,
    "idVerification": SupervisionVerification,
}


def _credential(path: Path) -> Any:
    document = json.loads(path.read_text("utf-8"))
    if "payload" in document:  # a JAdES envelope: the credential is the payload
        return json.loads(document["payload"])
    return document.get("credential", document)


def _concepts(node: Any, key: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "Concept":
            yield key, node
        for child_key, child in node.items():
            yield from _concepts(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _concepts(child, key)


def _eu_concepts(anchors: Path) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for folder in SAMPLES:
        # *.jsonld only: the .json file is the issuer service's upload form, not EDC.
        for path in sorted((anchors / "edc" / "samples" / folder).glob("*.jsonld")):
            for key, node in _concepts(_credential(path)):
                found.append((path.name, key, node))
    return found


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


# (does this rule apply to the JSON key and IRI?, how the model builds the concept)
RULES: list[tuple[Callable[[str, str], bool], Callable[[str, str], Concept]]] = [
    (lambda key, _: key in ENUM_FOR, lambda k, iri: ENUM_FOR[k].from_iri(iri).concept),
    (lambda key, _: key == "eqfLevel", lambda _, iri: EQFLevel.from_iri(iri).concept),
    (lambda key, _: key == "thematicArea", lambda _, iri: isced_f(_tail(iri))),
    (
        lambda key, iri: key == "dcType" and "/snb/assessment/" in iri,
        lambda _, iri: AssessmentType.from_iri(iri).concept,
    ),
    (
        lambda _, iri: "/authority/country/" in iri,
        lambda _, iri: country_concept(_tail(iri)),
    ),
    (
        lambda _, iri: "/authority/language/" in iri,
        lambda _, iri: language_concept(language_tag_for(iri)),
    ),
]  # fmt: skip


def _ours(key: str, node: dict[str, Any]) -> dict[str, Any] | None:
    for applies, build in RULES:
        if applies(key, node["id"]):
            return build(key, node["id"]).to_jsonld()
    return None


def test_eu_samples_are_present(anchors: Path) -> None:
    """The EU samples are there to compare against (never a silent pass)."""
    assert len(_eu_concepts(anchors)) > 100


def test_our_concepts_equal_the_eus(anchors: Path) -> None:
    """Every EU concept the model covers is rebuilt node for node, labels included."""
    compared = 0
    for name, key, node in _eu_concepts(anchors):
        ours = _ours(key, node)
        if ours is None:
            continue
        expected = {
            k: node[k]
            for k in ("id", "type", "inScheme", "prefLabel", "notation")
            if k in node
        }
        assert ours == expected, (name, key)
        compared += 1
    assert compared > 50


@pytest.mark.parametrize("key", sorted(ENUM_FOR))
def test_every_enum_property_is_seen(anchors: Path, key: str) -> None:
    """Each vocabulary the enums cover occurs in the EU samples at least once."""
    assert any(k == key for _, k, _ in _eu_concepts(anchors))
