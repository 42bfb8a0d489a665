"""Keys: generation, JWK, Multikey, PEM/DER, did:key, signatures, secrecy."""

from __future__ import annotations

import contextlib
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microcred.errors import InvalidKeyError, UnsupportedError, VerificationError
from microcred.securing.keys import KEY_TYPES, PrivateKey, PublicKey

VECTORS = Path(__file__).parents[1] / "vectors" / "di"
EDDSA = VECTORS / "vc-di-eddsa" / "TestVectors"
ECDSA = VECTORS / "vc-di-ecdsa" / "TestVectors"

# Small RSA keys make generation slow enough already; 2048 is the floor.
_KEYS = {kt: PrivateKey.generate(kt, rsa_bits=2048) for kt in KEY_TYPES}


@pytest.mark.parametrize("key_type", KEY_TYPES)
def test_jwk_round_trip(key_type: str) -> None:
    """Public and private JWKs read back to the same key."""
    key = _KEYS[key_type]
    public = PublicKey.from_jwk(key.to_jwk())
    private = PrivateKey.from_jwk(key.to_jwk(private=True))
    assert public == key.public_key
    assert private.public_key == key.public_key
    assert "d" not in key.to_jwk()


@pytest.mark.parametrize("key_type", ["Ed25519", "P-256", "P-384"])
def test_multikey_and_did_key_round_trip(key_type: str) -> None:
    """Multikey strings and did:key DIDs read back to the same key."""
    key = _KEYS[key_type]
    assert PublicKey.from_multikey(key.to_multikey()) == key.public_key
    secret = key.to_multikey(private=True)
    assert PrivateKey.from_multikey(secret).public_key == key.public_key
    did = key.did_key()
    assert PublicKey.from_did_key(did) == key.public_key
    assert PublicKey.from_did_key(f"{did}#{did[8:]}") == key.public_key


@pytest.mark.parametrize("key_type", KEY_TYPES)
def test_pem_der_round_trip(key_type: str) -> None:
    """PEM and DER exports, with and without a password, read back."""
    key = _KEYS[key_type]
    assert PublicKey.from_pem(key.public_key.to_pem()) == key.public_key
    assert PublicKey.from_der(key.public_key.to_der()) == key.public_key
    again = PrivateKey.from_pem(key.to_pem(password=b"pw"), password=b"pw")
    assert again.public_key == key.public_key
    assert PrivateKey.from_der(key.to_der()).public_key == key.public_key


@pytest.mark.parametrize(
    ("prefix", "key_type"), [("z6Mk", "Ed25519"), ("zDna", "P-256"), ("z82L", "P-384")]
)
def test_multikey_prefixes(prefix: str, key_type: str) -> None:
    """The multicodec prefixes give the well-known leading characters."""
    assert _KEYS[key_type].to_multikey().startswith(prefix)


@pytest.mark.parametrize(
    "path",
    [EDDSA / "keyPair.json", ECDSA / "p256KeyPair.json", ECDSA / "p384KeyPair.json"],
)
def test_vector_key_pairs(path: Path) -> None:
    """The W3C vectors' secret keys yield their published public keys."""
    pair = json.loads(path.read_text())
    secret = pair.get("secretKeyMultibase") or pair["privateKeyMultibase"]
    key = PrivateKey.from_multikey(secret, pair["publicKeyMultibase"])
    assert key.to_multikey() == pair["publicKeyMultibase"]
    assert key.to_multikey(private=True) == secret


@pytest.mark.parametrize("key_type", KEY_TYPES)
def test_sign_verify(key_type: str) -> None:
    """A signature verifies; a changed message does not."""
    key = _KEYS[key_type]
    signature = key.sign(b"message")
    key.public_key.verify(signature, b"message")
    with pytest.raises(VerificationError):
        key.public_key.verify(signature, b"messagE")


@pytest.mark.parametrize("key_type", ["P-256", "P-384"])
def test_ecdsa_is_deterministic_raw(key_type: str) -> None:
    """ECDSA signatures are RFC 6979 deterministic and raw r||s."""
    key = _KEYS[key_type]
    first, second = key.sign(b"x"), key.sign(b"x")
    assert first == second
    assert len(first) == {"P-256": 64, "P-384": 96}[key_type]


@pytest.mark.parametrize("algorithm", ["PS256", "RS384", "PS512"])
def test_rsa_algorithms(algorithm: str) -> None:
    """RSA signs with each JOSE algorithm it is asked for."""
    key = _KEYS["RSA"]
    key.public_key.verify(
        key.sign(b"m", algorithm=algorithm), b"m", algorithm=algorithm
    )


def test_algorithm_must_fit_key() -> None:
    """Asking an Ed25519 key for ES256 is refused."""
    with pytest.raises(InvalidKeyError):
        _KEYS["Ed25519"].sign(b"m", algorithm="ES256")


@pytest.mark.parametrize("key_type", KEY_TYPES)
def test_private_key_never_shown(key_type: str) -> None:
    """repr and str of a private key show type and thumbprint only."""
    key = _KEYS[key_type]
    shown = repr(key) + str(key) + repr(key.public_key)
    jwk = key.to_jwk(private=True)
    assert key_type in shown
    assert key.thumbprint()[:16] in shown
    for member in ("d", "p", "q", "dp", "dq", "qi", "x", "n"):
        if member in jwk:
            assert jwk[member][:12] not in shown
    with pytest.raises(TypeError):
        pickle.dumps(key)


