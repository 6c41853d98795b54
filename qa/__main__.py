"""``python -m qa``: the hoidap command line."""

import sys

from qa.cli import main

sys.exit(main())
