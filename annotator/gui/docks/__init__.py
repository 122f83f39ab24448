"""The docks of the annotation window: the document and span lists, the Relations and Links
panels, and their item models."""
