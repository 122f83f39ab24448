"""The claim table window."""
