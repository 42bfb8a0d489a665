"""Pack the habitat-sector ESCO subset into microcred's package data.

Run from the repository root::

    PYTHONPATH=src python tools/pack_esco_subset.py ../shared/anchors/standard/esco

1. Each CSV is gzip-compressed as it is (no byte changed; ``mtime`` 0, so the
   output is reproducible) into ``src/microcred/esco/data/``.
2. The catalogue is then read back from those CSV files and saved in its compact
   form (concepts, relations, label indexes; see ``microcred.esco._compact``) as
   ``habitat_catalogue.json``, recording the SHA-256 of every source file. It is
   not compressed: decompressing it cost more than reading it, and wheels are
   zip archives anyway.

``tests/esco/test_package_data.py`` checks the checksums and rebuilds the compact
form from the CSV files, so a stale compact file fails the tests.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

from microcred._jsonio import dumps
from microcred.esco._compact import to_compact
from microcred.esco._loaders import BUNDLED_COMPACT, BUNDLED_FILES, load_bundled_csv

TARGET = Path(__file__).parents[1] / "src" / "microcred" / "esco" / "data"


def main(source: Path) -> None:
    """Compress every subset file into the package, then write the compact form."""
    sources = {}
    for name in BUNDLED_FILES:
        raw = (source / name).read_bytes()
        (TARGET / f"{name}.gz").write_bytes(gzip.compress(raw, 9, mtime=0))
        sources[name] = hashlib.sha256(raw).hexdigest()
        print(f"{name}  sha256 {sources[name]}  {len(raw)} bytes")
    compact = dumps(to_compact(load_bundled_csv(), sources), indent=False)
    (TARGET / BUNDLED_COMPACT).write_bytes(compact)
    print(f"{BUNDLED_COMPACT}  {len(compact)} bytes uncompressed")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
