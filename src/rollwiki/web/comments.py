"""Edit summaries as HTML for listings (Linker::formatComment, batched).

Delegates to the comment formatter; one existence lookup per listing.
"""

from __future__ import annotations

from .interim import format_comment, format_comments

__all__ = ["format_comment", "format_comments"]
