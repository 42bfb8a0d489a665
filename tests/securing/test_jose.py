"""VC-JOSE and OB 3.0 JWTs: signing, verifying, refusing algorithm confusion."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import pytest
from _jose_support import EXAMPLES_V2, VECTORS, make_examples_registry
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    ParseError,
    SafeModeError,
    SecuringError,
    UnsupportedError,
)
from microcred.securing import jose, keys
from microcred.securing._jose_jws import b64url_decode, b64url_encode
from microcred.verification import Outcome, verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
ISSUER_KEY = keys.PrivateKey.generate("Ed25519")
ISSUER = ISSUER_KEY.did_key()
KID = f"{ISSUER}#{ISSUER.removeprefix('did:key:')}"
#: For keys other than the issuer's, verified with key=: a did:key kid must
#: name the signing key itself.
OTHER_KID = "https://example.org/keys#other"


def _credential(**extra: Any) -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:6c4d1a7e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": ISSUER, "type": ["Profile"], "name": "Habitat Alliance"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Timber framing",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.org/achievements/timber",
                "type": ["Achievement"],
                "name": "Timber framing",
                "description": "Frames timber walls.",
                "criteria": {"narrative": "Pass the assessment."},
            },
        },
    }
    credential.update(extra)
    return credential


def _token(**options: Any) -> str:
    return jose.sign(_credential(), ISSUER_KEY, kid=KID, **options)


def _reassemble(header: dict[str, Any], token: str) -> str:
    _, payload, signature = token.split(".")
    encoded = b64url_encode(json.dumps(header).encode())
    return f"{encoded}.{payload}.{signature}"


def test_vc_jose_round_trip_with_did_key() -> None:
    """A signed vc+jwt verifies with the key found from its did:key kid alone."""
    result = verify(_token(), now=NOW)
    assert result.valid, result.to_dict()
    assert jose.unverified_header(_token())["typ"] == "vc+jwt"
    assert result["key"].status.value == "passed"


def test_ob3_profile_has_the_jwt_claims() -> None:
    """The OB 3.0 profile puts the credential in vc and the dates in nbf/exp."""
    credential = _credential(validUntil="2027-01-01T00:00:00Z")
    token = jose.sign(credential, ISSUER_KEY, kid=KID, profile=jose.Profile.OB3_JWT)
    claims = jose.unverified_claims(token)
    assert jose.unverified_header(token)["typ"] == "JWT"
    assert claims["iss"] == ISSUER
    assert claims["jti"] == credential["id"]
    assert claims["sub"] == "did:example:learner"
    assert claims["nbf"] == int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp())
    assert claims["exp"] == int(dt.datetime(2027, 1, 1, tzinfo=dt.UTC).timestamp())
    assert claims["vc"] == credential
    assert verify(token, now=NOW).valid


def test_ob3_exp_claim_expires_the_credential() -> None:
    """exp is honoured, with the EXPIRED outcome."""
    credential = _credential(validUntil="2026-02-01T00:00:00Z")
    token = jose.sign(credential, ISSUER_KEY, kid=KID, profile="ob3-jwt")
    result = verify(token, now=NOW)
    assert result["validity"].outcome is Outcome.EXPIRED


@pytest.mark.parametrize(
    "key",
    [
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP384R1()),
        ec.generate_private_key(ec.SECP521R1()),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        ed25519.Ed25519PrivateKey.generate(),
    ],
    ids=["P-256", "P-384", "P-521", "RSA", "Ed25519"],
)
def test_every_key_type_round_trips(key: Any) -> None:
    """Each supported key type signs and verifies with its default algorithm."""
    token = jose.sign(_credential(), key, kid=OTHER_KID)
    assert jose.verify_jwt(token, now=NOW, key=key.public_key()).valid


def test_pss_round_trips() -> None:
    """PS256 is accepted for RSA keys when asked for."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jose.sign(_credential(), key, kid=OTHER_KID, alg="PS256")
    assert jose.unverified_header(token)["alg"] == "PS256"
    assert jose.verify_jwt(token, now=NOW, key=key.public_key()).valid


