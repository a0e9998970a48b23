"""Watched folders, no Qt: watchdog observers, file readiness, the durable job queue's
producer and its runner."""
