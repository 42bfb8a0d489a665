"""Shared helpers for the Data Integrity tests: vector paths, keys, registry."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from microcred.jsonld import ContextRegistry, default_registry
from microcred.securing.keys import PrivateKey

VECTORS = Path(__file__).parents[1] / "vectors" / "di"
EDDSA = VECTORS / "vc-di-eddsa" / "TestVectors"
ECDSA = VECTORS / "vc-di-ecdsa" / "TestVectors"
CHAIN = EDDSA / "proof-set-chain"

_TEST_CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": "credentials-examples-v2.jsonld",
    "https://www.w3.org/2018/credentials/examples/v1": "credentials-examples-v1.jsonld",
    "https://w3id.org/citizenship/v4rc1": "citizenship-v4rc1.jsonld",
    "https://www.w3.org/ns/credentials/undefined-terms/v2": (
        "credentials-undefined-terms-v2.jsonld"
    ),
}


def load(path: Path) -> Any:
    """A JSON vector file."""
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def registry() -> ContextRegistry:
    """The bundled contexts plus the example contexts the vectors use."""
    documents = {
        url: load(VECTORS / "contexts" / name) for url, name in _TEST_CONTEXTS.items()
    }
    return default_registry().with_documents(documents)


def key_from_pair(pair: dict[str, str]) -> PrivateKey:
    """A private key from a vector's Multikey pair (either spelling)."""
    secret = pair.get("secretKeyMultibase") or pair["privateKeyMultibase"]
    return PrivateKey.from_multikey(secret, pair["publicKeyMultibase"])


def ed25519_key() -> PrivateKey:
    """A fresh Ed25519 key (tests that do not need a vector's key)."""
    return PrivateKey.generate("Ed25519")
