"""The one error an importer raises for input it cannot take: its message is for the editor."""


class ImportProblem(ValueError):
    """Bad input (not a Word file, malformed XML …): nothing was changed."""
