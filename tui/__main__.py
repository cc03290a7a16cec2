"""`python -m tui` runs the dailypapers command line."""

from tui.launch import main

raise SystemExit(main())
