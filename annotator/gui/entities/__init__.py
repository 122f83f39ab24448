"""The Entities window."""
