"""Tools for professional translators: segments, translation memory, glossary, segmented XLIFF
and the side-by-side segment editor. Built over ``articles.translations`` (status, saving)."""
