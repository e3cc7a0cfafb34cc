"""Likely duplicates: entities of a project that are probably the same thing under two ids."""
