"""Run history in SQLite (WAL) through sqlite-utils. No Qt."""
