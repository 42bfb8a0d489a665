"""IMS QTI 2.1 and 3.0 assessment items with the standard response processing.

QTI 3.0 spells QTI 2.1's ``choiceInteraction`` as ``qti-choice-interaction`` and
``maxChoices`` as ``max-choices``; names are brought to the 2.1 spelling first,
so one reader serves both. Supported: one interaction per item (choice, order,
match, text entry, inline choice) scored by the ``match_correct`` or
``map_response`` template. Everything else is reported as a problem.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from microcred.assessment._import import (
    Collector,
    ImportResult,
    Outcomes,
    assign_outcomes,
    check_outcomes_argument,
    read_xml,
    slug,
)
from microcred.assessment._xml import local_name
from microcred.errors import QuestionImportError

__all__ = ["import_qti"]

_KEBAB = re.compile(r"-([a-z])")
_SPACES = re.compile(r"\s+")
_TEMPLATES = {"match_correct", "map_response"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _UnsupportedItemError(Exception):
    """This item cannot be imported (internal signal, becomes a problem)."""


def _name(element: ET.Element) -> str:
    """QTI 3 ``qti-choice-interaction`` and QTI 2.1 ``choiceInteraction`` alike."""
    name = local_name(element.tag)
    name = name.removeprefix("qti-")
    return _KEBAB.sub(lambda m: m.group(1).upper(), name)


def _attr(element: ET.Element, camel: str, default: str = "") -> str:
    kebab = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), camel)
    return element.get(camel, element.get(kebab, default))


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _name(child) == name]


def _descendants(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (node for node in element.iter() if _name(node) == name)


def _text(element: ET.Element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _body_text(body: ET.Element) -> str:
    """The item body's text outside its interaction, then the interaction's prompt."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if _name(node).endswith("Interaction"):
            parts.extend(_text(p) for p in _children(node, "prompt"))
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        parts.append(node.tail or "")

    for child in body:
        walk(child)
    return _SPACES.sub(" ", " ".join(parts)).strip()


def _template(root: ET.Element) -> str:
    processing = _children(root, "responseProcessing")
    if not processing:
        raise _UnsupportedItemError("the item has no response processing")
    location = _attr(processing[0], "template") or _attr(
        processing[0], "templateLocation"
    )
    name = location.rstrip("/").rsplit("/", 1)[-1].removesuffix(".xml")
    if name not in _TEMPLATES:
        what = f"template {name!r}" if location else "custom response processing"
        raise _UnsupportedItemError(
            f"{what} is not supported (only match_correct and map_response)"
        )
    return name


def _declaration(root: ET.Element, identifier: str) -> ET.Element:
    for declaration in _children(root, "responseDeclaration"):
        if _attr(declaration, "identifier") == identifier:
            return declaration
    raise _UnsupportedItemError(f"no response declaration {identifier!r}")


def _correct(declaration: ET.Element) -> list[str]:
    return [
        (value.text or "").strip()
        for node in _children(declaration, "correctResponse")
        for value in _children(node, "value")
    ]


def _mapping(declaration: ET.Element) -> tuple[dict[str, Any], bool]:
    """The map_response scoring object, and whether string keys ignore case."""
    found = _children(declaration, "mapping")
    if not found:
        raise _UnsupportedItemError("map_response needs a <mapping>")
    mapping = found[0]
    entries = {
        _attr(e, "mapKey"): float(Fraction(_attr(e, "mappedValue", "0")))
        for e in _children(mapping, "mapEntry")
    }
    ignore_case = all(
        _attr(e, "caseSensitive", "true") == "false"
        for e in _children(mapping, "mapEntry")
    )
    scoring: dict[str, Any] = {
        "rule": "map_response",
        "mapping": entries,
        "default": float(Fraction(_attr(mapping, "defaultValue", "0"))),
    }
    for bound in ("lowerBound", "upperBound"):
        if _attr(mapping, bound):
            scoring[bound.replace("B", "_b")] = float(Fraction(_attr(mapping, bound)))
    return scoring, ignore_case


def _choices(interaction: ET.Element, name: str) -> list[dict[str, str]]:
    return [
        {"id": _attr(c, "identifier"), "text": _text(c) or _attr(c, "identifier")}
        for c in _descendants(interaction, name)
    ]


def _choice_fields(
    interaction: ET.Element, cardinality: str, correct: list[str]
) -> dict[str, Any]:
    kind = _name(interaction)
    if kind == "orderInteraction":
        return {
            "kind": "ordering",
            "choices": _choices(interaction, "simpleChoice"),
            "key": correct,
        }
    choice_name = (
        "inlineChoice" if kind == "inlineChoiceInteraction" else "simpleChoice"
    )
    choices = _choices(interaction, choice_name)
    if cardinality == "single":
        return {
            "kind": "single_choice",
            "choices": choices,
            "key": correct[0] if correct else None,
        }
    return {"kind": "multiple_response", "choices": choices, "key": correct}


