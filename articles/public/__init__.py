"""The reading site: views, feeds, sitemaps, metadata, citation downloads, previews and the
template tags of the public templates. Everything here reads what is live."""
