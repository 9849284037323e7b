"""`mamoru mask-db` on real databases: keys still join, leak check, nothing left on failure."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import create_engine, inspect, text
from stdnum.jp import in_
from support.maskdb import maria_databases, pg_databases

from scanner.cli import main
from scanner.masking.surrogates.names import name_surrogate

ROWS = [
    ("taro@example.co.jp", "山田太郎", "ヤマダ タロウ", "090-1234-5678", "123456789018",
     "東京都千代田区千代田1-1", "100-0001", "1985-04-12", "連絡先 03-1234-5678"),
    ("hanako@foo.jp", "山田花子", "ヤマダ ハナコ", "080-2222-3333", "100000000005",
     "大阪府大阪市北区梅田3-1-1", "530-0001", "1990-01-02", "なし"),
]
DDL = [
    "CREATE TABLE mask_customers (email VARCHAR(100) PRIMARY KEY, name VARCHAR(50) NOT NULL,"
    " name_kana VARCHAR(50), tel VARCHAR(20), my_number VARCHAR(12), address VARCHAR(200),"
    " zip VARCHAR(8), birth_date DATE, note VARCHAR(200))",
    "CREATE TABLE mask_orders (id INTEGER PRIMARY KEY, customer_email VARCHAR(100)"
    " REFERENCES mask_customers(email), amount INTEGER, memo VARCHAR(200))",
]
ORDERS = [(1, "taro@example.co.jp", 1000, "配送先 電話 090-1234-5678"),
          (2, "hanako@foo.jp", 2000, ""), (3, "taro@example.co.jp", 300, None)]


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def _fill(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for stmt in DDL:
            conn.execute(text(stmt))
        conn.execute(text("INSERT INTO mask_customers VALUES (:a,:b,:c,:d,:e,:f,:g,:h,:i)"),
                     [dict(zip("abcdefghi", r, strict=True)) for r in ROWS])
        conn.execute(text("INSERT INTO mask_orders VALUES (:a,:b,:c,:d)"),
                     [dict(zip("abcd", r, strict=True)) for r in ORDERS])
    engine.dispose()


@pytest.fixture
def pg_pair():
    with pg_databases(2) as urls:
        yield tuple(urls)


@pytest.fixture
def maria_pair():
    with maria_databases(2) as urls:
        yield tuple(urls)


@pytest.fixture
def sqlite_pair(tmp_path):
    return f"sqlite:///{tmp_path / 'src.db'}", f"sqlite:///{tmp_path / 'dst.db'}"


def _check_masked_copy(dst_url: str) -> None:
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        customers = conn.execute(text(
            "SELECT email, name, name_kana, tel, my_number, address, zip, birth_date, note "
            "FROM mask_customers ORDER BY name")).all()
        joined = conn.execute(text(
            "SELECT o.id, c.name FROM mask_orders o JOIN mask_customers c "
            "ON c.email = o.customer_email ORDER BY o.id")).all()
        memo = conn.execute(text("SELECT memo FROM mask_orders WHERE id = 1")).scalar_one()
        tables = sorted(inspect(conn).get_table_names())
    engine.dispose()
    assert tables == ["mask_customers", "mask_orders"]
    assert len(customers) == 2 and len(joined) == 3
    by_source = {r[0]: r for r in ROWS}
    for row in customers:
        assert row[0].startswith("user-")
        assert row[0].split("@")[1] in ("example.co.jp", "example.jp")
        assert in_.is_valid(row[4])
        assert row[1] not in ("山田太郎", "山田花子") and row[3] not in by_source
    # the foreign key still joins: every order finds its (masked) customer
    names = {r[1] for r in customers}
    assert {j[1] for j in joined} == names and joined[0][1] == joined[2][1]
    taro = name_surrogate(b"test-key", "山田太郎")
    assert joined[0][1] == taro.kanji
    kana = next(r[2] for r in customers if r[1] == taro.kanji)
    assert kana.replace(" ", "") == "".join(chr(ord(c) + 0x60) for c in taro.reading(""))
    # the phone in the free-text memo got the same surrogate as the tel column
    taro_tel = next(r[3] for r in customers if r[1] == taro.kanji)
    assert memo == f"配送先 電話 {taro_tel}"


@pytest.mark.db
@pytest.mark.parametrize("pair", ["sqlite_pair", "pg_pair", "maria_pair"])
def test_mask_db_copies_with_joins_intact(request, pair):
    src_url, dst_url = request.getfixturevalue(pair)
    _fill(src_url)
    assert main(["mask-db", src_url, "--to", dst_url]) == 0
    _check_masked_copy(dst_url)
    # the source is untouched
    engine = create_engine(src_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM mask_customers ORDER BY email")).scalars()\
            .all() == ["山田花子", "山田太郎"]
    engine.dispose()


@pytest.mark.db
@pytest.mark.parametrize("pair", ["sqlite_pair", "pg_pair", "maria_pair"])
def test_mask_db_leak_check_leaves_no_table(request, pair, monkeypatch, capsys):
    """A classifier that misses the tel column: the copy read back still holds the input
    phone numbers, the run fails and no table is left."""
    import scanner.masking.database.source as db_source
    from scanner.masking.tables import KEEP

    real = db_source.plan_table

    def blind(masker, conn, table):
        tp = real(masker, conn, table)
        tp.plans = [type(p)(p.name, KEEP) if p.name == "tel" else p for p in tp.plans]
        return tp

    monkeypatch.setattr(db_source, "plan_table", blind)
    src_url, dst_url = request.getfixturevalue(pair)
    _fill(src_url)
    code = main(["--lang", "en", "mask-db", src_url, "--to", dst_url])
    assert code == 1
    err = capsys.readouterr().err
    assert "mask_customers.tel row " in err and "PHONE_NUMBER 090-****-5678" in err
    assert "090-1234-5678" not in err
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


@pytest.mark.db
@pytest.mark.parametrize("pair", ["sqlite_pair", "pg_pair", "maria_pair"])
def test_a_column_the_policy_keeps_is_no_leak(request, pair, tmp_path):
    src_url, dst_url = request.getfixturevalue(pair)
    _fill(src_url)
    policy = tmp_path / "p.toml"
    policy.write_text('[columns."mask_customers.tel"]\noperator = "keep"\n', encoding="utf-8")
    assert main(["mask-db", src_url, "--to", dst_url, "--policy", str(policy)]) == 0
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        tels = conn.execute(text("SELECT tel FROM mask_customers ORDER BY tel")).scalars().all()
    engine.dispose()
    assert tels == ["080-2222-3333", "090-1234-5678"]


@pytest.mark.db
@pytest.mark.parametrize("pair", ["sqlite_pair", "pg_pair", "maria_pair"])
def test_mask_db_copies_only_the_chosen_tables(request, pair):
    """`--include-table '*orders'`: the orders alone, masked (the customers' e-mails they
    hold, the phone in a memo), keys still equal to each other; the leak check passes."""
    src_url, dst_url = request.getfixturevalue(pair)
    _fill(src_url)
    assert main(["mask-db", src_url, "--to", dst_url, "--include-table", "*orders"]) == 0
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        orders = conn.execute(text(
            "SELECT id, customer_email, amount, memo FROM mask_orders ORDER BY id")).all()
    engine.dispose()
    assert tables == ["mask_orders"]
    assert [(o[0], o[2]) for o in orders] == [(1, 1000), (2, 2000), (3, 300)]
    emails = [o[1] for o in orders]
    assert not set(emails) & {r[0] for r in ROWS} and emails[0] == emails[2] != emails[1]
    assert orders[0][3].startswith("配送先 電話 ") and "090-1234-5678" not in orders[0][3]


def test_mask_db_excluded_and_unmatched_tables(sqlite_pair, tmp_path, capsys):
    src_url, dst_url = sqlite_pair
    _fill(src_url)
    assert main(["mask-db", src_url, "--to", dst_url, "--exclude-table", "main.mask_orders"]) == 0
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["mask_customers"]
    engine.dispose()
    other = f"sqlite:///{tmp_path / 'none.db'}"
    capsys.readouterr()
    assert main(["--lang", "en", "mask-db", src_url, "--to", other,
                 "--include-table", "invoices*"]) == 2
    assert capsys.readouterr().err == (
        f"bad input: no table of {src_url} matches --include-table / --exclude-table\n")


def test_mask_db_to_directory(sqlite_pair, tmp_path):
    src_url, _ = sqlite_pair
    _fill(src_url)
    out = tmp_path / "csv"
    assert main(["mask-db", src_url, "--to", str(out), "--profile", "pseudonymized"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".mamoru-mask.json", "mask_customers.csv", "mask_orders.csv"]
    with (out / "mask_customers.csv").open(encoding="utf-8", newline="") as fh:
        customers = list(csv.DictReader(fh))
    with (out / "mask_orders.csv").open(encoding="utf-8", newline="") as fh:
        orders = list(csv.DictReader(fh))
    emails = {c["email"] for c in customers}
    assert {o["customer_email"] for o in orders} <= emails  # keys still match
    assert all(len(e) == 16 and int(e, 16) >= 0 for e in emails)  # keyed hashes
    assert {c["zip"] for c in customers} == {"100-****", "530-****"}
    assert sorted(c["address"] for c in customers) == ["大阪府大阪市", "東京都千代田区"]


def test_mask_db_bad_input(tmp_path, sqlite_pair):
    src_url, dst_url = sqlite_pair
    assert main(["mask-db", "nosuchdriver://x/y", "--to", dst_url]) == 2
    _fill(src_url)
    _fill(dst_url)  # destination tables exist already
    assert main(["mask-db", src_url, "--to", dst_url]) == 2


@pytest.mark.parametrize(("lang", "reason"), [
    ("ja", "データベースのファイルではありません"), ("en", "file is not a database"),
])
def test_a_source_that_is_no_database_is_named(tmp_path, capsys, lang, reason):
    """A CSV file given as an SQLite source: the driver's common failure is named in the
    user's language, not by its exception class."""
    source = tmp_path / "customers.csv"
    source.write_text("氏名,電話\n山田太郎,090-1234-5678\n", encoding="utf-8")
    code = main(["--lang", lang, "mask-db", f"sqlite:///{source}", "--to",
                 f"sqlite:///{tmp_path / 'out.db'}"])
    err = capsys.readouterr().err
    assert code == 2 and reason in err and "DatabaseError" not in err
    assert "山田太郎" not in err and not (tmp_path / "out.db").exists()


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_anonymized_keys_join_within_a_run_and_link_nothing_across_runs(sqlite_pair, tmp_path):
    src_url, _ = sqlite_pair
    _fill(src_url)
    runs = []
    for n in (1, 2):
        out = tmp_path / f"anon{n}"
        code = main(["mask-db", src_url, "--to", str(out), "--profile", "anonymized",
                     "--quasi", "zip", "--k", "2"])
        assert code == 0
        runs.append((_read_csv(out / "mask_customers.csv"), _read_csv(out / "mask_orders.csv")))
    (cust1, orders1), (cust2, _) = runs
    assert {o["customer_email"] for o in orders1} == {c["email"] for c in cust1}
    assert {c["email"] for c in cust1}.isdisjoint({c["email"] for c in cust2})
    assert [c["name"] for c in cust1] == ["<氏名>", "<氏名>"]
    assert sorted(c["birth_date"] for c in cust1) == ["1985-01-01", "1990-01-01"]
    assert [c["zip"] for c in cust1] == ["*", "*"]  # each postal area occurs once: rare


