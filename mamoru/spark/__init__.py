"""mamoru on Apache Spark: the same findings, column verdicts and masked values as on
one machine, with the DataFrame API only (Spark Connect and Databricks shared or
serverless compute have no SparkContext, RDDs or broadcast).

- `scan_files(spark, paths, key=...)`: findings as `mamoru scan --format jsonl` rows;
- `classify_columns(df, key=...)`: column verdicts as `mamoru scan-db --full`;
- `mask_dataframe(df, key=..., profile=..., policy=...)`: cells as `mamoru mask-db`,
  the job failing on a leak;
- `read_jdbc` / `write_jdbc`: parallel, sampled reads; writes of a new table through a
  staging table (`TableExists` when either exists).

Needs the `spark` extra (pyspark) where Spark is not already installed, and mamoru on
every node. `python -m mamoru.spark --help` for `spark-submit`.
"""

from __future__ import annotations

from mamoru.spark.columns import classify_columns
from mamoru.spark.files import scan_file_results, scan_files
from mamoru.spark.jdbc import TableExists, read_jdbc, write_jdbc
from mamoru.spark.masking import LeakFound, mask_dataframe

__all__ = ["LeakFound", "TableExists", "classify_columns", "mask_dataframe", "read_jdbc",
           "scan_file_results", "scan_files", "write_jdbc"]
