"""Citations of court decisions and texts of law in question and answer texts."""
