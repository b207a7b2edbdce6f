"""Classroom Layout Designer: plan a classroom, check it, export the evidence."""

__version__ = "0.1.0"
