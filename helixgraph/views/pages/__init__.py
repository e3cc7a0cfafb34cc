"""Entity profile pages: one offline, script-free HTML page per entity and per source.

:func:`~helixgraph.views.pages.site.write_site` writes them; the facts and their evidence come from
:func:`~helixgraph.views.pages.evidence.statements_by_entity`.
"""

from helixgraph.views.pages.evidence import Statement, statements_by_entity
from helixgraph.views.pages.site import page_name, write_site

__all__ = ["Statement", "page_name", "statements_by_entity", "write_site"]
