"""Helpers for the JOSE and status tests: the vectors and a registry for them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from microcred.jsonld import ContextRegistry, default_registry

VECTORS = Path(__file__).parents[1] / "vectors"
JOSE_SUITE = VECTORS / "jose" / "vc-jose-cose-test-suite"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def load(path: Path) -> Any:
    """Read a JSON vector."""
    return json.loads(path.read_text(encoding="utf-8"))


def make_examples_registry() -> ContextRegistry:
    """The bundled contexts plus the W3C examples context the suite uses."""
    document = load(VECTORS / "jose" / "credentials-examples-v2.jsonld")
    return default_registry().with_documents({EXAMPLES_V2: document})
