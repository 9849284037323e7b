"""Shared fixtures: one engine per test session, a throwaway key for fingerprints."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    from scanner.engine import Engine

    return Engine()


@pytest.fixture(autouse=True)
def _key(monkeypatch, tmp_path):
    monkeypatch.setenv("MAMORU_KEY", "test-key-not-secret")
    monkeypatch.setenv("MAMORU_KEY_FILE", str(tmp_path / "mamoru-key"))
