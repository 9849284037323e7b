"""`classify_columns` and `mask_dataframe` in local[2] on a real PostgreSQL table read
over JDBC, against `mamoru scan-db --full` and `mamoru mask-db` on the same table."""

from __future__ import annotations

import json
import os
import random
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import create_engine, inspect, text
from stdnum.jp import in_
from support.spark import part_files, raw_values_in

from scanner.cli import main

KEY = "spark-db-key"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test"
ROWS = 4_000
SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "大輔", "由美", "翔", "愛"]
PLACES = ["東京都千代田区千代田", "大阪府大阪市北区梅田", "愛知県名古屋市中区栄",
          "福岡県福岡市博多区博多駅前", "北海道札幌市中央区北一条西"]
pytestmark = [pytest.mark.db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("MAMORU_KEY", KEY)


def _rows() -> list[tuple]:
    rng = random.Random(14)
    out = []
    for i in range(1, ROWS + 1):
        eleven = f"{rng.randrange(10**10, 10**11):011d}"
        my_number = f"{rng.randrange(10**10, 10**11):011d}"
        my_number += in_.calc_check_digit(my_number)
        tel = f"0{rng.choice('789')}0-{rng.randrange(1000, 10**4)}-{rng.randrange(10**4):04d}"
        note = rng.choice([f"連絡は電話 {tel} まで", "特になし", "", None,
                           f"担当 {rng.choice(SURNAMES)}さん"])
        out.append((
            i, rng.choice(SURNAMES) + rng.choice(GIVEN), tel,
            f"user{i}@example.co.jp", eleven + in_.calc_check_digit(eleven),
            f"{rng.choice(PLACES)}{rng.randrange(1, 9)}-{rng.randrange(1, 30)}-"
            f"{rng.randrange(1, 20)}",
            f"{rng.randrange(1950, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            f"C{rng.randrange(10**9, 10**10)}", note, rng.randrange(100, 100000),
            int(my_number) if i % 4 == 0 else rng.randrange(10**9, 10**10),
        ))
    return out


@pytest.fixture(scope="module")
def pg_table():
    """A 4,000-row customer table in a schema of its own: (schema, table)."""
    try:
        admin = create_engine(PG_URL)
        with admin.connect():
            pass
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {type(exc).__name__}")
    from mamoru.spark.session import jdbc_jars

    if not jdbc_jars():
        if os.environ.get("CI") == "true":
            pytest.fail("no PostgreSQL JDBC driver (apt-get install libpostgresql-jdbc-java)")
        pytest.skip("no PostgreSQL JDBC driver (apt-get install libpostgresql-jdbc-java)")
    schema = f"spark_{uuid.uuid4().hex[:8]}"
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
        conn.execute(text(
            f"CREATE TABLE {schema}.customers (id INTEGER PRIMARY KEY, name VARCHAR(40),"
            " tel VARCHAR(20), email VARCHAR(100), my_number VARCHAR(12), address"
            " VARCHAR(200), birth_date DATE, code VARCHAR(12), note VARCHAR(200),"
            " amount INTEGER, member_no BIGINT)"))
        conn.execute(text(
            f"INSERT INTO {schema}.customers VALUES (:a, :b, :c, :d, :e, :f,"
            " CAST(:g AS DATE), :h, :i, :j, :k)"),
            [dict(zip("abcdefghijk", r, strict=True)) for r in _rows()])
    yield schema, "customers"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _jdbc(spark, schema: str, table: str, partitions: int, **kw):
    from mamoru.spark import read_jdbc

    return read_jdbc(spark, JDBC_URL, f"{schema}.{table}", user="postgres",
                     partition_column="id", partitions=partitions, **kw)


def _verdicts_of_scan_db(capsys, tmp_path: Path, schema: str) -> dict:
    code = main(["scan-db", PG_URL, "--full", "--include-schema", schema, "--min-score", "0",
                 "--format", "jsonl", "--inventory", str(tmp_path / "inv.sqlite")])
    assert code == 1
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    return {(r["column"], r["entity_type"]): (
        r["share"], r["score"], r["confidence"], r["basis"], r["examined"], r["matched"],
        r["findings"], r["free_text"], r["previews"], r["fingerprints"]) for r in rows}


def _verdicts_of_spark(df) -> dict:
    return {(r.column, r.entity_type): (
        r.share, r.score, r.confidence, r.basis, r.examined, r.matched, r.findings,
        r.free_text, r.previews, len(r.fingerprints)) for r in df.collect()}


def test_classify_columns_equals_scan_db_full(spark, pg_table, capsys, tmp_path) -> None:
    from mamoru.spark import classify_columns

    schema, table = pg_table
    expected = _verdicts_of_scan_db(capsys, tmp_path, schema)
    assert {c for c, _ in expected} >= {"name", "tel", "email", "my_number", "address", "note"}
    df = _jdbc(spark, schema, table, 2)  # 2 partitions of 2,000 rows: whole batches
    assert df.select("id").distinct().count() == ROWS
    got = _verdicts_of_spark(classify_columns(df, key=KEY.encode()))
    assert got == expected
    # planted: a partition lost on the way gives other verdicts, and the check sees it
    lost = _verdicts_of_spark(classify_columns(df.where("id > 2000"), key=KEY.encode()))
    assert lost != expected


def test_jdbc_sample_is_taken_on_the_server(spark, pg_table) -> None:
    schema, table = pg_table
    df = _jdbc(spark, schema, table, 2, sample_percent=10)
    engine = create_engine(PG_URL)
    with engine.connect() as conn:
        ids = conn.execute(text(
            f"SELECT id FROM {schema}.{table} TABLESAMPLE SYSTEM (10.0) REPEATABLE (42)"
        )).scalars().all()
    engine.dispose()
    got = sorted(r.id for r in df.select("id").collect())
    assert got == sorted(ids) and 0 < len(got) < ROWS


def _mask_db_cells(tmp_path: Path, schema: str, table: str, policy: Path | None) -> tuple:
    out = tmp_path / "mask-db"
    # only this test's schema: other runs create and drop schemas in the same database
    args = ["mask-db", f"{PG_URL}?options=-csearch_path%3D{schema}", "--to", str(out),
            "--dir-format", "parquet", "--schema", schema]
    code = main(args + (["--policy", str(policy)] if policy else []))
    if code != 0:
        return code, None
    rows = pq.read_table(out / f"{table}.parquet").to_pylist()
    return code, sorted(rows, key=lambda r: r["id"])


def _raw_values() -> tuple[list[str], list[str]]:
    """Values every masked copy must have replaced: (texts: phones, e-mail addresses, My
    Numbers, addresses; the My Numbers of the BIGINT column). Names aside: a surrogate
    is drawn from the same name pools and may equal another row's real name."""
    return ([v for r in _rows() for v in (r[2], r[3], r[4], r[5])],
            [str(r[10]) for r in _rows() if r[0] % 4 == 0])


def test_mask_dataframe_equals_mask_db(spark, pg_table, tmp_path) -> None:
    from mamoru.spark import mask_dataframe

    schema, table = pg_table
    code, expected = _mask_db_cells(tmp_path, schema, table, None)
    assert code == 0 and len(expected) == ROWS
    out = tmp_path / "masked.parquet"
    df = _jdbc(spark, schema, table, 1)  # one 4,000-row chunk, as mask-db reads it
    masked = mask_dataframe(df, key=KEY.encode(), table=table, keys=["id"])
    masked.write.parquet(str(out))
    assert (out / "_SUCCESS").exists()
    got = sorted(pq.read_table(out).to_pylist(), key=lambda r: r["id"])
    assert got == expected
    source = {r[0]: r for r in _rows()}
    columns = ("id", "name", "tel", "email", "my_number", "address", "birth_date", "code",
               "note", "amount", "member_no")
    assert [c for i, c in enumerate(columns) if str(got[3][c]) != str(source[4][i])] == [
        "name", "tel", "email", "my_number", "address", "birth_date", "member_no"]
    assert isinstance(got[3]["member_no"], int)  # a BIGINT stays a number
    assert [r["member_no"] for r in got if r["id"] % 4] == [
        source[r["id"]][10] for r in got if r["id"] % 4]  # plain numbers are kept
    texts, numbers = _raw_values()
    assert raw_values_in(out, texts + numbers) == ([], [])
    # planted: the comparison sees one cell that differs, and the raw check sees the
    # source written as it is
    got[17]["tel"] = source[18][2]
    assert got != expected
    plain = tmp_path / "plain.parquet"
    df.write.option("compression", "none").parquet(str(plain))
    # (the numbers are int64 in the file: found in the rows, not as text in the bytes)
    assert raw_values_in(plain, texts + numbers) == (texts + numbers, texts)


@pytest.fixture(scope="module")
def leaky_table(pg_table):
    """A copy of the table whose `code` column (a key, no type found in its first rows,
    so the plan keeps it) holds My Numbers in two rows of its last id range."""
    schema, table = pg_table
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE {schema}.leaky AS SELECT * FROM {schema}.{table}"))
        conn.execute(text(f"UPDATE {schema}.leaky SET code = :v WHERE id = :i"),
                     [{"v": PLANTED[0], "i": 3600}, {"v": PLANTED[1], "i": 3900}])
    engine.dispose()
    return schema, "leaky"


PLANTED = ("123456789018", "987654321098")  # check digits pass


def _tables(schema: str) -> dict[str, int]:
    engine = create_engine(PG_URL)
    with engine.connect() as conn:
        names = inspect(conn).get_table_names(schema=schema)
        counts = {n: conn.execute(text(f"SELECT count(*) FROM {schema}.{n}")).scalar_one()
                  for n in names}
    engine.dispose()
    return counts


def _leak_message(exc: BaseException) -> str:
    from mamoru.spark.masking import LEAK_MARK

    message = str(exc)
    assert LEAK_MARK in message, message[:2000]
    assert all(v not in message for v in PLANTED)
    return message


def test_planted_leak_fails_the_mask_job_and_writes_nothing(spark, leaky_table,
                                                            tmp_path) -> None:
    from mamoru.spark import mask_dataframe, write_jdbc

    schema, table = leaky_table
    # 4 partitions of 1,000 ids: the planted rows are in the last one, which runs after
    # the first ones have written their rows
    df = _jdbc(spark, schema, table, 4)
    masked = mask_dataframe(df, key=KEY.encode(), table=table, keys=["id", "code"])
    out = tmp_path / "masked.parquet"
    with pytest.raises(Exception) as caught:
        masked.write.parquet(str(out))
    message = _leak_message(caught.value)
    assert "leaky partition 3 from row 1" in message and "JP_MY_NUMBER" in message
    assert not (out / "_SUCCESS").exists() and part_files(out) == []
    before = _tables(schema)
    with pytest.raises(Exception) as caught:
        write_jdbc(masked, JDBC_URL, f"{schema}.leaky_masked", user="postgres")
    _leak_message(caught.value)
    assert _tables(schema) == before  # no table, no staging table
    assert "leaky_masked" not in before and "mamoru_tmp_leaky_masked" not in before
    # planted: the partitions without the planted rows do write rows, and a plain Spark
    # JDBC write (no staging table) of the failing job leaves them in the destination
    clean = tmp_path / "clean.parquet"
    mask_dataframe(df.where("id <= 3000"), key=KEY.encode(), table=table,
                   keys=["id", "code"]).write.parquet(str(clean))
    assert len(part_files(clean)) >= 3 and pq.read_table(clean).num_rows == 3000
    with pytest.raises(Exception) as caught:
        masked.write.format("jdbc").options(
            url=JDBC_URL, user="postgres", driver="org.postgresql.Driver",
            dbtable=f"{schema}.half_written").save()
    _leak_message(caught.value)
    assert _tables(schema).get("half_written", 0) >= 2000


def test_cli_mask_leak_check_fails_with_exit_1(spark, leaky_table, tmp_path, capsys) -> None:
    from mamoru.spark.__main__ import main as spark_main

    schema, table = leaky_table
    base = ["--lang", "en", "mask", "--jdbc-url", JDBC_URL, "--table", f"{schema}.{table}",
            "--user", "postgres", "--partition-column", "id", "--partitions", "4",
            "--keys", "id,code"]
    out = tmp_path / "masked.parquet"
    assert spark_main([*base, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("leak check failed: nothing was written.") and "JP_MY_NUMBER" in err
    assert all(v not in err for v in PLANTED) and "Traceback" not in err
    assert not (out / "_SUCCESS").exists() and part_files(out) == []
    assert spark_main([*base, "--to-jdbc-table", f"{schema}.cli_masked"]) == 1
    assert "leak check failed" in capsys.readouterr().err
    assert "cli_masked" not in _tables(schema)
    # the same command on the table without the planted values passes
    ok = [*base[:6], f"{schema}.customers", *base[7:], "--out", str(tmp_path / "ok.parquet")]
    assert spark_main(ok) == 0
    assert "masked (leak check passed)" in capsys.readouterr().err


def test_struct_column_holding_personal_data_fails_the_job(spark, tmp_path) -> None:
    """Structs and maps are kept as they are (their field names are no JSON keys to
    mask): personal data in them fails the job."""
    from mamoru.spark import mask_dataframe

    schema = "id int, contact struct<tel:string,memo:string>"
    rows = [(i, (f"090-5555-{i:04d}" if i == 3 else "なし", "特になし"))
            for i in range(1, 6)]
    out = tmp_path / "struct.parquet"
    with pytest.raises(Exception) as caught:
        mask_dataframe(spark.createDataFrame(rows, schema), key=KEY.encode(),
                       keys=["id"]).write.parquet(str(out))
    message = str(caught.value)
    assert "mamoru-leak-check-failed" in message and "PHONE_NUMBER" in message
    assert "090-5555-0003" not in message and part_files(out) == []
    # planted: without a phone in it, the same frame is written as it is
    clean = [(i, ("なし", "特になし")) for i in range(1, 6)]
    out = tmp_path / "clean.parquet"
    mask_dataframe(spark.createDataFrame(clean, schema), key=KEY.encode(),
                   keys=["id"]).write.parquet(str(out))
    assert sorted(pq.read_table(out).to_pylist(), key=lambda r: r["id"]) == [
        {"id": i, "contact": {"tel": "なし", "memo": "特になし"}} for i in range(1, 6)]


def test_write_jdbc_renames_the_staging_table(spark, pg_table) -> None:
    from mamoru.spark import write_jdbc

    schema, table = pg_table
    before = _tables(schema)  # other tests of this module leave tables of their own
    df = _jdbc(spark, schema, table, 2).select("id", "amount")
    write_jdbc(df, JDBC_URL, f"{schema}.copy", user="postgres")
    assert _tables(schema) == {**before, "copy": ROWS}  # no staging table left


def _sql(statement: str) -> None:
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_write_jdbc_refuses_an_existing_table_and_keeps_another_runs_staging_table(
        spark, pg_table, monkeypatch, capsys) -> None:
    from mamoru.spark import TableExists, write_jdbc
    from mamoru.spark import jdbc as spark_jdbc
    from mamoru.spark.__main__ import main as spark_main
    from scanner.i18n import Lang

    schema, table = pg_table
    df = _jdbc(spark, schema, table, 2).select("id", "amount")
    write_jdbc(df, JDBC_URL, f"{schema}.kept", user="postgres")
    with pytest.raises(TableExists) as caught:
        write_jdbc(df.where("id <= 10"), JDBC_URL, f"{schema}.kept", user="postgres")
    assert str(caught.value) == (
        f"the table exists already: {schema}.kept (only a new table is written)")
    assert _tables(schema)["kept"] == ROWS
    # a staging table left by a run that was killed, or made by one still writing
    _sql(f"CREATE TABLE {schema}.mamoru_tmp_other (id INTEGER)")
    _sql(f"INSERT INTO {schema}.mamoru_tmp_other VALUES (7)")
    with pytest.raises(TableExists) as caught:
        write_jdbc(df, JDBC_URL, f"{schema}.other", user="postgres")
    assert caught.value.text(Lang("ja")).startswith(
        f"作業用の表 {schema}.mamoru_tmp_other が既にあります: {schema}.other への書き込みが")
    assert f"DROP TABLE {schema}.mamoru_tmp_other" in str(caught.value)
    tables = _tables(schema)
    assert tables["mamoru_tmp_other"] == 1 and "other" not in tables
    # the other run makes its staging table between the check and the write: refused by
    # Spark, and still not dropped
    real = spark_jdbc._readable
    calls: list[str] = []

    def late(spark_, options, name):
        calls.append(name)
        return False if len(calls) <= 2 else real(spark_, options, name)

    with monkeypatch.context() as patched, pytest.raises(TableExists):
        patched.setattr(spark_jdbc, "_readable", late)
        write_jdbc(df, JDBC_URL, f"{schema}.other", user="postgres")
    assert len(calls) == 3 and _tables(schema)["mamoru_tmp_other"] == 1
    # the command line says so in the user's language, before any job runs
    base = ["mask", "--jdbc-url", JDBC_URL, "--table", f"{schema}.{table}", "--user",
            "postgres", "--keys", "id,code", "--to-jdbc-table"]
    assert spark_main(["--lang", "ja", *base, f"{schema}.kept"]) == 2
    assert capsys.readouterr().err == (
        f"mamoru: 出力先の表が既にあります: {schema}.kept（新しい表にだけ書き込みます）\n")
    assert spark_main(["--lang", "en", *base, f"{schema}.other"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mamoru: the staging table") and err.count("\n") == 1
    # once the other run's table is gone, the same write goes through
    _sql(f"DROP TABLE {schema}.mamoru_tmp_other")
    write_jdbc(df, JDBC_URL, f"{schema}.other", user="postgres")
    tables = _tables(schema)
    assert tables["other"] == ROWS and "mamoru_tmp_other" not in tables
