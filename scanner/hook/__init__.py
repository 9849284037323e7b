"""The pre-commit hook: staged blobs, added lines, allow markers, baseline.

Modules here use only the standard library at import time; the engine loads when a
check runs.
"""