def test_k_anonymity_report_for_a_database_copy(sqlite_pair, capsys):
    src_url, dst_url = sqlite_pair
    _fill(src_url)
    code = main(["--lang", "en", "mask-db", src_url, "--to", dst_url, "--quasi", "amount",
                 "--k", "2"])
    assert code == 0
    out = capsys.readouterr().out
    assert "mask_orders: k-anonymity on (amount): smallest class 1; 3 of 3 records in classes " \
           "below k=2 (3 classes)" in out


def test_mask_db_to_parquet_files(sqlite_pair, tmp_path):
    import pyarrow.parquet as pq

    src_url, _ = sqlite_pair
    _fill(src_url)
    out = tmp_path / "parquet"
    args = ["mask-db", src_url, "--to", str(out), "--dir-format", "parquet",
            "--profile", "pseudonymized"]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".mamoru-mask.json", "mask_customers.parquet", "mask_orders.parquet"]
    customers = pq.read_table(out / "mask_customers.parquet").to_pylist()
    orders = pq.read_table(out / "mask_orders.parquet").to_pylist()
    emails = {c["email"] for c in customers}
    assert {o["customer_email"] for o in orders} <= emails  # keys still match
    assert all(len(e) == 16 and int(e, 16) >= 0 for e in emails)  # keyed hashes
    assert {c["zip"] for c in customers} == {"100-****", "530-****"}
    assert sorted(c["address"] for c in customers) == ["大阪府大阪市", "東京都千代田区"]


def test_anonymized_below_k_is_not_released(sqlite_pair, tmp_path, capsys):
    import json

    src_url, dst_url = sqlite_pair
    _fill(src_url)
    out = tmp_path / "anon"
    args = ["--lang", "en", "mask-db", src_url, "--profile", "anonymized", "--quasi",
            "amount", "--k", "4"]
    assert main([*args, "--to", str(out)]) == 1
    err = capsys.readouterr().err
    assert "classes below k=4: nothing was written (--allow-below-k releases it)" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anon.k-anonymity.json", "src.db"]
    (report,) = json.loads((tmp_path / "anon.k-anonymity.json").read_text(encoding="utf-8"))
    assert (report["where"], report["smallest"], report["below_k"]) == ("mask_orders", 3, 3)
    assert main([*args, "--to", dst_url]) == 1
    engine = create_engine(dst_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()
    assert main([*args, "--to", str(out), "--allow-below-k",
                 "--k-report", str(tmp_path / "k.json")]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".mamoru-mask.json", "mask_customers.csv", "mask_orders.csv"]
    assert (tmp_path / "k.json").stat().st_mode & 0o777 == 0o600
