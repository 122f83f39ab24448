"""The docks of the annotation window: the document and span lists, the Relations and Links
panels, the Search dock, and their item models."""
