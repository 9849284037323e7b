"""`python -m mamoru` is the `mamoru` command."""

import sys

from scanner.cli import main

sys.exit(main())
