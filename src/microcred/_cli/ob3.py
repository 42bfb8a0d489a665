"""``microcred ob3``: export an award as Open Badges 3.0, check an OB 3.0 credential."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from microcred._jsonio import dumps, load_json
from microcred.errors import InvalidDataError, UnsupportedError
from microcred.ob3._schema import SCHEMA_URL

__all__ = ["EXIT_INVALID", "register"]

#: Exit status of ``microcred ob3 check`` when the credential breaks the schema.
EXIT_INVALID = 1


def register(subparsers: Any) -> None:
    """Add the ``ob3`` command group (``export``, ``check``)."""
    parser = subparsers.add_parser(
        "ob3",
        help="Open Badges 3.0: export an award, check a credential",
        description="Open Badges 3.0 credentials (unsigned, VC 2.0 form).",
    )
    commands = parser.add_subparsers(
        dest="ob3_command", metavar="ACTION", required=True
    )
    _register_export(commands)
    _register_check(commands)


def _register_export(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="write an award (microcred JSON) or an EDC as an OpenBadgeCredential",
        description="Write an award (microcred's Award JSON) or a European Digital "
        "Credential (needs microcred.edc) as an unsigned OpenBadgeCredential.",
    )
    parser.add_argument("file", type=Path, help="the award or EDC, a JSON file")
    parser.add_argument("--out", type=Path, metavar="F", help="write here, not stdout")
    parser.add_argument("--issuer-id", metavar="IRI", help="the issuer Profile's id")
    parser.add_argument("--credential-id", metavar="IRI", help="the credential's id")
    parser.add_argument("--language", metavar="TAG", help="the language to write")
    parser.add_argument(
        "--identity-salt",
        metavar="SALT",
        help="add the learner's e-mail and identifier as salted SHA-256 hashes",
    )
    parser.set_defaults(handler=_export)


def _register_check(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="validate against 1EdTech's JSON Schema or the required fields",
        description="Validate an OB 3.0 AchievementCredential against 1EdTech's "
        "AchievementCredential JSON Schema, which you obtain from 1EdTech (microcred "
        "neither bundles nor downloads it), or with --required-fields against "
        "microcred's own check of the OB 3.0 required fields. Signatures, status and "
        "expiry are not checked. Exit status: 0 valid, 1 invalid, 2 unreadable.",
    )
    parser.add_argument("file", type=Path, help="the credential, a JSON file")
    parser.add_argument(
        "--schema",
        type=Path,
        metavar="SCHEMA",
        help=f"1EdTech's AchievementCredential JSON Schema file ({SCHEMA_URL})",
    )
    parser.add_argument(
        "--required-fields",
        action="store_true",
        help="no schema: check only the OB 3.0 required fields (microcred's own rules)",
    )
    parser.set_defaults(handler=_check)


def _export(args: Any) -> int:
    from microcred.ob3 import to_ob3

    award = _read_award(load_json(args.file, what="award"))
    credential = to_ob3(
        award,
        issuer_id=args.issuer_id,
        credential_id=args.credential_id,
        language=args.language,
        identity_salt=args.identity_salt,
    )
    data = dumps(credential)
    if args.out is None:
        sys.stdout.write(data.decode())
    else:
        args.out.write_bytes(data)
    return 0


#: Top-level keys that mark an EDC in each form read_edc takes: the bare
#: credential (JSON-LD), a JAdES envelope (as ``microcred seal`` writes it) and
#: the EDC issuer's upload form. microcred's own Award JSON has none of them.
_EDC_MARKS = ("@context", "payload", "credential")


def _read_award(document: Any) -> Any:
    from microcred.model import parse_award

    if not (isinstance(document, dict) and any(k in document for k in _EDC_MARKS)):
        return parse_award(document)
    try:
        edc = importlib.import_module("microcred.edc")
    except ImportError:
        raise UnsupportedError(
            "reading a European Digital Credential needs microcred.edc, which "
            "this installation lacks"
        ) from None
    reading = edc.read_edc(document)
    if reading.award is None:
        raise InvalidDataError(reading.problem or "the EDC holds no award")
    return reading.award


def _check(args: Any) -> int:
    from microcred.ob3 import ob3_schema_issues

    if args.schema is None and not args.required_fields:
        raise InvalidDataError(
            "no schema given: pass --schema FILE (1EdTech's AchievementCredential "
            f"JSON Schema, published at {SCHEMA_URL}) or --required-fields"
        )
    if args.schema is not None and args.required_fields:
        raise InvalidDataError("give either --schema or --required-fields, not both")

    document = load_json(args.file, what="Open Badges credential")
    issues = ob3_schema_issues(document, schema=args.schema)
    for issue in issues:
        print(f"{issue.path or '(root)'}: {issue.problem}")
    what = "the JSON Schema" if args.schema else "the OB 3.0 required fields"
    if issues:
        print(f"invalid: {len(issues)} issue(s) against {what}", file=sys.stderr)
        return EXIT_INVALID
    print(f"valid: conforms to {what}")
    return 0
