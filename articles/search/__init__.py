"""Full-text search: the index's database schema, the queries, the filters, the snippets."""
