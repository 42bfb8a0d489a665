"""``microcred validate FILE...``: check EDC files against the EU's SHACL shapes."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from microcred._jsonio import dumps, load_json
from microcred.errors import MicrocredError

__all__ = ["register"]

EXIT_NOT_CONFORMING = 1
EXIT_BAD_FILE = 2


def register(subparsers: Any) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="validate European Digital Credentials against the EU's SHACL shapes",
        description="Validate EDC files (JSON-LD, JAdES-sealed envelopes, or the "
        "EDC issuer's upload form, whose inner credential is validated) "
        "against the EU's SHACL shapes, offline. Exit status: 0 if every file "
        "conforms, 1 if one does not, 2 if a file could not be read.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument(
        "--profile",
        help="validate against this profile instead of the one the credential "
        "claims (for example: generic-full, accredited)",
    )
    parser.set_defaults(handler=run)


#: Said of a file that is the EDC issuer's upload form, not a credential.
UPLOAD_FORM_NOTE = (
    "upload form: validated the credential inside it, with the EDC @context; "
    "the EDC issuer service adds the issuer from its seal certificate, so a "
    "missing issuer is expected here"
)


def _check(path: Path, profile: str | None) -> dict[str, Any]:
    from microcred.validation import validate_edc

    outcome: dict[str, Any] = {"file": str(path)}
    try:
        document = load_json(path, what="EDC")
        if _is_upload_form(document):
            outcome["note"] = UPLOAD_FORM_NOTE
            document = _inner_credential(document)
        report = validate_edc(document, profile=profile)
    except (MicrocredError, OSError) as error:
        return {**outcome, "error": str(error).splitlines()[0]}
    return {**outcome, **report.to_dict()}


def _is_upload_form(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and "credential" in document
        and "deliveryDetails" in document
    )


def _inner_credential(form: dict[str, Any]) -> Any:
    from microcred.edc._terms import EDC_CONTEXTS

    # The upload form leaves out the @context and the issuer: the EDC issuer
    # service adds both when it seals (see microcred.edc.to_upload_form).
    credential = form["credential"]
    if isinstance(credential, dict) and "@context" not in credential:
        credential = {"@context": list(EDC_CONTEXTS), **credential}
    return credential


def _print_text(outcome: dict[str, Any]) -> None:
    name = outcome["file"]
    if "note" in outcome:
        print(f"{name}: {outcome['note']}")
    if "error" in outcome:
        print(f"{name}: error: {outcome['error']}", file=sys.stderr)
    elif outcome["conforms"]:
        print(f"{name}: conforms")
    else:
        for violation in outcome["violations"]:
            print(f"{name}: {violation['message']}")


def run(args: argparse.Namespace) -> int:
    """Validate every file; the exit status is the worst outcome."""
    # rdflib logs a traceback for every ill-typed literal; the report says it better.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    outcomes = [_check(path, args.profile) for path in args.files]

    if args.json:
        sys.stdout.write(dumps(outcomes).decode("utf-8"))
    else:
        for outcome in outcomes:
            _print_text(outcome)

    if any("error" in o for o in outcomes):
        return EXIT_BAD_FILE
    if not all(o["conforms"] for o in outcomes):
        return EXIT_NOT_CONFORMING
    return 0
