"""A Spark session for `python -m mamoru.spark` and the tests."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Debian's `libpostgresql-jdbc-java`; pyspark bundles no JDBC driver.
DEBIAN_JDBC_JARS = ("/usr/share/java/postgresql.jar",)


def jdbc_jars() -> list[str]:
    """JDBC driver jars installed on this machine."""
    return [j for j in DEBIAN_JDBC_JARS if Path(j).is_file()]


def build_session(master: str | None = None, app: str = "mamoru", conf: dict | None = None):
    """A session whose Python workers run this interpreter (not `python3` from PATH)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    jars = jdbc_jars()
    if jars:
        builder = builder.config("spark.jars", ",".join(jars))
    for name, value in (conf or {}).items():
        builder = builder.config(name, value)
    return builder.getOrCreate()
