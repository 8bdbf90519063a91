"""The pages shown in the main window (guided pages, projects, grid, review, analysis, materials)."""
