"""osai: the openness linter for AI models."""

__version__ = "0.1.0"
