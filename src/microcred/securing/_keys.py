"""Private and public keys: Ed25519, P-256, P-384 and RSA.

The classes wrap pyca/cryptography keys and speak the formats credentials use:
JWK (RFC 7517, RFC 8037 for Ed25519), Multikey (multicodec-prefixed,
base58btc) and PEM/DER. Key material never appears in ``repr``, ``str``, logs
or error messages; a key shows its type and the start of its RFC 7638
thumbprint, which is public.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal, TypeAlias, cast, get_args

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from microcred.errors import (
    InvalidDataError,
    InvalidKeyError,
    UnsupportedError,
    VerificationError,
)

from ._multibase import (
    b64url_decode,
    b64url_encode,
    multibase_decode,
    multibase_encode,
    read_varint,
    varint,
)

__all__ = ["KEY_TYPES", "KeyType", "PrivateKey", "PublicKey"]

KeyType: TypeAlias = Literal["Ed25519", "P-256", "P-384", "RSA"]
KEY_TYPES: tuple[KeyType, ...] = get_args(KeyType)

_PublicKeys: TypeAlias = (
    ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey
)
_PrivateKeys: TypeAlias = (
    ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
)

# Curve, coordinate size in bytes, hash, JOSE algorithm (RFC 7518 section 3.4).
_CURVES: dict[str, tuple[type[ec.EllipticCurve], int, type[hashes.HashAlgorithm], str]]
_CURVES = {
    "P-256": (ec.SECP256R1, 32, hashes.SHA256, "ES256"),
    "P-384": (ec.SECP384R1, 48, hashes.SHA384, "ES384"),
}
_CURVE_BY_NAME = {"secp256r1": "P-256", "secp384r1": "P-384"}

# Multicodec table entries (github.com/multiformats/multicodec, table.csv).
_PUBLIC_CODECS: dict[KeyType, int] = {"Ed25519": 0xED, "P-256": 0x1200, "P-384": 0x1201}
_PRIVATE_CODECS: dict[KeyType, int] = {
    "Ed25519": 0x1300,
    "P-256": 0x1306,
    "P-384": 0x1307,
}
_KNOWN_OTHER_CODECS = {
    0xE7: "secp256k1-pub",
    0x1301: "secp256k1-priv",
    0x1202: "p521-pub",
    0x1205: "rsa-pub",
    0xEC: "x25519-pub",
    0xEB: "bls12_381-g2-pub",
}

_RSA_ALGORITHMS: dict[str, tuple[type[hashes.HashAlgorithm], bool]] = {
    "RS256": (hashes.SHA256, False),
    "RS384": (hashes.SHA384, False),
    "RS512": (hashes.SHA512, False),
    "PS256": (hashes.SHA256, True),
    "PS384": (hashes.SHA384, True),
    "PS512": (hashes.SHA512, True),
}
_DEFAULT_ALGORITHM: dict[KeyType, str] = {
    "Ed25519": "EdDSA",
    "P-256": "ES256",
    "P-384": "ES384",
    "RSA": "RS256",
}
#: RSA moduli shorter than this are refused on import and generation.
MIN_RSA_BITS = 2048


def _key_type_of(key: _PublicKeys | _PrivateKeys) -> KeyType:
    if isinstance(key, ed25519.Ed25519PublicKey | ed25519.Ed25519PrivateKey):
        return "Ed25519"
    if isinstance(key, rsa.RSAPublicKey | rsa.RSAPrivateKey):
        if key.key_size < MIN_RSA_BITS:
            raise InvalidKeyError(
                f"RSA keys shorter than {MIN_RSA_BITS} bits are refused "
                f"(this one has {key.key_size})"
            )
        return "RSA"
    if isinstance(key, ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey):
        name = _CURVE_BY_NAME.get(key.curve.name)
        if name == "P-256":
            return "P-256"
        if name == "P-384":
            return "P-384"
        raise UnsupportedError(f"elliptic curve {key.curve.name} is not supported")
    raise UnsupportedError(f"key algorithm {type(key).__name__} is not supported")


def _check_key_type(key_type: object) -> KeyType:
    if key_type not in KEY_TYPES:
        raise UnsupportedError(
            f"key type {key_type!r} is not supported; use one of {', '.join(KEY_TYPES)}"
        )
    return key_type


def _member(jwk: Mapping[str, Any], name: str) -> Any:
    if name not in jwk:
        raise InvalidKeyError(f"the JWK has no {name!r} member", path=f"jwk.{name}")
    return jwk[name]


def _b64_member(jwk: Mapping[str, Any], name: str, size: int | None = None) -> bytes:
    try:
        raw = b64url_decode(_member(jwk, name), path=f"jwk.{name}")
    except InvalidDataError as error:
        raise InvalidKeyError(error.problem, path=error.path) from None
    if size is not None and len(raw) != size:
        raise InvalidKeyError(
            f"expected {size} bytes, found {len(raw)}", path=f"jwk.{name}"
        )
    return raw


def _int_member(jwk: Mapping[str, Any], name: str) -> int:
    raw = _b64_member(jwk, name)
    if not raw:
        # RFC 7518 section 6.3.1 wants minimal octets; leading zeros, which some
        # producers write, are tolerated since they do not change the number.
        raise InvalidKeyError("an empty integer", path=f"jwk.{name}")
    return int.from_bytes(raw, "big")


def _uint(value: int, size: int | None = None) -> str:
    length = size if size is not None else max(1, (value.bit_length() + 7) // 8)
    return b64url_encode(value.to_bytes(length, "big"))


def _jwk_key_type(jwk: object) -> KeyType:
    if not isinstance(jwk, Mapping):
        raise InvalidKeyError("a JWK must be a JSON object", path="jwk")
    kty = _member(jwk, "kty")
    if kty == "RSA":
        return "RSA"
    if kty not in ("OKP", "EC"):
        raise UnsupportedError(f"JWK key type kty={kty!r} is not supported")
    crv = _member(jwk, "crv")
    allowed = ("Ed25519",) if kty == "OKP" else ("P-256", "P-384")
    if crv not in allowed:
        raise UnsupportedError(f"JWK curve crv={crv!r} is not supported for {kty}")
    return cast("KeyType", crv)


def _ec_public_from_jwk(jwk: Mapping[str, Any], key_type: KeyType) -> _PublicKeys:
    curve, size, _, _ = _CURVES[key_type]
    x = int.from_bytes(_b64_member(jwk, "x", size), "big")
    y = int.from_bytes(_b64_member(jwk, "y", size), "big")
    try:
        return ec.EllipticCurvePublicNumbers(x, y, curve()).public_key()
    except ValueError:
        raise InvalidKeyError(
            f"the point is not on the {key_type} curve", path="jwk.x"
        ) from None


def _public_from_jwk(jwk: Mapping[str, Any], key_type: KeyType) -> _PublicKeys:
    if key_type == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(_b64_member(jwk, "x", 32))
    if key_type == "RSA":
        numbers = rsa.RSAPublicNumbers(_int_member(jwk, "e"), _int_member(jwk, "n"))
        try:
            return numbers.public_key()
        except ValueError:
            raise InvalidKeyError("not a valid RSA public key", path="jwk.n") from None
    return _ec_public_from_jwk(jwk, key_type)


def _rsa_private_from_jwk(jwk: Mapping[str, Any]) -> rsa.RSAPrivateKey:
    n, e, d = (_int_member(jwk, name) for name in ("n", "e", "d"))
    try:
        if "p" in jwk:
            p, q = _int_member(jwk, "p"), _int_member(jwk, "q")
        else:
            p, q = rsa.rsa_recover_prime_factors(n, e, d)
        numbers = rsa.RSAPrivateNumbers(
            p,
            q,
            d,
            rsa.rsa_crt_dmp1(d, p),
            rsa.rsa_crt_dmq1(d, q),
            rsa.rsa_crt_iqmp(p, q),
            rsa.RSAPublicNumbers(e, n),
        )
        return numbers.private_key()
    except ValueError:
        raise InvalidKeyError(
            "the private members do not form a valid RSA key", path="jwk.d"
        ) from None


def _private_from_jwk(jwk: Mapping[str, Any], key_type: KeyType) -> _PrivateKeys:
    if key_type == "RSA":
        return _rsa_private_from_jwk(jwk)
    if key_type == "Ed25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(_b64_member(jwk, "d", 32))
    curve, size, _, _ = _CURVES[key_type]
    scalar = int.from_bytes(_b64_member(jwk, "d", size), "big")
    try:
        return ec.derive_private_key(scalar, curve())
    except ValueError:
        raise InvalidKeyError(
            f"not a valid {key_type} private scalar", path="jwk.d"
        ) from None


def _decode_multicodec(text: object, path: str) -> tuple[int, bytes]:
    try:
        raw = multibase_decode(text, path=path)  # type: ignore[arg-type]
        code, used = read_varint(raw, path=path)
    except InvalidDataError as error:
        raise InvalidKeyError(error.problem, path=error.path) from None
    return code, raw[used:]


def _codec_key_type(code: int, table: Mapping[KeyType, int], path: str) -> KeyType:
    for key_type, value in table.items():
        if value == code:
            return key_type
    if code in _KNOWN_OTHER_CODECS:
        raise UnsupportedError(
            f"multicodec {_KNOWN_OTHER_CODECS[code]} (0x{code:x}) is not supported",
            path=path,
        )
    raise InvalidKeyError(f"unknown or wrong multicodec prefix 0x{code:x}", path=path)


def _public_from_multikey(text: object, path: str) -> _PublicKeys:
    code, body = _decode_multicodec(text, path)
    key_type = _codec_key_type(code, _PUBLIC_CODECS, path)
    if key_type == "Ed25519":
        if len(body) != 32:
            raise InvalidKeyError("an Ed25519 key has 32 bytes", path=path)
        return ed25519.Ed25519PublicKey.from_public_bytes(body)
    curve, size, _, _ = _CURVES[key_type]
    if len(body) != size + 1 or body[0] not in (2, 3):
        # The Multikey spec mandates the compressed SEC 1 point form.
        raise InvalidKeyError(f"expected a compressed {key_type} point", path=path)
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(curve(), body)
    except ValueError:
        raise InvalidKeyError(
            f"the point is not on the {key_type} curve", path=path
        ) from None


def _private_from_multikey(text: object, path: str) -> _PrivateKeys:
    code, body = _decode_multicodec(text, path)
    key_type = _codec_key_type(code, _PRIVATE_CODECS, path)
    if key_type == "Ed25519":
        return _ed25519_private_from_bytes(body, path)
    curve, size, _, _ = _CURVES[key_type]
    if len(body) != size:
        raise InvalidKeyError(f"a {key_type} secret key has {size} bytes", path=path)
    try:
        return ec.derive_private_key(int.from_bytes(body, "big"), curve())
    except ValueError:
        raise InvalidKeyError(
            f"not a valid {key_type} private scalar", path=path
        ) from None


def _ed25519_private_from_bytes(body: bytes, path: str) -> ed25519.Ed25519PrivateKey:
    # Some publishers (1EdTech's vectors among them) write seed || public key.
    if len(body) not in (32, 64):
        raise InvalidKeyError("an Ed25519 secret key has 32 bytes", path=path)
    key = ed25519.Ed25519PrivateKey.from_private_bytes(body[:32])
    if len(body) == 64 and _raw_public(key.public_key()) != body[32:]:
        raise InvalidKeyError(
            "the public half does not match the secret seed", path=path
        )
    return key


def _raw_public(key: _PublicKeys) -> bytes:
    if isinstance(key, ed25519.Ed25519PublicKey):
        return key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    if isinstance(key, ec.EllipticCurvePublicKey):
        return key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _load_serialized(
    data: bytes, *, private: bool, pem: bool, password: bytes | None = None
) -> Any:
    try:
        if private:
            loader = (
                serialization.load_pem_private_key
                if pem
                else serialization.load_der_private_key
            )
            return loader(data, password)
        public_loader = (
            serialization.load_pem_public_key
            if pem
            else serialization.load_der_public_key
        )
        return public_loader(data)
    except UnsupportedAlgorithm:
        raise UnsupportedError("the key's algorithm is not supported") from None
    except (ValueError, TypeError):
        what = "PEM" if pem else "DER"
        raise InvalidKeyError(
            f"not a readable {what} {'private' if private else 'public'} key "
            "(or the password is wrong)",
            path="pem" if pem else "der",
        ) from None


def _check_algorithm(key_type: KeyType, algorithm: str | None) -> str:
    algorithm = algorithm or _DEFAULT_ALGORITHM[key_type]
    allowed = {
        "Ed25519": {"EdDSA", "Ed25519"},
        "P-256": {"ES256"},
        "P-384": {"ES384"},
        "RSA": set(_RSA_ALGORITHMS),
    }[key_type]
    if algorithm not in allowed:
        raise InvalidKeyError(
            f"algorithm {algorithm!r} does not fit a {key_type} key "
            f"(use {', '.join(sorted(allowed))})"
        )
    return algorithm


def _rsa_padding(
    algorithm: str,
) -> tuple[padding.AsymmetricPadding, hashes.HashAlgorithm]:
    hash_type, pss = _RSA_ALGORITHMS[algorithm]
    digest = hash_type()
    if pss:
        # RFC 7518 section 3.5: MGF1 with the same hash, salt as long as the hash.
        return padding.PSS(padding.MGF1(digest), digest.digest_size), digest
    return padding.PKCS1v15(), digest


class PublicKey:
    """A public key of one of :data:`KEY_TYPES`.

    Equal keys compare equal and hash alike, whatever format they came from.
    """

    __slots__ = ("_key", "_raw", "key_type")

    def __init__(self, key: _PublicKeys) -> None:
        self.key_type: KeyType = _key_type_of(key)
        self._key = key
        self._raw = _raw_public(key)

    # -- constructors ---------------------------------------------------------

    @classmethod
    def from_cryptography(cls, key: object) -> PublicKey:
        """Wrap a pyca/cryptography public key (for example a certificate's)."""
        if not isinstance(
            key,
            ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
        ):
            raise UnsupportedError(
                f"public key type {type(key).__name__} is not supported"
            )
        return cls(key)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> PublicKey:
        """Read a public JWK; private members, if any, are ignored."""
        key_type = _jwk_key_type(jwk)
        return cls(_public_from_jwk(jwk, key_type))

    @classmethod
    def from_multikey(cls, public_key_multibase: str) -> PublicKey:
        """Read a Multikey ``publicKeyMultibase`` value (``z`` + base58btc)."""
        return cls(_public_from_multikey(public_key_multibase, "publicKeyMultibase"))

    @classmethod
    def from_did_key(cls, did: str) -> PublicKey:
        """The key a ``did:key`` DID (or one of its DID URLs) stands for."""
        if not isinstance(did, str) or not did.startswith("did:key:"):
            raise InvalidKeyError("expected a did:key DID", path="did")
        identifier, _, fragment = did.removeprefix("did:key:").partition("#")
        if fragment and fragment != identifier:
            raise InvalidKeyError(
                "the fragment of a did:key URL must repeat the key", path="did"
            )
        return cls(_public_from_multikey(identifier, "did"))

    @classmethod
    def from_pem(cls, data: bytes | str) -> PublicKey:
        """Read a PEM ``PUBLIC KEY`` (SubjectPublicKeyInfo)."""
        raw = data.encode("ascii") if isinstance(data, str) else data
        return cls.from_cryptography(_load_serialized(raw, private=False, pem=True))

    @classmethod
    def from_der(cls, data: bytes) -> PublicKey:
        """Read a DER SubjectPublicKeyInfo."""
        return cls.from_cryptography(_load_serialized(data, private=False, pem=False))

    # -- exports --------------------------------------------------------------

    @property
    def cryptography_key(self) -> _PublicKeys:
        """The wrapped pyca/cryptography key."""
        return self._key

    def to_jwk(self) -> dict[str, str]:
        """The public JWK (members in RFC 7638 order, nothing else)."""
        key = self._key
        if isinstance(key, ed25519.Ed25519PublicKey):
            return {"crv": "Ed25519", "kty": "OKP", "x": b64url_encode(self._raw)}
        if isinstance(key, rsa.RSAPublicKey):
            numbers = key.public_numbers()
            return {"e": _uint(numbers.e), "kty": "RSA", "n": _uint(numbers.n)}
        ec_numbers = key.public_numbers()
        size = _CURVES[self.key_type][1]
        return {
            "crv": self.key_type,
            "kty": "EC",
            "x": _uint(ec_numbers.x, size),
            "y": _uint(ec_numbers.y, size),
        }

    def to_multikey(self) -> str:
        """The Multikey ``publicKeyMultibase`` value."""
        if self.key_type == "RSA":
            raise UnsupportedError("RSA keys have no Multikey form in microcred")
        return multibase_encode(varint(_PUBLIC_CODECS[self.key_type]) + self._raw)

    def did_key(self) -> str:
        """The ``did:key`` DID of this key (Ed25519, P-256, P-384)."""
        if self.key_type == "RSA":
            raise UnsupportedError("did:key is supported for Ed25519, P-256, P-384")
        return "did:key:" + self.to_multikey()

    def to_pem(self) -> bytes:
        """PEM SubjectPublicKeyInfo."""
        return self._key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def to_der(self) -> bytes:
        """DER SubjectPublicKeyInfo."""
        return self._key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def thumbprint(self) -> str:
        """The RFC 7638 JWK thumbprint (SHA-256, base64url)."""
        canonical = json.dumps(self.to_jwk(), separators=(",", ":"), sort_keys=True)
        return b64url_encode(hashlib.sha256(canonical.encode("utf-8")).digest())

    # -- signatures -----------------------------------------------------------

    @property
    def default_algorithm(self) -> str:
        """The JOSE algorithm used when none is named (RS256 for RSA)."""
        return _DEFAULT_ALGORITHM[self.key_type]

    def verify(
        self, signature: bytes, data: bytes, *, algorithm: str | None = None
    ) -> None:
        """Check ``signature`` over ``data``; raise :class:`VerificationError` if bad.

        ECDSA signatures are the raw ``r || s`` form of JOSE and Data Integrity.
        """
        algorithm = _check_algorithm(self.key_type, algorithm)
        try:
            self._verify(bytes(signature), bytes(data), algorithm)
        except InvalidSignature:
            raise VerificationError(
                f"the {algorithm} signature does not match the data and key",
                path="signature",
            ) from None

    def _verify(self, signature: bytes, data: bytes, algorithm: str) -> None:
        key = self._key
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, data)
        elif isinstance(key, rsa.RSAPublicKey):
            pad, digest = _rsa_padding(algorithm)
            key.verify(signature, data, pad, digest)
        else:
            _, size, hash_type, _ = _CURVES[self.key_type]
            if len(signature) != 2 * size:
                raise InvalidSignature
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_type()))

    # -- identity -------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PublicKey):
            return NotImplemented
        return self.key_type == other.key_type and self._raw == other._raw

    def __hash__(self) -> int:
        return hash((self.key_type, self._raw))

    def __repr__(self) -> str:
        return f"PublicKey({self.key_type}, thumbprint={self.thumbprint()[:16]}…)"

    __str__ = __repr__


