"""European Digital Credentials (ELM 3 JSON-LD on VC 1.1): write and read.

``to_edc(award)`` writes an Award as an EDC; ``read_edc(source)`` reads one back
into an Award plus whatever the Award does not hold (``EdcReading.unmapped``),
so that nothing read is lost when it is written again.
"""

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
