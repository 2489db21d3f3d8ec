"""``python -m tui``: the quipu console script."""

from tui.main import main

raise SystemExit(main())
