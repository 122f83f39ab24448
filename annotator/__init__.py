"""annotator: gold-standard span annotation of right-to-left news text."""

__version__ = "0.1.0"
