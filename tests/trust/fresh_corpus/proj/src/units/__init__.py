"""A tiny units package."""
