"""`mamoru ledger` on real PostgreSQL and MariaDB schemas scanned with `scan-db`:
every violation kind a table can have is found, and nothing else; grants are read
from the server; persons are counted from the full scan."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from support.dbscan import server_engine, unique_name
from support.ledger import CARDS, mamoru, my_number, people, violations

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MARIA = "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"

TABLES = {  # table -> (columns, rows)
    "staff": ("name_kanji", "email", "phone"),
    "payroll_mn": ("name_kanji", "kojin_bango"),
    "inquiries": ("name_kanji", "email", "kojin_bango"),
    "applicants": ("name_kanji", "email", "card_number"),
    "client_users": ("name_kanji", "email"),
    "dev_copy": ("email",),
    "public_list": ("name_kanji", "email"),
    "stray": ("name_kanji", "phone"),
}
POLICY = """
[[policy.categories]]
id = "client"
name = "委託元の利用者"
purposes = ["受託開発"]
owner = "開発部"
retention = "90d"
locations = ["db:{s}.client_users"]
entrusted = true
entities = ["PERSON", "EMAIL_ADDRESS"]

[[policy.categories]]
id = "my-number"
name = "特定個人情報"
purposes = ["源泉徴収"]
owner = "総務部"
retention = "7y"
locations = ["db:{s}.payroll_mn"]
my_number = true
entities = ["PERSON"]

[[policy.categories]]
id = "web"
name = "お問い合わせ"
purposes = ["回答"]
owner = "営業部"
retention = "3y"
locations = ["db:{s}.inquiries", "db:{s}.public_list", "db:{s}.dev_copy",
             "db:{s}.applicants", "db:{s}.staff"]
