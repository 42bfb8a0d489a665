"""An exported OB 3.0 credential signed with eddsa-rdfc-2022 verifies."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from microcred.model import demo_award
from microcred.ob3 import check_ob3, to_ob3
from microcred.securing.dataintegrity import sign, verify_proof
from microcred.securing.keys import PrivateKey

ISSUED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _signed() -> dict[str, object]:
    key = PrivateKey.generate("Ed25519")
    did = key.did_key()
    credential = to_ob3(demo_award(ISSUED), issuer_id=did)
    method = f"{did}#{did.removeprefix('did:key:')}"
    return sign(
        credential, key, verification_method=method, cryptosuite="eddsa-rdfc-2022"
    )


def test_signed_export_verifies_and_still_conforms() -> None:
    """Signed by the issuer's did:key, the credential verifies offline and still has
    every OB 3.0 required field."""
    signed = _signed()

    assert verify_proof(signed, now=ISSUED).valid
    check_ob3(signed)


def test_changing_a_result_breaks_the_signature() -> None:
    """Tampering with a signed outcome result makes verification fail."""
    signed = copy.deepcopy(_signed())
    signed["credentialSubject"]["result"][0]["status"] = "Failed"  # type: ignore[index]

    assert not verify_proof(signed, now=ISSUED).valid
