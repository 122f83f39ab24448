"""The Export dialog."""
