"""microcred's OB 3.0 output and the 1EdTech validator fixtures against 1EdTech's
AchievementCredential JSON Schema.

The schema reached us only through a repository that states no licence, so it is
read from ``../shared/anchors`` and never copied into the project. Its ``json-ld``
variant wants every ``type`` and ``proof`` as an array.
"""

from __future__ import annotations

import copy
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred._cli import main
from microcred._jsonio import load_json
from microcred.errors import InvalidDataError, ResourceLimitError, ShapeViolationError
from microcred.jsonld import expand
from microcred.model import Award, demo_award, synthetic_examples
from microcred.ob3 import check_ob3, ob3_schema_issues, to_ob3
from microcred.securing.dataintegrity import sign
from microcred.securing.keys import PrivateKey

REPO = Path(__file__).parents[1]
# The conformance folder is its own rootdir; the Award strategies live in tests/.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from tests.model.strategies import awards  # noqa: E402

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
FIXTURES = REPO / "tests" / "vectors" / "ob3" / "validator-fixtures" / "ob30"
EDC = REPO / "tests" / "vectors" / "edc"

#: Fixtures the 1EdTech validator accepts (or refuses for a reason other than the
#: shape, see tests/ob3/test_schema_fixtures.py) that conform to the schema.
VALID = (
    "simple.json",
    "simple-did-key-method.json",
    "simple-context-alias.json",
    "simple-context-version.json",
    "simple-multiple-proofs.json",
    "complete.json",
)

#: Fixtures the schema refuses, with a path where it must object.
INVALID = {
    "simple-err-type.json": "type",
    "simple-err-context.json": "@context",
    "simple-err-issuer.json": "",
    "simple-err-credential-subject-type.json": "credentialSubject.type",
    "simple-err-credential-subject-identifier-type.json": (
        "credentialSubject.identifier[0].type"
    ),
    "simple-err-credential-subject-result-type.json": (
        "credentialSubject.result[1].type"
    ),
    "simple-err-credential-subject-achievement-result-description-type.json": (
        "credentialSubject.achievement.resultDescription[2].type"
    ),
    "simple-err-credential-subject-profile-type.json": "credentialSubject.source.type",
    "simple-err-evidence-type.json": "evidence[1].type",
    # The schema names the issuer (an anyOf of IRI and Profile), not its part.
    "simple-err-issuer-type.json": "issuer",
    "simple-err-issuer-parentorg-type.json": "issuer",
    "simple-err-issuer-otheridentifier-type.json": "issuer",
    # VCDM 1.1 context: 1EdTech warns; the 3.0 schema requires the VC 2.0 context.
    "simple_v1.json": "@context[0]",
    # A known disagreement: the json-ld variant of the schema wants `proof` as an
    # array; 1EdTech accepts a single proof object (and would resolve did:web over
    # the network, which microcred never does).
    "simple-did-web-method.json": "proof",
}


@pytest.fixture(scope="module")
def schema(anchors: Path) -> dict[str, Any]:
    """1EdTech's AchievementCredential JSON Schema, parsed once."""
    path = anchors / "ob3" / "schema" / "ob_v3p0_achievementcredential_schema.json"
    document: dict[str, Any] = load_json(path, what="JSON Schema")
    return document


@pytest.fixture(scope="module")
def schema_path(anchors: Path) -> Path:
    """The same schema as a file path."""
    return anchors / "ob3" / "schema" / "ob_v3p0_achievementcredential_schema.json"


def test_every_copied_fixture_has_a_schema_verdict() -> None:
    """No copied fixture is left without an expected schema verdict."""
    copied = {path.name for path in FIXTURES.glob("*.json")}

    assert copied == set(VALID) | set(INVALID)


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_passes_the_schema(name: str, schema: dict[str, Any]) -> None:
    """A fixture 1EdTech accepts (or rejects for a non-shape reason) conforms."""
    document = load_json(FIXTURES / name)

    assert ob3_schema_issues(document, schema=schema) == ()
    check_ob3(document, schema=schema)


@pytest.mark.parametrize(("name", "path"), sorted(INVALID.items()))
def test_invalid_fixture_fails_where_it_was_broken(
    name: str, path: str, schema: dict[str, Any]
) -> None:
    """Each broken fixture is refused, with an issue at the field that was broken."""
    document = load_json(FIXTURES / name)

    issues = ob3_schema_issues(document, schema=schema)

    assert path in {issue.path for issue in issues}
    with pytest.raises(ShapeViolationError):
        check_ob3(document, schema=schema)


def test_demo_award_conforms(schema_path: Path) -> None:
    """The export passes 1EdTech's JSON Schema, given as a path."""
    check_ob3(to_ob3(demo_award(ISSUED)), schema=schema_path)


