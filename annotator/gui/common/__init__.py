"""What several windows share: the action registry, plain text, elision, fonts, settings, undo,
tables, small dialogs."""
