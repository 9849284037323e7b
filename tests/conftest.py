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


@pytest.fixture(scope="session")
def spark():
    """One local[2] Spark session for every Spark test (start-up costs seconds). Skipped
    without Java or pyspark, except under CI=true, where that is a failure."""
    import os
    import shutil

    missing = None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing = "pyspark is not installed (pip install -e '.[spark]')"
    if missing is None and shutil.which("java") is None:
        missing = "java is not installed (apt-get install openjdk-17-jre-headless)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests need {missing}")
        pytest.skip(missing)
    from mamoru.spark.session import build_session

    session = build_session("local[2]", "mamoru-tests", {
        "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.driver.memory": "1g",
        # a Python worker that crashes or hangs shows its traceback in the failure
        "spark.python.worker.faulthandler.enabled": "true",
        "spark.sql.execution.pyspark.udf.faulthandler.enabled": "true",
    })
    yield session
    session.stop()
