"""Qt item models over the dossier (tables shared by pages and widgets)."""
