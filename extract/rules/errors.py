"""The error every malformed rule, label or word list raises: its message names file, line and fix."""


class PatternError(ValueError):
    """A malformed rule or word list; the message names file, line and what to fix."""
