"""Merging documents: maps, lists and array directives (docs/merging.md, D2)."""

from graft.merging.engine import Merger, MergeResult, merge_documents

__all__ = ["MergeResult", "Merger", "merge_documents"]
