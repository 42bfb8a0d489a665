"""Reading an EDC that carries a Data Integrity proof: the proof is kept, not read."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from microcred.edc import read_edc, to_edc
from microcred.errors import InvalidDataError, UnsupportedError
from microcred.model import demo_award
from microcred.securing import dataintegrity, keys
from microcred.verification import CheckStatus, verify

ISSUED = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
KEY = keys.PrivateKey.generate("Ed25519")
METHOD = f"{KEY.did_key()}#{KEY.did_key().removeprefix('did:key:')}"


@pytest.fixture(scope="module")
def unsigned() -> dict[str, Any]:
    """The demo award as an EDC."""
    return to_edc(demo_award(ISSUED))


@pytest.fixture(scope="module", params=["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def signed(request: pytest.FixtureRequest, unsigned: dict[str, Any]) -> dict[str, Any]:
    """The same EDC with a Data Integrity proof (and the context it appends)."""
    return dataintegrity.sign(
        unsigned, KEY, verification_method=METHOD, cryptosuite=request.param
    )


def test_a_signed_edc_reads_as_the_same_award(
    signed: dict[str, Any], unsigned: dict[str, Any]
) -> None:
    """The proof changes nothing in the Award, and a note says it was not checked."""
    reading = read_edc(signed)
    assert reading.award == read_edc(unsigned).award
    notes = reading.notes
    assert any(note.startswith("proof: 1 Data Integrity proof") for note in notes)


def test_writing_back_gives_the_proof_and_a_valid_credential(
    signed: dict[str, Any],
) -> None:
    """Award + unmapped data give the signed credential back; its signature holds.

    (The demo issuer is not the did:key that signs here and has no eIDAS
    identifier, so only the signature check is asked about.)
    """
    written = read_edc(signed).to_edc()
    assert written == signed
    checks = {c.name: c.status for c in verify(written, now=ISSUED).checks}
    assert checks["signature"] is CheckStatus.PASSED


def test_a_proof_set_is_kept_whole(signed: dict[str, Any]) -> None:
    """Two proofs (a proof set) are both carried through."""
    twice = dataintegrity.sign(signed, KEY, verification_method=METHOD)
    reading = read_edc(twice)
    assert reading.to_edc() == twice
    assert any("2 Data Integrity proof(s)" in note for note in reading.notes)


@pytest.mark.parametrize("proof", ["z3abc", 7, [{"type": "DataIntegrityProof"}, "x"]])
def test_a_proof_that_is_not_an_object_is_refused(
    signed: dict[str, Any], proof: Any
) -> None:
    """A proof must be an object (or a list of them); the error names where."""
    broken = copy.deepcopy(signed)
    broken["proof"] = proof
    with pytest.raises(InvalidDataError, match="proof must be a JSON object") as caught:
        read_edc(broken)
    assert caught.value.path in {"proof", "proof[1]"}


def test_another_context_after_the_edc_ones_is_still_refused(
    unsigned: dict[str, Any],
) -> None:
    """Only a Data Integrity context may follow the EDC contexts."""
    other = copy.deepcopy(unsigned)
    other["@context"] = [*other["@context"], "https://www.w3.org/ns/credentials/v2"]
    with pytest.raises(UnsupportedError, match="Data Integrity context") as caught:
        read_edc(other)
    assert caught.value.path == "@context"


def test_an_edited_award_does_not_carry_the_old_proof_silently(
    signed: dict[str, Any],
) -> None:
    """Edit the Award, write it back: the stale proof is refused by name, and
    without_proofs() writes the edited credential, ready to sign again."""
    reading = read_edc(signed)
    assert reading.award is not None
    learner = reading.award.learner.model_copy(update={"given_name": "Edited"})
    edited = reading.award.model_copy(update={"learner": learner})
    with pytest.raises(InvalidDataError, match="no longer applies") as caught:
        to_edc(edited, unmapped=reading.unmapped)
    assert caught.value.path == "proof"
    written = to_edc(edited, unmapped=reading.unmapped.without_proofs())
    assert "proof" not in written
    assert read_edc(written).award == edited
    resigned = dataintegrity.sign(written, KEY, verification_method=METHOD)
    checks = {c.name: c.status for c in verify(resigned, now=ISSUED).checks}
    assert checks["signature"] is CheckStatus.PASSED


def test_an_unchanged_award_keeps_its_proof(signed: dict[str, Any]) -> None:
    """Without an edit the proof comes back, and without_proofs() is not needed."""
    reading = read_edc(signed)
    assert reading.unmapped.has_proofs
    assert to_edc(reading.award, unmapped=reading.unmapped) == signed  # type: ignore[arg-type]