@pytest.mark.parametrize("alg", ["none", "HS256", "HS384", "HS512"])
def test_none_and_hmac_are_refused(alg: str) -> None:
    """Unsigned and shared-secret algorithms are refused, even if signed 'right'."""
    token = _reassemble({"alg": alg, "typ": "vc+jwt", "kid": KID}, _token())
    result = verify(token, now=NOW)
    assert not result.valid
    assert result["signature"].outcome is Outcome.UNSUPPORTED
    assert "refused" in result["signature"].message
    with pytest.raises(UnsupportedError):
        jose.sign(_credential(), ISSUER_KEY, kid=KID, alg=alg)


def test_hmac_with_the_public_key_as_secret_is_refused() -> None:
    """The classic confusion: HS256 keyed with the issuer's public key bytes."""
    import hashlib
    import hmac

    header = b64url_encode(
        json.dumps({"alg": "HS256", "typ": "vc+jwt", "kid": KID}).encode()
    )
    payload = _token().split(".")[1]
    secret = ISSUER_KEY.public_key.to_pem()
    mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    forged = f"{header}.{payload}.{b64url_encode(mac)}"
    assert not verify(forged, now=NOW).valid


def test_curve_that_does_not_match_the_key_is_refused() -> None:
    """ES384 over a P-256 key, or ES256 with an Ed25519 key: key mismatch."""
    p256 = ec.generate_private_key(ec.SECP256R1())
    token = jose.sign(_credential(), p256, kid=OTHER_KID)
    relabelled = _reassemble({"alg": "ES384", "typ": "vc+jwt", "kid": OTHER_KID}, token)
    result = jose.verify_jwt(relabelled, now=NOW, key=p256.public_key())
    assert result["signature"].outcome is Outcome.KEY_MISMATCH
    with pytest.raises(InvalidKeyError, match="ES256 does not fit"):
        jose.sign(_credential(), ISSUER_KEY, kid=KID, alg="ES256")


def test_short_rsa_keys_are_refused() -> None:
    """RSA below 2048 bits cannot sign."""
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(InvalidKeyError, match="too short"):
        jose.sign(_credential(), small, kid=OTHER_KID)


def test_unknown_crit_is_refused_and_b64_must_be_critical() -> None:
    """crit naming a parameter we do not understand fails; b64 false needs crit."""
    token = _token()
    unknown = {"alg": "EdDSA", "typ": "vc+jwt", "kid": KID, "crit": ["exp"], "exp": 1}
    result = verify(_reassemble(unknown, token), now=NOW)
    assert result["header"].outcome is Outcome.UNSUPPORTED
    loose = {"alg": "EdDSA", "typ": "vc+jwt", "kid": KID, "b64": False}
    loose_result = verify(_reassemble(loose, token), now=NOW)
    assert loose_result["header"].outcome is Outcome.MALFORMED


def test_b64_false_payload_verifies_when_critical() -> None:
    """RFC 7797: with b64 false in crit, the payload is signed as it stands."""
    key = ed25519.Ed25519PrivateKey.generate()
    header = {
        "alg": "EdDSA",
        "typ": "vc+jwt",
        "kid": KID,
        "b64": False,
        "crit": ["b64"],
    }
    payload = json.dumps(_credential()).replace(".", "\\u002e")
    encoded = b64url_encode(json.dumps(header).encode())
    signature = key.sign(f"{encoded}.{payload}".encode())
    token = f"{encoded}.{payload}.{b64url_encode(signature)}"
    result = jose.verify_jwt(token, now=NOW, key=key.public_key())
    assert result["signature"].status.value == "passed"


def test_duplicate_header_members_are_refused() -> None:
    """A header with alg twice is malformed: parsers disagree on which wins."""
    header = b64url_encode(b'{"alg":"EdDSA","alg":"none","typ":"vc+jwt"}')
    _, payload, signature = _token().split(".")
    result = verify(f"{header}.{payload}.{signature}", now=NOW)
    assert result["parse"].outcome is Outcome.MALFORMED
    assert "twice" in result["parse"].message


