"""The Hub census: how open the Hub's models are, measured over its listing.

listing (``HfApi.list_models``, page by page, bounded) → judge (the one pipeline, metadata only,
every framework) → store (DuckDB, one transaction per page) → summary (the report's data, by SQL)
→ osai.formatters (Markdown, and a static HTML page with inline SVG charts).

``osai.census.run`` is the use case (`osai census`); it sits above the rest, with the other use
cases.  This package imports nothing by itself.
"""
