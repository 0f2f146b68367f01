"""``python -m klantcanvas``: the command line (see klantcanvas.cli)."""

from klantcanvas.cli import main

raise SystemExit(main())
