"""`python -m smartcity_desktop` is the same as the installed `smartcity-desktop` command."""
from __future__ import annotations

import sys

from smartcity_desktop.main import main

sys.exit(main())
