"""How long verification takes, against the plain cryptographic work it wraps.

Measures, for a vc+jwt (Ed25519 and P-256): microcred's ``verify()`` (parse,
header, claims, JSON-LD safe expansion, signature, key, issuer, validity, status,
trust) and ``jose.verify_jwt`` against a bare ``cryptography`` signature check on
the same bytes; the same for an SD-JWT (``vc+sd-jwt``: the W3C suite's nested
credential with seven disclosures, two nested and two array elements, presented
with four of them and a Key Binding JWT), whose plain baseline is the two bare
signature checks (issuer JWT and KB-JWT); status list decoding against a bare
``gzip.decompress``; and
``verify()`` on the EU's sealed micro-credential sample (JAdES + SHACL) when the
anchors folder is present.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from microcred.jsonld import default_registry
from microcred.securing import jose, keys, sd_jwt
from microcred.securing.status import BitstringStatusList
from microcred.verification import verify

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SUITE = Path(__file__).parents[1] / "tests/vectors/jose/vc-jose-cose-test-suite"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _time(function: Callable[[], object], *, seconds: float = 1.5) -> float:
    """Mean seconds per call over about ``seconds`` of repetition."""
    function()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        function()
        count += 1
    return (time.perf_counter() - start) / count


def _report(name: str, ours: float, plain: float, plain_name: str) -> None:
    print(
        f"{name:<34} {ours * 1e3:9.3f} ms ({1 / ours:6.0f}/s)   {plain_name:<24}"
        f" {plain * 1e3:8.3f} ms   ratio {ours / plain:7.1f}x"
    )


def _credential(issuer: str) -> dict[str, object]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:0b0c3a56-0000-4000-8000-000000000009",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    }


def bench_jwt(key_type: keys.KeyType) -> None:
    key = keys.PrivateKey.generate(key_type)
    did = key.did_key()
    token = jose.sign(_credential(did), key, kid=f"{did}#{did[8:]}")
    header, payload, signature = token.split(".")
    raw = base64.urlsafe_b64decode(signature + "==")
    data = f"{header}.{payload}".encode()
    public = key.public_key

    def plain() -> None:
        public.verify(raw, data, algorithm=key.default_algorithm)

    _report(f"verify() vc+jwt {key_type}", _time(lambda: verify(token, now=NOW)),
            _time(plain), "cryptography verify")  # fmt: skip
    _report(f"jose.verify_jwt {key_type}",
            _time(lambda: jose.verify_jwt(token, now=NOW, key=public)),
            _time(plain), "cryptography verify")  # fmt: skip


def bench_sd_jwt(key_type: keys.KeyType) -> None:
    key = keys.PrivateKey.generate(key_type)
    holder = keys.PrivateKey.generate(key_type)
    did = key.did_key()
    credential = json.loads((SUITE / "credential-nested-selective.json").read_text())
    credential["issuer"] = did
    registry = default_registry().with_documents(
        {EXAMPLES_V2: json.loads((SUITE.parent / "credentials-examples-v2.jsonld")
                                 .read_text())}
    )  # fmt: skip
    subject = "credentialSubject."
    issued = sd_jwt.sign_sd_jwt(
        credential,
        key,
        kid=f"{did}#{did[8:]}",
        disclosable=[subject + name for name in (
            "employmentStatus", "salary", "address", "address.street",
            "address.city", "phoneNumbers[0]", "phoneNumbers[1]")],
        holder_key=holder.public_key,
        registry=registry,
    )  # fmt: skip
    binding = sd_jwt.KeyBinding(audience="https://verifier.example", nonce="n-1")
    token = sd_jwt.present_sd_jwt(
        issued,
        reveal=[subject + "address.street", subject + "phoneNumbers[1]"],
        holder_key=holder,
        audience=binding.audience,
        nonce=binding.nonce,
        issued_at=NOW,
    )
    checks = [_signed_parts(part) for part in (token.split("~")[0],
                                               token.rsplit("~", 1)[1])]  # fmt: skip
    publics = (key.public_key, holder.public_key)

    def plain() -> None:
        for public, (raw, data) in zip(publics, checks, strict=True):
            public.verify(raw, data, algorithm=key.default_algorithm)

    def ours() -> None:
        result = verify(token, now=NOW, key_binding=binding, registry=registry)
        assert result.valid

    _report(f"verify() vc+sd-jwt+kb {key_type}", _time(ours),
            _time(plain), "2 cryptography verify")  # fmt: skip


def _signed_parts(jwt: str) -> tuple[bytes, bytes]:
    header, payload, signature = jwt.split(".")
    return base64.urlsafe_b64decode(signature + "=="), f"{header}.{payload}".encode()


def bench_status() -> None:
    bits = BitstringStatusList()
    bits.set(94567)
    encoded = bits.encode()
    raw = base64.urlsafe_b64decode(encoded[1:] + "==")

    def ours() -> None:
        BitstringStatusList.decode(encoded).get(94567)

    _report("status list decode + get", _time(ours),
            _time(lambda: gzip.decompress(raw)), "gzip.decompress")  # fmt: skip


def bench_eu_seal() -> None:
    raw = os.environ.get("MICROCRED_ANCHORS")
    anchors = Path(raw) if raw else Path(__file__).parents[2] / "shared" / "anchors"
    path = anchors / "edc" / "samples" / "eu-elm-github-2023"
    sample = path / "Sample-MC-Annex1-signed.jsonld"
    if not sample.is_file():
        print(f"EU sample not found under {anchors}; skipped")
        return
    from microcred.securing import jades

    ours = _time(lambda: verify(sample, now="signing-time"), seconds=4)
    seal_only = _time(lambda: jades.verify_seal(sample), seconds=4)
    _report("verify() EU sealed EDC", ours, seal_only, "jades.verify_seal only")


def main() -> None:
    print("microcred verification; plain baseline measured in the same run")
    for key_type in ("Ed25519", "P-256"):
        bench_jwt(key_type)
    for key_type in ("Ed25519", "P-256"):
        bench_sd_jwt(key_type)
    bench_status()
    bench_eu_seal()


if __name__ == "__main__":
    main()
