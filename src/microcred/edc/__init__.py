"""European Digital Credentials (ELM 3 JSON-LD on VC 1.1): write and read.

``to_edc(award)`` writes an Award as an EDC; ``read_edc(source)`` reads one back
into an Award plus whatever the Award does not hold (``EdcReading.unmapped``),
so that nothing read is lost when it is written again. ``to_upload_form`` wraps
a credential for the EU's EDC issuer service. See ``docs/edc.md``.

The implementation (and pydantic, through the models) loads on first use, so
``import microcred.edc`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import read_edc, to_edc, to_edc_json
    from ._patch import EdcPatch
    from ._reader import EdcReading
    from ._upload import to_upload_form

__all__ = [
    "EdcPatch",
    "EdcReading",
    "read_edc",
    "to_edc",
    "to_edc_json",
    "to_upload_form",
]

_HOMES = {
    "EdcPatch": "._patch",
    "EdcReading": "._reader",
    "read_edc": "._api",
    "to_edc": "._api",
    "to_edc_json": "._api",
    "to_upload_form": "._upload",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
