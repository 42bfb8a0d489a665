"""Entry point of the ``microcred`` command (see :mod:`microcred._cli`)."""

from __future__ import annotations

import sys

from microcred._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