def _match_fields(interaction: ET.Element, correct: list[str]) -> dict[str, Any]:
    sets = list(_descendants(interaction, "simpleMatchSet"))
    if len(sets) != 2:
        raise _UnsupportedItemError("a match interaction needs two match sets")
    key: dict[str, str] = {}
    for pair in correct:
        source, _, target = pair.partition(" ")
        if source in key:
            raise _UnsupportedItemError(
                f"source {source!r} has more than one correct target"
            )
        key[source] = target
    return {
        "kind": "matching",
        "sources": _choices(sets[0], "simpleAssociableChoice"),
        "targets": _choices(sets[1], "simpleAssociableChoice"),
        "key": key,
    }


def _text_entry_fields(base_type: str, correct: list[str]) -> dict[str, Any]:
    if base_type in {"float", "integer"}:
        if len(correct) != 1:
            raise _UnsupportedItemError("a numeric entry needs one correct value")
        return {"kind": "numeric", "key": float(Fraction(correct[0]))}
    # QTI compares strings exactly; a case-insensitive mapping relaxes that below.
    return {"kind": "short_text", "key": {"accepted": correct, "normalise": []}}


def _fields(root: ET.Element) -> dict[str, Any]:
    body = _children(root, "itemBody")
    interactions = [
        n for n in (body[0].iter() if body else []) if _name(n).endswith("Interaction")
    ]
    if len(interactions) != 1:
        raise _UnsupportedItemError(
            f"{len(interactions)} interactions; "
            "only single-interaction items are supported"
        )
    interaction = interactions[0]
    declaration = _declaration(root, _attr(interaction, "responseIdentifier"))
    cardinality = _attr(declaration, "cardinality", "single")
    correct = _correct(declaration)
    kind = _name(interaction)
    if kind in {"choiceInteraction", "orderInteraction", "inlineChoiceInteraction"}:
        fields = _choice_fields(interaction, cardinality, correct)
    elif kind == "matchInteraction":
        fields = _match_fields(interaction, correct)
    elif kind == "textEntryInteraction":
        fields = _text_entry_fields(_attr(declaration, "baseType", "string"), correct)
    else:
        raise _UnsupportedItemError(f"{kind} is not supported")
    if not correct:
        raise _UnsupportedItemError("the response declaration has no correct response")
    fields["prompt"] = _body_text(body[0]) or _attr(root, "title")
    return _with_scoring(fields, declaration, _template(root))


def _with_scoring(
    fields: dict[str, Any], declaration: ET.Element, template: str
) -> dict[str, Any]:
    if template == "match_correct":
        return fields | {"points": 1}  # the template sets SCORE to 1 or 0
    scoring, ignore_case = _mapping(declaration)
    if fields["kind"] == "short_text" and ignore_case:
        fields["key"]["normalise"] = ["case"]
        scoring["mapping"] = {k.casefold(): v for k, v in scoring["mapping"].items()}
    if "upper_bound" not in scoring:
        positive = [v for v in scoring["mapping"].values() if v > 0]
        single = fields["kind"] in {"single_choice", "short_text"}
        scoring["upper_bound"] = (
            (max(positive) if single else sum(positive)) if positive else 0
        )
    return fields | {"scoring": scoring, "points": scoring["upper_bound"]}


def import_qti(
    *sources: str | bytes | os.PathLike[str],
    outcomes: Outcomes,
    language: str = "en",
) -> ImportResult:
    """Import IMS QTI 2.1 or 3.0 assessment items (one item per source).

    Every imported item assesses ``outcomes``. Items with other interactions,
    several interactions or custom response processing are listed in the
    result's ``problems``. Malformed or hostile XML, or a document that is not
    an assessment item, raises :class:`~microcred.errors.QuestionImportError`.
    """
    check_outcomes_argument(outcomes)
    collector = Collector()
    for index, source in enumerate(sources):
        position = f"item[{index}]"
        root = read_xml(source, f"QTI {position}")
        if _name(root) != "assessmentItem":
            raise QuestionImportError(
                f"expected a QTI assessment item, found <{local_name(root.tag)}> "
                "(tests and content packages are not imported: pass their items)",
                path=position,
            )
        _import_item(collector, root, position, outcomes, root.get(_XML_LANG, language))
    return collector.result()


def _import_item(
    collector: Collector,
    root: ET.Element,
    position: str,
    outcomes: Outcomes,
    language: str,
) -> None:
    identifier = _attr(root, "identifier")
    name = _attr(root, "title") or identifier or position
    try:
        fields = _fields(root)
    except (
        _UnsupportedItemError,
        ValueError,
        ZeroDivisionError,
        OverflowError,
    ) as reason:
        collector.problem(position, name, str(reason))
        return
    raw = {
        "id": collector.unique_id(slug(identifier, position)),
        "outcomes": assign_outcomes(outcomes, []),
        **fields,
        "prompt": {language: fields["prompt"] or name},
    }
    collector.add(raw, position, name)