entities = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"]
"""
EXPECTED = {
    ("unregistered holding", "stray"),
    ("My Number where not allowed", "inquiries"),
    ("unexpected data types", "applicants"),
    ("readable by everyone", "public_list"),
    ("entrusted data outside its places", "dev_copy"),
}


def _rows(table: str) -> list[dict]:
    seed = sorted(TABLES).index(table) + 20
    persons = people(25, 30) if table in ("client_users", "dev_copy") else people(12, seed)
    if table == "dev_copy":
        persons = persons[:6]
    out = []
    for i, p in enumerate(persons * 2):  # every person twice: rows are not persons
        row = {"id": i + 1, "name_kanji": p["氏名"], "email": p["メールアドレス"],
               "phone": p["電話番号"], "kojin_bango": my_number(i % len(persons)),
               "card_number": CARDS[i % 3]}
        out.append({k: row[k] for k in ("id", *TABLES[table])})
    return out


def _create(admin, schema: str, quote: str, public_grant: str) -> None:
    with admin.begin() as conn:
        for table, columns in TABLES.items():
            cols = ", ".join(f"{quote}{c}{quote} VARCHAR(100)" for c in columns)
            conn.exec_driver_sql(f"CREATE TABLE {schema}.{table} (id INT PRIMARY KEY, {cols})")
            names = ", ".join(f"{quote}{c}{quote}" for c in ("id", *columns))
            values = ", ".join(f":{c}" for c in ("id", *columns))
            conn.execute(text(f"INSERT INTO {schema}.{table} ({names}) VALUES ({values})"),
                         _rows(table))
        conn.exec_driver_sql(public_grant.format(s=schema))


@pytest.fixture(params=["postgresql", "mariadb"])
def database(request):
    if request.param == "postgresql":
        admin, schema = server_engine(PG), unique_name("ledger_pg")
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        _create(admin, schema, '"', "GRANT SELECT ON {s}.public_list TO PUBLIC")
        drop = [f"DROP SCHEMA {schema} CASCADE"]
        url = PG
    else:
        admin, schema = server_engine(MARIA), unique_name("ledger_my")
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {schema} CHARACTER SET utf8mb4")
        _create(admin, schema, "`", "GRANT SELECT ON {s}.public_list TO PUBLIC")
        drop = [f"DELETE FROM mysql.tables_priv WHERE Db = '{schema}'", "FLUSH PRIVILEGES",
                f"DROP DATABASE {schema}"]  # a dropped database keeps its table grants
        url = MARIA
    try:
        yield url, schema
    finally:
        with admin.begin() as conn:
            for statement in drop:
                conn.exec_driver_sql(statement)
        admin.dispose()


@pytest.mark.db
def test_every_table_violation_and_nothing_else(database, tmp_path, capsys, monkeypatch):
    url, schema = database
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mamoru.toml").write_text(POLICY.format(s=schema), encoding="utf-8")
    code, _, err = mamoru(capsys, "scan-db", url, "--include-schema", schema,
                          "--format", "jsonl")
    assert code == 1, err
    code, out, err = mamoru(capsys, "--lang", "en", "ledger", "--check")
    assert code == 1, err
    found = {(kind, location.rsplit(".", 1)[1]) for kind, location in violations(out)}
    assert found == EXPECTED
    code, out, _ = mamoru(capsys, "--lang", "en", "ledger", "--impact", f"db:{schema}.staff",
                          "--format", "jsonl")
    assert code == 0
    assert '"persons": 12,' in out  # 24 rows, 12 persons
    code, out, _ = mamoru(capsys, "--lang", "en", "ledger", "--impact", f"{schema}.applicants")
    assert code == 1 and "may cause financial damage" in out
    # the PUBLIC grant revoked: that violation is gone, the others stay
    with server_engine(url).begin() as conn:
        conn.exec_driver_sql(f"REVOKE SELECT ON {schema}.public_list FROM PUBLIC")
    code, out, _ = mamoru(capsys, "--lang", "en", "ledger", "--check")
    found = {(kind, location.rsplit(".", 1)[1]) for kind, location in violations(out)}
    assert found == EXPECTED - {("readable by everyone", "public_list")}


@pytest.mark.db
@pytest.mark.parametrize("url", [PG, MARIA])
def test_persons_from_a_sampled_roster_within_5_percent(url, tmp_path, capsys, monkeypatch):
    """1,000 persons on 5 rows each, shuffled; scan-db samples 2,000 of the 5,000 rows."""
    import json
    import random

    admin, schema = server_engine(url), unique_name("ledger_roster")
    create = (f"CREATE SCHEMA {schema}" if url == PG
              else f"CREATE DATABASE {schema} CHARACTER SET utf8mb4")
    roster = people(1000, 61)
    rows = [p for p in roster for _ in range(5)]
    random.Random(4).shuffle(rows)
    with admin.begin() as conn:
        conn.exec_driver_sql(create)
        conn.exec_driver_sql(f"CREATE TABLE {schema}.roster (id INT PRIMARY KEY, "
                             "name_kanji VARCHAR(100), email VARCHAR(100))")
        conn.execute(text(f"INSERT INTO {schema}.roster VALUES (:id, :n, :e)"),
                     [{"id": i + 1, "n": p["氏名"], "e": p["メールアドレス"]}
                      for i, p in enumerate(rows)])
        if url == PG:
            conn.exec_driver_sql(f"ANALYZE {schema}.roster")
    try:
        monkeypatch.chdir(tmp_path)
        (tmp_path / ".mamoru.toml").write_text(POLICY.format(s=schema), encoding="utf-8")
        assert mamoru(capsys, "scan-db", url, "--include-schema", schema)[0] == 1
        code, out, _ = mamoru(capsys, "ledger", "--impact", f"{schema}.roster",
                              "--format", "jsonl")
        result = json.loads(out)
        print("persons", result["persons"])
        assert abs(result["persons"] - 1000) <= 50, result
        assert result["persons_basis"] == "EMAIL_ADDRESS"
        assert code == (1 if result["persons"] > 1000 else 0)  # the 1,000-person trigger
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE" if url == PG
                                 else f"DROP DATABASE {schema}")
        admin.dispose()
