"""The public face of microcred.ob3 is stable and ships no third-party schema."""

from __future__ import annotations

from importlib import resources

import microcred.ob3


def test_public_names_are_sorted_and_importable() -> None:
    """``__all__`` is sorted (constants, classes, functions) and every name exists."""
    names = microcred.ob3.__all__

    assert names == sorted(names, key=lambda n: (not n.isupper(), n[0].islower(), n))
    assert all(hasattr(microcred.ob3, name) for name in names)


def test_no_json_schema_is_bundled() -> None:
    """1EdTech's JSON Schema reached us without a licence: the package has no copy."""
    package = resources.files("microcred.ob3")

    shipped = [entry.name for entry in package.iterdir()]

    assert not [name for name in shipped if name.endswith(".json")]
    assert "data" not in shipped
