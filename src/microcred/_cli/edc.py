"""``microcred demo``, ``inspect`` and ``convert``: EDC from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from microcred._jsonio import dumps, load_json
from microcred.errors import InvalidDataError, MicrocredError

__all__ = ["demo_award_for_cli", "register", "validation_verdict"]

#: The demo's issuer has no real eIDAS identifier; the EDC shapes need one.
SYNTHETIC_EIDAS = "VATES-SYNTHETIC0"
EXIT_OK = 0
EXIT_ERROR = 2


def register(subparsers: Any) -> None:
    """Add the ``demo``, ``inspect`` and ``convert`` sub-commands."""
    demo = subparsers.add_parser(
        "demo",
        help="write a SYNTHETIC example EDC (habitat sector) and summarise it",
    )
    demo.add_argument("--out", type=Path, required=True, help="output directory")
    demo.add_argument(
        "--issued",
        type=_moment,
        default=None,
        help="date of issue, ISO 8601 with time zone (default: now, UTC)",
    )
    demo.set_defaults(handler=run_demo)

    inspect = subparsers.add_parser("inspect", help="summarise an EDC file")
    inspect.add_argument("file", type=Path)
    inspect.set_defaults(handler=run_inspect)

    convert = subparsers.add_parser(
        "convert", help="convert between an EDC and microcred's Award JSON"
    )
    convert.add_argument("file", type=Path)
    convert.add_argument("--to", choices=("edc", "json"), required=True)
    convert.add_argument("--out", type=Path, help="output file (default: stdout)")
    convert.add_argument(
        "--unmapped",
        type=Path,
        help="file for what the Award does not hold (--to json writes it, "
        "--to edc reads it back)",
    )
    convert.add_argument(
        "--drop-unmapped",
        action="store_true",
        help="with --to json: accept losing what the Award does not hold",
    )
    convert.set_defaults(handler=run_convert)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 date") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no time zone")
    return moment


# -- demo --------------------------------------------------------------------


def demo_award_for_cli(issued: datetime) -> Any:
    """The bundled SYNTHETIC demo award, its issuer given an eIDAS identifier."""
    from microcred.model import demo_award

    award = demo_award(issued)
    return award.replace(micro_credential=_sealable(award.micro_credential))


def _sealable(mc: Any) -> Any:
    # The EDC shapes require exactly one eIDAS identifier on the issuer; the
    # synthetic alliance has none, so the demo gives it an obviously made-up one.
    issuer = mc.issuer.replace(eidas_identifier=SYNTHETIC_EIDAS)
    changes: dict[str, Any] = {"issuer": issuer}
    if mc.awarding_body.id == mc.issuer.id:
        changes["awarding_body"] = issuer
    return mc.replace(**changes)


def validation_verdict(credential: dict[str, Any]) -> tuple[bool, str]:
    """Whether ``credential`` conforms to the EU shapes, and a line saying so."""
    from microcred.validation import validate_edc

    report = validate_edc(credential)
    if report.conforms:
        return True, "validation: conforms to the EU shapes (edc-generic-full)"
    lines = [f"validation: does NOT conform ({len(report.violations)} violations)"]
    lines += [f"  {v.location}: {v.message}" for v in report.violations]
    return False, "\n".join(lines)


def _demo_award(issued: datetime, out: Path) -> Any:
    """Score the sample attempt, print the decision; the Award, or None if refused."""
    from microcred.assessment import (
        decide,
        sample_files,
        sample_questionnaire,
        sample_responses,
    )
    from microcred.model import AwardRoute

    template = demo_award_for_cli(issued)
    questionnaire, responses = sample_questionnaire(), sample_responses()
    decision = decide(questionnaire, responses)
    for name, data in sample_files().items():
        (out / name).write_bytes(data)
    print(f"scored the sample attempt ({len(questionnaire.items)} items):")
    for outcome in decision.outcomes:
        print(f"  {outcome.reason}")
    if not decision.awarded:
        print("decision: not awarded; no credential issued")
        return None
    print(f"decision: awarded, grade {decision.grade}")
    return decision.to_award(
        template.micro_credential,
        template.learner,
        issued=issued,
        award_id=template.id,
        route=AwardRoute.COURSE,
        valid_from=issued,
    )


def run_demo(args: argparse.Namespace) -> int:
    """Score a sample attempt, issue the EDC, validate it; write everything to DIR."""
    from microcred.edc import to_edc, to_upload_form
    from microcred.review import submission_json

    issued = args.issued or datetime.now(UTC).replace(microsecond=0)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise InvalidDataError(
            "is a file; demo writes several files into a folder: name a new or "
            "existing folder",
            path=str(out),
        )
    out.mkdir(parents=True, exist_ok=True)
    print("SYNTHETIC example: a habitat-sector micro-credential, not a real award")
    award = _demo_award(issued, out)
    if award is None:
        return 1
    credential = to_edc(award)
    files = {
        "credential.jsonld": dumps(credential),
        "upload-form.json": dumps(to_upload_form(award)),
        "micro-credential.json": submission_json(award.micro_credential),
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    _print_award(award)
    conforms, verdict = validation_verdict(credential)
    print(verdict)
    print(
        f"wrote {', '.join(sorted([*files, 'questionnaire.json', 'responses.json']))}"
    )
    print(f"   to {out}")
    return EXIT_OK if conforms else 1


# -- inspect -----------------------------------------------------------------


def run_inspect(args: argparse.Namespace) -> int:
    """Print a human summary of an EDC file."""
    from microcred.edc import read_edc

    reading = read_edc(args.file)
    if reading.envelope is not None:
        print("envelope: JAdES (seal not checked here)")
    if reading.award is None:
        print(f"not a micro-credential award: {reading.problem}")
        _print_raw(reading.credential)
    else:
        _print_award(reading.award)
        print(f"unmapped values kept: {len(reading.unmapped.ops)}")
    for note in reading.notes:
        print(f"note: {note}")
    return EXIT_OK


def _print_award(award: Any) -> None:
    mc = award.micro_credential
    workload = mc.workload
    parts = [f"{workload.ects} ECTS"] if workload.ects is not None else []
    if workload.duration is not None:
        parts.append(str(workload.duration))
    print(f"title: {mc.title.get_text('en')}")
    print(f"learner: {award.learner.display_name}")
    print(f"issuer: {mc.issuer.legal_name.get_text('en')} ({mc.issuer.country})")
    print(f"awarding body: {mc.awarding_body.legal_name.get_text('en')}")
    print(f"issued: {award.issued.isoformat()}")
    print(f"EQF level: {int(mc.eqf_level) if mc.eqf_level is not None else '-'}")
    print(f"workload: {', '.join(parts) or '-'}")
    print(f"assessment: {mc.assessment.type.value}")
    print(f"learning outcomes: {len(mc.learning_outcomes)}")
    for outcome in mc.learning_outcomes:
        print(f"  - {outcome.text.get_text('en')}")
        for skill in outcome.esco_skills:
            print(f"      ESCO skill {skill.iri}")
    for occupation in mc.esco_occupations:
        print(f"ESCO occupation: {occupation.iri}")


def _print_raw(credential: dict[str, Any]) -> None:
    claim = credential.get("credentialSubject", {}).get("hasClaim", {})
    claim = claim[0] if isinstance(claim, list) and claim else claim
    title = claim.get("title", {}) if isinstance(claim, dict) else {}
    print(f"claim: {claim.get('type') if isinstance(claim, dict) else '-'}")
    print(
        f"title: {next(iter(title.values()), '-') if isinstance(title, dict) else '-'}"
    )


# -- convert -----------------------------------------------------------------


def run_convert(args: argparse.Namespace) -> int:
    """EDC -> Award JSON (``--to json``) or Award JSON -> EDC (``--to edc``)."""
    output = _to_json(args) if args.to == "json" else _to_edc(args)
    if args.out is None:
        sys.stdout.buffer.write(output)
    else:
        args.out.write_bytes(output)
    return EXIT_OK


def _to_json(args: argparse.Namespace) -> bytes:
    from microcred.edc import read_edc

    reading = read_edc(args.file)
    if reading.award is None:
        raise InvalidDataError(f"cannot convert to an Award: {reading.problem}")
    if args.unmapped is not None:
        # Written even when empty: the documented reverse (--to edc --unmapped
        # FILE) must work for every credential, not only those with leftovers.
        args.unmapped.write_bytes(dumps(reading.unmapped.to_json()))
    elif reading.unmapped and not args.drop_unmapped:
        raise InvalidDataError(
            f"{len(reading.unmapped.ops)} values of the EDC have no place in the "
            "Award JSON; keep them with --unmapped FILE or accept losing them "
            "with --drop-unmapped"
        )
    data: Any = reading.award.model_dump(mode="json", by_alias=True)
    return dumps(data)


def _to_edc(args: argparse.Namespace) -> bytes:
    from microcred.edc import EdcPatch, to_edc_json
    from microcred.model import Award

    award = Award.from_json(args.file)
    unmapped = None
    if args.unmapped is not None:
        try:
            unmapped = EdcPatch.from_json(load_json(args.unmapped))
        except (TypeError, ValueError) as error:
            if isinstance(error, MicrocredError):
                raise
            raise InvalidDataError(
                f"not an unmapped-data file written by convert: {error}",
                path=str(args.unmapped),
            ) from None
    return to_edc_json(award, unmapped=unmapped)