def test_rfc7638_thumbprint() -> None:
    """The RFC 7638 section 3.1 example key has the published thumbprint."""
    jwk = {
        "kty": "RSA",
        "n": (
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1"
            "RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9y"
            "BXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb"
            "9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM"
            "4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        ),
        "e": "AQAB",
    }
    thumbprint = PublicKey.from_jwk(jwk).thumbprint()
    assert thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_rfc8037_ed25519_jwk() -> None:
    """The RFC 8037 appendix A.1 private JWK gives its appendix A.2 public key."""
    private = {
        "kty": "OKP",
        "crv": "Ed25519",
        "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    }
    key = PrivateKey.from_jwk(private)
    assert key.to_jwk()["x"] == private["x"]
    assert key.to_jwk(private=True)["d"] == private["d"]


@pytest.mark.parametrize(
    ("jwk", "field"),
    [
        ({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}, "jwk.x"),
        ({"kty": "OKP", "crv": "Ed25519"}, "jwk.x"),
        ({"kty": "EC", "crv": "P-256", "x": "A" * 43, "y": "A" * 43}, "jwk.x"),
        ({"kty": "EC", "crv": "P-256", "x": "A" * 43}, "jwk.y"),
        ({"kty": "OKP", "crv": "Ed25519", "x": "a+b/" * 11}, "jwk.x"),
        ({"crv": "Ed25519"}, "jwk.kty"),
    ],
)
def test_malformed_jwk_names_field(jwk: dict[str, str], field: str) -> None:
    """A malformed JWK is an InvalidKeyError naming the member."""
    with pytest.raises(InvalidKeyError) as caught:
        PublicKey.from_jwk(jwk)
    assert caught.value.path == field


def test_private_jwk_must_match_public_members() -> None:
    """A private JWK whose x belongs to another key is refused."""
    jwk = _KEYS["Ed25519"].to_jwk(private=True)
    jwk["x"] = PrivateKey.generate("Ed25519").to_jwk()["x"]
    with pytest.raises(InvalidKeyError, match="do not belong"):
        PrivateKey.from_jwk(jwk)


def test_unsupported_key_types() -> None:
    """Symmetric JWKs, other curves and RSA did:key raise UnsupportedError."""
    with pytest.raises(UnsupportedError):
        PublicKey.from_jwk({"kty": "oct", "k": "AAAA"})
    with pytest.raises(UnsupportedError):
        PublicKey.from_jwk({"kty": "EC", "crv": "secp256k1", "x": "", "y": ""})
    with pytest.raises(UnsupportedError):
        _KEYS["RSA"].did_key()
    with pytest.raises(UnsupportedError):
        PrivateKey.generate("X25519")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["", "6Mk", "z", "z0OIl", "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRq"],
)
def test_malformed_multikey(text: str) -> None:
    """Broken Multikey strings are InvalidKeyError on publicKeyMultibase."""
    with pytest.raises(InvalidKeyError) as caught:
        PublicKey.from_multikey(text)
    assert caught.value.path == "publicKeyMultibase"


def test_did_key_fragment_must_match() -> None:
    """A did:key URL whose fragment names another key is refused."""
    did = _KEYS["Ed25519"].did_key()
    other = PrivateKey.generate("Ed25519").to_multikey()
    with pytest.raises(InvalidKeyError):
        PublicKey.from_did_key(f"{did}#{other}")


def test_short_rsa_refused() -> None:
    """RSA keys under 2048 bits are refused."""
    with pytest.raises(InvalidKeyError):
        PrivateKey.generate("RSA", rsa_bits=1024)


def test_bad_pem() -> None:
    """Garbage PEM is an InvalidKeyError, not a cryptography exception."""
    with pytest.raises(InvalidKeyError):
        PrivateKey.from_pem(
            b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"
        )
    with pytest.raises(InvalidKeyError):
        PublicKey.from_der(b"\x30\x03\x02\x01\x01")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_multikey_text_fails_cleanly(text: str) -> None:
    """Arbitrary text never escapes as anything but our errors."""
    with contextlib.suppress(InvalidKeyError, UnsupportedError):
        PublicKey.from_multikey("z" + text)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["kty", "crv", "x", "y", "n", "e", "d"]),
        st.one_of(st.text(max_size=60), st.sampled_from(["OKP", "EC", "RSA", "P-256"])),
    )
)
def test_any_jwk_fails_cleanly(jwk: dict[str, str]) -> None:
    """Arbitrary JWK-shaped objects never escape as anything but our errors."""
    with contextlib.suppress(InvalidKeyError, UnsupportedError):
        PublicKey.from_jwk(jwk)
    with contextlib.suppress(InvalidKeyError, UnsupportedError):
        PrivateKey.from_jwk(jwk)


def test_errors_never_show_key_material() -> None:
    """Messages of key errors name the field, never the secret value."""
    jwk = _KEYS["P-256"].to_jwk(private=True)
    jwk["x"], jwk["y"] = _KEYS["P-384"].to_jwk()["x"], _KEYS["P-384"].to_jwk()["y"]
    with pytest.raises(InvalidKeyError) as caught:
        PrivateKey.from_jwk(jwk)
    assert jwk["d"] not in str(caught.value)
    secret = _KEYS["Ed25519"].to_multikey(private=True)
    with pytest.raises(InvalidKeyError) as caught:
        PrivateKey.from_multikey(secret, _KEYS["P-256"].to_multikey())
    assert secret not in str(caught.value)
    assert secret[1:12] not in str(caught.value)
