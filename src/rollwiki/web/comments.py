"""Edit summaries as HTML for the views (Linker::formatComment, batched per listing)."""

from __future__ import annotations

from ..render.comments import format_comment, format_comments

__all__ = ["format_comment", "format_comments"]
