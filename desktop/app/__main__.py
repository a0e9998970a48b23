"""`python -m desktop.app [workflow.yaml] [files...]` starts the window."""

import sys

from desktop.app.application import main

sys.exit(main())