def test_embedded_jwk_is_not_trusted_by_itself() -> None:
    """A key carried in the token proves nothing about the issuer."""
    stranger = ed25519.Ed25519PrivateKey.generate()
    token = jose.sign(_credential(), stranger, embed_public_key=True)
    result = verify(token, now=NOW)
    assert result["signature"].status.value == "passed"
    assert result["key"].outcome is Outcome.KEY_MISMATCH
    assert not result.valid


def test_clr_jwt_with_header_jwk_verifies_only_when_the_caller_vouches() -> None:
    """The 1EdTech CLR sample: RS256 with a jwk header; bound only by key=."""
    token = (VECTORS / "jose" / "clr20-simple.jwt").read_text().strip()
    alone = jose.verify_jwt(token, now=NOW)
    assert alone["signature"].status.value == "passed"
    assert not alone.valid
    jwk = jose.unverified_header(token)["jwk"]
    vouched = jose.verify_jwt(token, now=NOW, key=keys.PublicKey.from_jwk(jwk))
    assert vouched["signature"].status.value == "passed"


def test_ob3_sample_without_its_key_is_not_valid() -> None:
    """ob30/simple.jwt names no key, so nothing can be verified."""
    token = (VECTORS / "jose" / "ob30-simple.jwt").read_text().strip()
    result = verify(token, now=NOW)
    assert result["header"].status.value == "passed"
    assert result["signature"].outcome is Outcome.UNAVAILABLE


def test_private_jwk_in_header_is_refused() -> None:
    """A jwk header with a private member is malformed (and never echoed)."""
    secret = ISSUER_KEY.to_jwk(private=True)
    token = _reassemble({"alg": "EdDSA", "typ": "vc+jwt", "jwk": secret}, _token())
    result = verify(token, now=NOW)
    assert result["header"].outcome is Outcome.MALFORMED
    assert secret["d"] not in json.dumps(result.to_dict())


def test_iss_must_match_the_issuer() -> None:
    """An iss claim naming someone else is an issuer mismatch."""
    credential = _credential(iss="did:example:someone-else")
    token = jose.sign(credential, ISSUER_KEY, kid=KID)
    assert verify(token, now=NOW)["issuer"].outcome is Outcome.ISSUER_MISMATCH


def test_signing_refuses_undefined_terms_unless_asked() -> None:
    """A top-level property no context defines is refused, by name."""
    with pytest.raises(SafeModeError, match="surprise"):
        jose.sign(_credential(surprise=1), ISSUER_KEY, kid=KID)
    # The examples context is an @vocab catch-all: JSON-LD keeps the term, we not.
    plain = _credential(surprise=1)
    plain["@context"] = ["https://www.w3.org/ns/credentials/v2", EXAMPLES_V2]
    plain["credentialSubject"] = {"id": "did:example:learner"}
    plain["issuer"] = ISSUER
    registry = make_examples_registry()
    with pytest.raises(SafeModeError, match="catch-all"):
        jose.sign(plain, ISSUER_KEY, kid=KID, registry=registry)
    token = jose.sign(
        plain, ISSUER_KEY, kid=KID, registry=registry, unsafe_allow_undefined_terms=True
    )
    assert "surprise" in jose.unverified_claims(token)


def test_signing_refuses_vc_claim_and_missing_type() -> None:
    """vc/vp claims and a missing VerifiableCredential type are refused."""
    with pytest.raises(InvalidDataError, match="'vc'"):
        jose.sign(_credential(vc={}), ISSUER_KEY, kid=KID)
    with pytest.raises(InvalidDataError, match="type"):
        jose.sign(_credential(type=["Thing"]), ISSUER_KEY, kid=KID)
    with pytest.raises(SecuringError, match="kid"):
        jose.sign(_credential(), ISSUER_KEY)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "a.b",
        "a.b.c.d",
        "!!!.e30.AA",
        "e30.e30.A",
        "W10.e30.AA",
        "bm90IGpzb24.e30.AA",
    ],
)
def test_malformed_tokens_fail_parse(token: str) -> None:
    """Wrong part counts, bad base64url, non-object JSON: a failed parse check."""
    result = jose.verify_jwt(token, now=NOW)
    assert not result.valid
    assert result.checks[0].name in {"parse", "header"}
    assert result.checks[-1].outcome is Outcome.MALFORMED


