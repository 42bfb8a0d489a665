"""A throw-away PKI built at test time: CA chains, seal certificates and a TSA.

Nothing here is a fixed key: every run generates its own, so no private key lives in
the repository. The TSA builds real RFC 3161 tokens (asn1crypto structures signed
with cryptography), so sealing at level B-T runs end to end offline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

#: The validity window of every test certificate.
NOT_BEFORE = datetime(2024, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime(2027, 1, 1, tzinfo=UTC)
#: A signing time inside the window.
SIGNING_TIME = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


def rsa_key() -> rsa.RSAPrivateKey:
    """A fresh RSA-2048 key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ec_key() -> ec.EllipticCurvePrivateKey:
    """A fresh P-256 key."""
    return ec.generate_private_key(ec.SECP256R1())


def name(common: str, **extra: str) -> x509.Name:
    """A subject with CN plus O, organizationIdentifier and C when given."""
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, extra.get("country", "ES"))]
    if "organization" in extra:
        attributes.append(
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, extra["organization"])
        )
    if "organization_id" in extra:
        attributes.append(
            x509.NameAttribute(
                NameOID.ORGANIZATION_IDENTIFIER, extra["organization_id"]
            )
        )
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(attributes)


def issue(
    subject: x509.Name,
    key: Key,
    issuer: x509.Name,
    issuer_key: Key,
    *,
    ca: bool,
    eku: list[x509.ObjectIdentifier] | None = None,
    not_before: datetime = NOT_BEFORE,
    not_after: datetime = NOT_AFTER,
) -> x509.Certificate:
    """A certificate with the extensions a CA or a seal/TSA certificate needs."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
        .add_extension(_key_usage(ca), critical=True)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _key_usage(ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class SealIdentity:
    """A seal certificate, its key, the chain above it and the root to trust."""

    certificate: x509.Certificate
    key: Key
    chain: list[x509.Certificate]
    root: x509.Certificate
    issuer_key: Key


def seal_identity(
    leaf_key: Key,
    *,
    organization: str = "ORGANIZACION TEST",
    organization_id: str = "VATES-A00000000",
    country: str = "ES",
    not_after: datetime = NOT_AFTER,
) -> SealIdentity:
    """root -> intermediate -> seal certificate with O, organizationIdentifier, C."""
    root_key, intermediate_key = ec_key(), ec_key()
    root_name = name("Test Root CA", organization="Test PKI")
    intermediate_name = name("Test Seal CA", organization="Test PKI")
    root = issue(root_name, root_key, root_name, root_key, ca=True)
    intermediate = issue(
        intermediate_name, intermediate_key, root_name, root_key, ca=True
    )
    subject = name(
        "TEST SEAL",
        organization=organization,
        organization_id=organization_id,
        country=country,
    )
    leaf = issue(
        subject,
        leaf_key,
        intermediate_name,
        intermediate_key,
        ca=False,
        not_after=not_after,
    )
    return SealIdentity(leaf, leaf_key, [intermediate], root, intermediate_key)


@dataclass
class TestTsa:
    """A timestamp authority that signs real RFC 3161 tokens."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    root: x509.Certificate
    time: datetime = SIGNING_TIME + timedelta(seconds=3)
    serial: int = 1
    calls: list[bytes] = field(default_factory=list)

    __test__ = False  # not a test class, despite the name

    def __call__(self, message: bytes) -> bytes:
        """The token for ``message``: the TimestampFunction protocol."""
        self.calls.append(message)
        self.serial += 1
        return token(message, self.key, self.certificate, self.time, self.serial)


def test_tsa() -> TestTsa:
    """A TSA whose certificate has the critical timeStamping usage."""
    root_key, key = ec_key(), rsa_key()
    root_name = name("Test TSA Root", organization="Test TSA")
    root = issue(root_name, root_key, root_name, root_key, ca=True)
    certificate = issue(
        name("Test TSU", organization="Test TSA"),
        key,
        root_name,
        root_key,
        ca=False,
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    return TestTsa(key, certificate, root)


test_tsa.__test__ = False  # type: ignore[attr-defined]


def token(
    message: bytes,
    key: Key,
    certificate: x509.Certificate,
    time: datetime,
    serial: int,
    *,
    tamper: Callable[[tsp.TSTInfo], None] | None = None,
    sid: str = "issuer",
    ess: str | None = "v2",
    embed_certificate: bool = True,
    digest_of: bytes | None = None,
) -> bytes:
    """A DER TimeStampToken over SHA-256(``message``), signed with ``key``.

    The keywords build the variants real TSAs produce (subject key identifier,
    ESS v1, no embedded certificate) and broken ones (``digest_of``).
    """
    info = tsp.TSTInfo(
        {
            "version": "v1",
            "policy": "1.3.6.1.4.1.99999.1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(message).digest(),
            },
            "serial_number": serial,
            "gen_time": core.GeneralizedTime(time),
        }
    )
    if tamper is not None:
        tamper(info)
    content = info.dump()
    cert_der = certificate.public_bytes(Encoding.DER)
    parsed = asn1_x509.Certificate.load(cert_der)
    attributes = cms.CMSAttributes(_attributes(content, cert_der, ess, digest_of))
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(attributes.dump(), padding.PKCS1v15(), hashes.SHA256())
        algorithm = "sha256_rsa"
    else:
        signature = key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
        algorithm = "sha256_ecdsa"
    signer = cms.SignerInfo(
        {
            "version": "v1" if sid == "issuer" else "v3",
            "sid": _signer_id(certificate, parsed, sid),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attributes,
            "signature_algorithm": algos.SignedDigestAlgorithm(
                {"algorithm": algorithm}
            ),
            "signature": signature,
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {
                "content_type": "tst_info",
                "content": core.ParsableOctetString(content),
            },
            "certificates": [parsed] if embed_certificate else [],
            "signer_infos": [signer],
        }
    )
    return bytes(
        cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()
    )


def _attributes(
    content: bytes, cert_der: bytes, ess: str | None, digest_of: bytes | None
) -> list[dict[str, object]]:
    digest = hashlib.sha256(content if digest_of is None else digest_of).digest()
    listed: list[dict[str, object]] = [
        {"type": "content_type", "values": ["tst_info"]},
        {"type": "message_digest", "values": [digest]},
    ]
    if ess == "v2":
        certs = [{"cert_hash": hashlib.sha256(cert_der).digest()}]
        listed.append({"type": "signing_certificate_v2", "values": [{"certs": certs}]})
    elif ess == "v1":
        certs = [{"cert_hash": hashlib.sha1(cert_der).digest()}]
        listed.append({"type": "signing_certificate", "values": [{"certs": certs}]})
    return listed


def _signer_id(
    certificate: x509.Certificate, parsed: asn1_x509.Certificate, sid: str
) -> cms.SignerIdentifier:
    if sid == "issuer":
        return cms.SignerIdentifier(
            {
                "issuer_and_serial_number": {
                    "issuer": parsed.issuer,
                    "serial_number": parsed.serial_number,
                }
            }
        )
    ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    return cms.SignerIdentifier({"subject_key_identifier": ski.value.digest})
