"""The frame of the program: application start, main window, welcome screen, session, actions, settings."""