@pytest.mark.parametrize("example", synthetic_examples(), ids=lambda mc: mc.id)
def test_every_synthetic_example_exports_validly(
    example: object, schema: dict[str, Any]
) -> None:
    """All bundled synthetic micro-credentials export to schema-valid OB 3.0."""
    award = demo_award(ISSUED, example)  # type: ignore[arg-type]

    check_ob3(to_ob3(award), schema=schema)


def test_signed_export_conforms_with_its_proof_in_a_list(
    schema: dict[str, Any],
) -> None:
    """Signed with eddsa-rdfc-2022, the credential passes the schema once its
    single proof object is wrapped in a list (the json-ld variant's demand)."""
    key = PrivateKey.generate("Ed25519")
    did = key.did_key()
    method = f"{did}#{did.removeprefix('did:key:')}"
    signed = sign(
        to_ob3(demo_award(ISSUED), issuer_id=did),
        key,
        verification_method=method,
        cryptosuite="eddsa-rdfc-2022",
    )

    assert [i.path for i in ob3_schema_issues(signed, schema=schema)] == ["proof"]
    check_ob3(signed | {"proof": [signed["proof"]]}, schema=schema)


def test_deeply_nested_dict_is_a_resource_error(schema: dict[str, Any]) -> None:
    """A caller's dict nested beyond Python's recursion limit fails cleanly."""
    credential = to_ob3(demo_award(ISSUED))
    deep: dict[str, Any] = {}
    for _ in range(5000):
        deep = {"x": deep}
    credential["evidence"] = deep

    with pytest.raises(ResourceLimitError):
        ob3_schema_issues(credential, schema=schema)


_SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_SETTINGS
@given(awards())
def test_every_award_exports_to_a_schema_valid_credential(
    schema: dict[str, Any], award: Award
) -> None:
    """OB 3.0 §8: an OpenBadgeCredential conforms to the AchievementCredential
    schema, and (safe mode) every term it uses is defined by its contexts."""
    credential = to_ob3(award)

    assert ob3_schema_issues(credential, schema=schema) == ()
    assert expand(credential, safe=True)


@_SETTINGS
@given(
    awards(),
    st.none() | st.text(max_size=12),
    st.none() | st.text(max_size=12),
    st.none() | st.text(max_size=12),
)
def test_any_argument_text_gives_a_valid_badge_or_a_named_error(
    schema: dict[str, Any],
    award: Award,
    issuer_id: str | None,
    credential_id: str | None,
    language: str | None,
) -> None:
    """Arbitrary ids and language tags either export schema-valid or raise
    InvalidDataError naming the argument; never anything else."""
    refused_at = None
    try:
        credential = to_ob3(
            award, issuer_id=issuer_id, credential_id=credential_id, language=language
        )
    except InvalidDataError as error:
        refused_at = error.path

    if refused_at is None:
        assert ob3_schema_issues(credential, schema=schema) == ()
    else:
        assert refused_at in {"id", "issuer.id", "language"}


@_SETTINGS
@given(awards(), st.data())
def test_a_removed_value_never_crashes_the_schema_check(
    schema: dict[str, Any], award: Award, data: st.DataObject
) -> None:
    """Deleting any property of an export gives issues or none, never a crash."""
    credential = copy.deepcopy(to_ob3(award))
    key = data.draw(st.sampled_from(sorted(credential)))
    del credential[key]

    assert isinstance(ob3_schema_issues(credential, schema=schema), tuple)


def test_cli_export_then_check(tmp_path: Path, schema_path: Path) -> None:
    """An exported award checks as valid against the schema file (exit 0)."""
    award = tmp_path / "award.json"
    award.write_text(demo_award(ISSUED).model_dump_json(by_alias=True))
    out = tmp_path / "badge.json"

    assert main(["ob3", "export", str(award), "--out", str(out)]) == 0
    assert main(["ob3", "check", str(out), "--schema", str(schema_path)]) == 0


def test_cli_eu_edc_exports_to_a_schema_valid_badge(
    tmp_path: Path, schema_path: Path
) -> None:
    """The EU's micro-credential sample (an EDC) exports to a schema-valid badge."""
    out = tmp_path / "badge.json"
    source = EDC / "Sample-MC-Annex1-unsigned.jsonld"

    assert main(["ob3", "export", str(source), "--out", str(out)]) == 0
    assert main(["ob3", "check", str(out), "--schema", str(schema_path)]) == 0


def test_cli_invalid_fixture_exits_1(
    schema_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schema-invalid credential exits 1 and prints the failing path."""
    source = str(FIXTURES / "simple-err-issuer-type.json")

    assert main(["ob3", "check", source, "--schema", str(schema_path)]) == 1
    assert "issuer:" in capsys.readouterr().out
