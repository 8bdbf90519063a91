"""The layout contract between the workbook writer and the importer (one place, so they cannot drift).

Every data sheet carries its own map for the importer, out of the reader's way:
- cell A1 holds the sheet kind (``#fields``, ``#conditions``, ``#indicators``, ``#projects``, ``#summary``),
  so sheets are found by kind even when a department renames or reorders them;
- row 1 (hidden) holds the field name each column answers (empty for display-only columns);
- column A (hidden) holds the row's owner: a full field key on ``#fields``, ``conditions[1]`` /
  ``indicators[1.1.1]`` / a project id elsewhere; ``#total`` marks a sum row.
The visible layout (row 2 = header, data from row 3) stays what a person expects.
A very hidden sheet ``_meta`` names the format and the scheme the workbook was made for.
"""
from __future__ import annotations

FORMAT = "smartcity-workbook/1"
META_SHEET = "_meta"
KIND_FIELDS = "#fields"
KIND_CONDITIONS = "#conditions"
KIND_INDICATORS = "#indicators"
KIND_PROJECTS = "#projects"
KIND_SUMMARY = "#summary"
TOTAL_MARK = "#total"
VALUE_FIELD = "value"  # the column of a #fields sheet that holds the answer
FIRST_DATA_ROW = 3  # 1-based: row 1 = field names (hidden), row 2 = header
SPARE_PROJECT_ROWS = 30  # blank rows in which a department can add projects
EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
