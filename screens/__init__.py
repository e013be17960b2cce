"""Incident Journal's terminal UI (Textual). Every change goes through the core (`journal`)."""
