"""``microcred review`` and ``microcred esco``: submission review and ESCO look-ups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from microcred._jsonio import dumps, load_json

__all__ = ["register"]

#: Exit status of ``microcred review`` when the report has an error-level finding.
EXIT_FINDINGS = 1


def register(subparsers: Any) -> None:
    """Add the ``review`` and ``esco`` commands."""
    _register_review(subparsers)
    _register_esco(subparsers)


def _register_review(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review a micro-credential submission (exit 1 on an error finding)",
        description="Review a micro-credential submission (the model's JSON) for "
        "quality, transparency and relevance. Exit status: 0 without error-level "
        "findings, 1 with some, 2 when the input cannot be read.",
    )
    parser.add_argument("file", type=Path, help="the submission, a JSON file")
    parser.add_argument(
        "--questionnaire", type=Path, metavar="Q", help="its questionnaire (JSON)"
    )
    parser.add_argument(
        "--format", choices=("text", "json", "markdown"), default="text"
    )
    _esco_folder_option(parser)
    parser.set_defaults(handler=_review)


def _esco_folder_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--esco-csv",
        type=Path,
        metavar="DIR",
        help="use the official ESCO CSV download unpacked in DIR instead of the "
        "bundled habitat-sector subset",
    )


def _catalogue(args: argparse.Namespace) -> Any:
    from microcred.esco import EscoCatalogue

    if args.esco_csv is None:
        return EscoCatalogue.bundled()
    return EscoCatalogue.from_official_csv(args.esco_csv)


def _review(args: argparse.Namespace) -> int:
    from microcred.review import review_submission

    submission = load_json(args.file)
    questionnaire = None
    if args.questionnaire is not None:
        from microcred.assessment import load_questionnaire

        questionnaire = load_questionnaire(args.questionnaire)
    report = review_submission(
        submission, questionnaire=questionnaire, catalogue=_catalogue(args)
    )
    rendered = {
        "text": report.to_text,
        "json": report.to_json,
        "markdown": report.to_markdown,
    }[args.format]()
    sys.stdout.write(rendered)
    return 0 if report.passed else EXIT_FINDINGS


def _register_esco(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "esco",
        help="search ESCO occupations and skills (offline)",
        description="Search the ESCO occupations and skills microcred bundles (the "
        "habitat-sector subset of ESCO v1.1.1), or a full ESCO CSV download.",
    )
    commands = parser.add_subparsers(dest="esco_command", metavar="COMMAND")
    commands.required = True

    search = commands.add_parser("search", help="find concepts by label")
    search.add_argument("text", help="words to look for (case and accents ignored)")
    search.add_argument("--kind", choices=("occupation", "skill"))
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--format", choices=("text", "json"), default="text")
    _esco_folder_option(search)
    search.set_defaults(handler=_search)

    occupation = commands.add_parser(
        "occupation", help="an occupation's ISCO groups and skills"
    )
    occupation.add_argument("iri", help="the occupation's ESCO IRI")
    occupation.add_argument("--format", choices=("text", "json"), default="text")
    _esco_folder_option(occupation)
    occupation.set_defaults(handler=_occupation)

    suggest = commands.add_parser(
        "suggest", help="ESCO skills for a learning outcome's text"
    )
    suggest.add_argument("text", help="the learning outcome")
    suggest.add_argument(
        "--occupation", action="append", default=[], metavar="IRI",
        help="rank this occupation's skills first (repeatable)",
    )  # fmt: skip
    suggest.add_argument("--limit", type=int, default=5)
    _esco_folder_option(suggest)
    suggest.set_defaults(handler=_suggest)


def _search(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    hits = catalogue.search(args.text, kind=args.kind, limit=max(args.limit, 1))
    if args.format == "json":
        rows = [
            {
                "iri": hit.concept.iri,
                "kind": _kind(hit.concept),
                "preferredLabel": hit.concept.preferred_label,
                "matchedLabel": hit.label,
                "score": hit.score,
            }
            for hit in hits
        ]
        sys.stdout.write(dumps(rows).decode("utf-8"))
        return 0
    for hit in hits:
        also = "" if hit.preferred else f"  (as {hit.label!r})"
        print(
            f"{hit.score:.2f}  {_kind(hit.concept):<10}  "
            f"{hit.concept.preferred_label}{also}\n      {hit.concept.iri}"
        )
    if not hits:
        print(f"no ESCO occupation or skill matches {args.text!r}")
    print(catalogue.release.attribution)
    return 0


def _kind(concept: object) -> str:
    from microcred.esco import OccupationConcept

    return "occupation" if isinstance(concept, OccupationConcept) else "skill"


def _occupation(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    occupation = catalogue.occupation(args.iri)
    groups = catalogue.isco_hierarchy(args.iri)
    links = catalogue.skills_of(args.iri)
    if args.format == "json":
        data = {
            "iri": occupation.iri,
            "preferredLabel": occupation.preferred_label,
            "altLabels": list(occupation.alt_labels),
            "iscoHierarchy": [
                {"code": g.code, "label": g.preferred_label} for g in groups
            ],
            "skills": [
                {"iri": x.skill.iri, "label": x.skill.preferred_label,
                 "relation": x.relation, "skillType": x.skill.skill_type}
                for x in links
            ],
        }  # fmt: skip
        sys.stdout.write(dumps(data).decode("utf-8"))
        return 0
    print(f"{occupation.preferred_label}  <{occupation.iri}>")
    for group in groups:
        print(f"  ISCO {group.code:<5} {group.preferred_label}")
    for relation in ("essential", "optional"):
        chosen = [x.skill for x in links if x.relation == relation]
        print(f"{relation} skills ({len(chosen)}):")
        for skill in chosen:
            print(f"  - {skill.preferred_label}  <{skill.iri}>")
    print(catalogue.release.attribution)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    for iri in args.occupation:
        catalogue.occupation(iri)
    found = catalogue.suggest_skills(
        args.text, occupations=args.occupation, limit=max(args.limit, 1)
    )
    for suggestion in found:
        relation = f"  [{suggestion.relation}]" if suggestion.relation else ""
        print(
            f"{suggestion.score:.2f}  {suggestion.label}{relation}\n"
            f"      {suggestion.skill.iri}\n"
            f"      matched: {', '.join(suggestion.matched_words)}"
        )
    if not found:
        print("no ESCO skill label shares enough words with this text")
    print(catalogue.release.attribution)
    return 0
