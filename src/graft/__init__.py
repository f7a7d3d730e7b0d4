"""graft: merge YAML/JSON documents the way the Go graft does."""

__version__ = "0.1.0"
