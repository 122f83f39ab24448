"""The annotation window: panes, editor, highlights, overlay, tagging, and its relations, links and entities tools."""
