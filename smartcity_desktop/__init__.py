"""智慧城市试点申报助手 — prepare a national smart city pilot dossier offline."""
from __future__ import annotations

__version__ = "0.1.0"
APP_NAME_ZH = "智慧城市试点申报助手"
APP_NAME_EN = "Smart City Pilot Declaration Assistant"
APP_ID = "smartcity-desktop"
