"""Incident Journal: the core (model, file format, store, time parsing, command line).

This package never imports textual or screens, except for the command line's lazy start of
the terminal UI.
"""

__version__ = "0.1.0"
