"""`python -m desktop.cli` is `runnel`."""

import sys

from desktop.cli import main

sys.exit(main())
