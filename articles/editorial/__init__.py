"""The editorial side of articles: the workflow transitions, revisions, preview links, the
start page's lists and the change form."""
