"""JAdES seal and verify throughput on the EU micro-credential sample.

Run: PYTHONPATH=src python benchmarks/bench_jades.py

Seals the EU's "Annex 1" micro-credential (150 KB) with a fresh RSA-2048 test
certificate (B-B, RS256) and verifies the result; beside each figure, the plain
``cryptography`` operation on the same signing input, and the ratio. The verify floor
concerns the signature checks of a B-B seal (parse, header, certificate digest and
kid, signature, validity; ``check_issuer=False``, so the 113 KB payload's JSON is not
read). The default verify, which reads the payload to compare the issuer, and the
EU's own B-LTA file, with three RFC 3161 tokens, are timed for information.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from microcred.securing import jades

SAMPLE = (
    Path(__file__).parents[1]
    / "tests"
    / "vectors"
    / "edc"
    / "Sample-MC-Annex1-signed.jsonld"
)
SIGNING_TIME = datetime(2025, 6, 1, tzinfo=UTC)
FLOORS = {"seal": 400.0, "verify": 1000.0}


def rate(action: Callable[[], object], seconds: float = 2.0) -> float:
    """Calls per second of ``action``, measured for about ``seconds``."""
    action()
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(20):
            action()
        count += 20
    return count / elapsed


def identity() -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """A self-issued RSA-2048 seal certificate with the sample issuer's names."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ES"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ORGANIZACION TEST"),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, "VATES-A00000000"),
            x509.NameAttribute(NameOID.COMMON_NAME, "TEST SEAL"),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(SIGNING_TIME - timedelta(days=1))
        .not_valid_after(SIGNING_TIME + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def main() -> int:
    """Print the figures, marking a missed floor; the exit status stays 0.

    A floor depends on the machine and its load, so it is reported, not enforced
    (the plain ``cryptography`` figure beside it shows what the machine allows).
    """
    document = json.loads(SAMPLE.read_bytes())
    credential = json.loads(document["payload"])
    certificate, key = identity()

    def seal() -> dict[str, object]:
        return jades.seal(
            credential,
            certificate=certificate,
            private_key=key,
            signing_time=SIGNING_TIME,
        )

    sealed = seal()
    entry = sealed["signatures"][0]  # type: ignore[index]
    signing_input = f"{entry['protected']}.{sealed['payload']}".encode()
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    public = key.public_key()
    assert jades.verify_seal(sealed).valid

    figures = {
        "seal": (
            rate(seal),
            rate(lambda: key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())),
        ),
        "verify": (
            rate(lambda: jades.verify_seal(sealed, check_issuer=False)),
            rate(
                lambda: public.verify(
                    signature, signing_input, padding.PKCS1v15(), hashes.SHA256()
                )
            ),
        ),
    }
    characters = len(document["payload"])
    print(f"sample: {SAMPLE.name} ({characters} payload characters), RSA-2048 RS256")
    print(
        f"{'operation':<22}{'microcred/s':>14}{'cryptography/s':>17}{'ratio':>8}{'floor':>8}"
    )
    missed = False
    for name, (ours, plain) in figures.items():
        ok = ours >= FLOORS[name]
        missed |= not ok
        print(
            f"{'JAdES ' + name:<22}{ours:>14,.0f}{plain:>17,.0f}{ours / plain:>8.2f}"
            f"{FLOORS[name]:>8,.0f}{'' if ok else '  MISSED'}"
        )
    issuer = rate(lambda: jades.verify_seal(sealed))
    print(f"{'+ issuer (reads JSON)':<22}{issuer:>14,.0f}{'(no floor)':>25}")
    full = rate(lambda: jades.verify_seal(document))
    print(f"{'EU B-LTA, all checks':<22}{full:>14,.0f}{'(3 tokens, no floor)':>25}")
    if missed:
        print("a floor was missed; compare with the plain cryptography figure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
