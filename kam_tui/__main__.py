"""`python -m kam_tui` runs the `kam` command."""

import sys

from kam_tui.cli.main import main

sys.exit(main())
