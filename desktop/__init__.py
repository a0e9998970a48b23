"""Runnel: private, local AI-augmented document workflows."""

__version__ = "0.1.0"
