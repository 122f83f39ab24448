"""SQL lives here and nowhere else: the tables, opening and migrating a database, and one
module per noun (documents, spans, relations, links, entities, team, gold, ...) that takes
core values in and gives core values out."""
