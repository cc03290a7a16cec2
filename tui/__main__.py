"""`python -m tui` runs the dailypapers command line."""

from tui.cli import main

raise SystemExit(main())
