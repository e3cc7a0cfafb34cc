"""Entity profile pages: one offline, script-free HTML page per entity and per source.

:func:`~helixgraph.views.pages.site.write_site` writes them; the facts and their evidence come from
:func:`~helixgraph.views.pages.evidence.statements_by_entity`. Above :data:`ALL_PAGES_LIMIT` entities
only the actors' entity pages are written (:mod:`~helixgraph.views.pages.scope`);
:mod:`helixgraph.server.pages` serves the site and renders the others on request.
"""

from helixgraph.views.pages.evidence import Statement, statements_by_entity
from helixgraph.views.pages.scope import ALL_PAGES_LIMIT
from helixgraph.views.pages.site import page_name, write_site

__all__ = ["ALL_PAGES_LIMIT", "Statement", "page_name", "statements_by_entity", "write_site"]
