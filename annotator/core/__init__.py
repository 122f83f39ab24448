"""Pure-Python domain core: text, offsets, graphemes, tokens, schema, value objects.

Nothing in this package imports Qt or SQLAlchemy.
"""
