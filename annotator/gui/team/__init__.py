"""The Team part of the annotation window and its dialogs."""