class PrivateKey:
    """A private key of one of :data:`KEY_TYPES`.

    ``repr`` and ``str`` show the type and the public thumbprint only; the key
    refuses to be pickled so that it cannot leak through a cache or a log.
    """

    __slots__ = ("_key", "key_type", "public_key")

    def __init__(self, key: _PrivateKeys) -> None:
        self.key_type: KeyType = _key_type_of(key)
        self._key = key
        self.public_key = PublicKey(key.public_key())

    # -- constructors ---------------------------------------------------------

    @classmethod
    def generate(cls, key_type: KeyType, *, rsa_bits: int = 3072) -> PrivateKey:
        """A fresh random key of ``key_type``."""
        key_type = _check_key_type(key_type)
        if key_type == "Ed25519":
            return cls(ed25519.Ed25519PrivateKey.generate())
        if key_type == "RSA":
            if rsa_bits < MIN_RSA_BITS:
                raise InvalidKeyError(f"RSA keys need at least {MIN_RSA_BITS} bits")
            return cls(rsa.generate_private_key(65537, rsa_bits))
        return cls(ec.generate_private_key(_CURVES[key_type][0]()))

    @classmethod
    def from_cryptography(cls, key: object) -> PrivateKey:
        """Wrap a pyca/cryptography private key."""
        if not isinstance(
            key,
            ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey,
        ):
            raise UnsupportedError(
                f"private key type {type(key).__name__} is not supported"
            )
        return cls(key)

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> PrivateKey:
        """Read a private JWK; its public members must match the private ones."""
        key_type = _jwk_key_type(jwk)
        if "d" not in jwk:
            raise InvalidKeyError("a private JWK needs the 'd' member", path="jwk.d")
        key = cls(_private_from_jwk(jwk, key_type))
        if key.public_key != PublicKey(_public_from_jwk(jwk, key_type)):
            raise InvalidKeyError(
                "the public members do not belong to the private key", path="jwk.d"
            )
        return key

    @classmethod
    def from_multikey(
        cls, secret_key_multibase: str, public_key_multibase: str | None = None
    ) -> PrivateKey:
        """Read a Multikey ``secretKeyMultibase``; check the public half if given."""
        key = cls(_private_from_multikey(secret_key_multibase, "secretKeyMultibase"))
        if (
            public_key_multibase is not None
            and key.public_key != PublicKey.from_multikey(public_key_multibase)
        ):
            raise InvalidKeyError(
                "the public key does not belong to the secret key",
                path="publicKeyMultibase",
            )
        return key

    @classmethod
    def from_pem(
        cls, data: bytes | str, *, password: bytes | None = None
    ) -> PrivateKey:
        """Read a PEM private key (PKCS#8, or the traditional forms)."""
        raw = data.encode("ascii") if isinstance(data, str) else data
        key = _load_serialized(raw, private=True, pem=True, password=password)
        return cls.from_cryptography(key)

    @classmethod
    def from_der(cls, data: bytes, *, password: bytes | None = None) -> PrivateKey:
        """Read a DER private key (PKCS#8, or the traditional forms)."""
        key = _load_serialized(data, private=True, pem=False, password=password)
        return cls.from_cryptography(key)

    # -- exports --------------------------------------------------------------

    @property
    def cryptography_key(self) -> _PrivateKeys:
        """The wrapped pyca/cryptography key."""
        return self._key

    def to_jwk(self, *, private: bool = False) -> dict[str, str]:
        """The JWK; the private members only with ``private=True``."""
        jwk = self.public_key.to_jwk()
        if not private:
            return jwk
        key = self._key
        if isinstance(key, ed25519.Ed25519PrivateKey):
            jwk["d"] = b64url_encode(key.private_bytes_raw())
        elif isinstance(key, rsa.RSAPrivateKey):
            n = key.private_numbers()
            for name, value in (
                ("d", n.d), ("p", n.p), ("q", n.q),
                ("dp", n.dmp1), ("dq", n.dmq1), ("qi", n.iqmp),
            ):  # fmt: skip
                jwk[name] = _uint(value)
        else:
            size = _CURVES[self.key_type][1]
            jwk["d"] = _uint(key.private_numbers().private_value, size)
        return jwk

    def to_multikey(self, *, private: bool = False) -> str:
        """``publicKeyMultibase``, or ``secretKeyMultibase`` with ``private=True``."""
        if not private:
            return self.public_key.to_multikey()
        key = self._key
        if isinstance(key, rsa.RSAPrivateKey):
            raise UnsupportedError("RSA keys have no Multikey form in microcred")
        if isinstance(key, ed25519.Ed25519PrivateKey):
            secret = key.private_bytes_raw()
        else:
            size = _CURVES[self.key_type][1]
            secret = key.private_numbers().private_value.to_bytes(size, "big")
        return multibase_encode(varint(_PRIVATE_CODECS[self.key_type]) + secret)

    def did_key(self) -> str:
        """The ``did:key`` DID of the public half."""
        return self.public_key.did_key()

    def to_pem(self, *, password: bytes | None = None) -> bytes:
        """PEM PKCS#8, encrypted when a password is given."""
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            _encryption(password),
        )

    def to_der(self, *, password: bytes | None = None) -> bytes:
        """DER PKCS#8, encrypted when a password is given."""
        return self._key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            _encryption(password),
        )

    def thumbprint(self) -> str:
        """The RFC 7638 thumbprint of the public half."""
        return self.public_key.thumbprint()

    # -- signatures -----------------------------------------------------------

    @property
    def default_algorithm(self) -> str:
        """The JOSE algorithm used when none is named (RS256 for RSA)."""
        return _DEFAULT_ALGORITHM[self.key_type]

    def sign(self, data: bytes, *, algorithm: str | None = None) -> bytes:
        """Sign ``data``: Ed25519, ECDSA raw ``r || s`` (RFC 6979), or RSA.

        ECDSA is deterministic (RFC 6979), so a signature over the same data
        with the same key is reproducible, as the W3C vectors expect.
        """
        algorithm = _check_algorithm(self.key_type, algorithm)
        key = self._key
        if isinstance(key, ed25519.Ed25519PrivateKey):
            return key.sign(bytes(data))
        if isinstance(key, rsa.RSAPrivateKey):
            pad, digest = _rsa_padding(algorithm)
            return key.sign(bytes(data), pad, digest)
        _, size, hash_type, _ = _CURVES[self.key_type]
        der = key.sign(bytes(data), ec.ECDSA(hash_type(), deterministic_signing=True))
        r, s = decode_dss_signature(der)
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")

    # -- identity -------------------------------------------------------------

    def __repr__(self) -> str:
        return f"PrivateKey({self.key_type}, thumbprint={self.thumbprint()[:16]}…)"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a PrivateKey cannot be pickled; export it explicitly")


def _encryption(password: bytes | None) -> serialization.KeySerializationEncryption:
    if password is None:
        return serialization.NoEncryption()
    return serialization.BestAvailableEncryption(password)
