"""``python -m microcred`` runs the command line."""

import sys

from microcred._cli import main

sys.exit(main())