def test_unverified_helpers_raise_parse_error() -> None:
    """The unverified_ readers raise ParseError on garbage."""
    with pytest.raises(ParseError):
        jose.unverified_header("nope")
    with pytest.raises(ParseError):
        b64url_decode("a=", what="x")


def test_keys_do_not_leak_into_logs_or_messages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Neither the private nor the public key appears in logs or results."""
    caplog.set_level(logging.DEBUG)
    secret = ISSUER_KEY.to_jwk(private=True)["d"]
    token = _token()
    result = verify(token[:-4] + "AAAA", now=NOW)
    text = json.dumps(result.to_dict()) + caplog.text + repr(result)
    assert secret not in text
    assert ISSUER_KEY.to_jwk()["x"] not in text


@pytest.mark.parametrize("key_format", ["Multikey", "JsonWebKey"])
def test_did_web_kid_through_an_offline_resolver(key_format: str) -> None:
    """An OB 3.0 JWT whose kid is a did:web key verifies with its DID document."""
    did = keys.did_web("issuer.example")
    key = keys.PrivateKey.generate("P-256")
    document = keys.did_web_document(
        did,
        {"key-1": key.public_key},
        key_format=key_format,  # type: ignore[arg-type]
    )
    credential = _credential(issuer={"id": did, "type": ["Profile"], "name": "X"})
    token = jose.sign(credential, key, kid=f"{did}#key-1", profile="ob3-jwt")
    resolver = keys.OfflineResolver([document])
    result = verify(token, now=NOW, resolver=resolver)
    assert result.valid, [c.to_dict() for c in result.failures]
    assert result["key"].message.endswith(did)


def test_did_web_key_not_authorised_for_assertions_fails() -> None:
    """A key listed only for authentication cannot vouch for a credential."""
    did = keys.did_web("issuer.example")
    key = keys.PrivateKey.generate("Ed25519")
    document = keys.did_web_document(
        did, {"key-1": key.public_key}, relationships=("authentication",)
    )
    credential = _credential(issuer=did)
    token = jose.sign(credential, key, kid=f"{did}#key-1")
    result = verify(token, now=NOW, resolver=keys.OfflineResolver([document]))
    assert result["signature"].outcome is Outcome.KEY_MISMATCH
    assert not result.valid


def test_unreadable_exp_is_malformed_even_with_a_string_iat() -> None:
    """exp as a string cannot be skipped, whatever iat looks like."""
    token = jose.sign(
        _credential(iat="2026-01-01", exp="2026-02-01"),
        ISSUER_KEY,
        kid=KID,
        unsafe_allow_undefined_terms=True,
    )
    result = verify(token, now=NOW)
    assert result["claims"].outcome is Outcome.MALFORMED
    assert "exp" in result["claims"].message


@pytest.mark.parametrize("profile", ["vc+jwt", "vc+cose", "ob3-jwt", "vc+sd-jwt"])
@pytest.mark.parametrize(
    "kid",
    [
        "did:key:#",
        f"{keys.PrivateKey.generate('Ed25519').did_key()}#x",
        keys.PrivateKey.generate("Ed25519").did_key(),
    ],
    ids=["empty did:key", "bad fragment", "another key"],
)
def test_a_did_key_kid_must_name_the_signing_key(profile: str, kid: str) -> None:
    """Signing refuses a did:key kid that no verifier could match to the key."""
    with pytest.raises(InvalidKeyError) as caught:
        jose.sign(_credential(), ISSUER_KEY, kid=kid, profile=profile)
    assert caught.value.path == "kid"
