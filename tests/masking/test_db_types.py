"""`mask-db` on real PostgreSQL and MariaDB: every schema, JSON, arrays, binary, numbers
and BIT masked by content and kept in their types; the leak check reads the copy back."""

from __future__ import annotations

import csv
import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text
from support.maskdb import (
    all_tables,
    dump_text,
    maria_databases,
    pg_databases,
    run_sql,
    table_rows,
)

from scanner.cli import main
from scanner.masking.surrogates.pseudonyms import Surrogates
from scanner.privacy import canonical

pytestmark = pytest.mark.db
S = Surrogates(b"test-key")
P, T, E, M = (lambda v, t=t: S.make(t, v) for t in
              ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_MY_NUMBER"))

SALES = f"sales_{uuid.uuid4().hex[:8]}"  # a database in MariaDB: unique on the server
PG_SOURCE = [
    "CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL, profile jsonb,"
    " tags text[], photo bytea, my_number numeric(12,0), flags bit(4), note text)",
    """INSERT INTO people VALUES
     (1, '山田太郎', '{"氏名": "山田太郎", "連絡": {"電話": "090-1234-5678",
      "メール": "taro@example.co.jp"}, "my_number": "123456789018"}',
      ARRAY['顧客', 'taro@example.co.jp'],
      convert_to('マイナンバー 100000000005 連絡先 03-1234-5678', 'UTF8'),
      123456789018, B'1010', '特記事項なし'),
     (2, '佐藤花子', '{"氏名": "佐藤花子", "tel": "080-2222-3333"}', ARRAY['hanako@foo.jp'],
      '\\x00ff10'::bytea, 100000000005, B'0001', '電話 080-2222-3333 に連絡')""",
    f"CREATE SCHEMA {SALES}",
    f"CREATE TABLE {SALES}.contacts (id integer PRIMARY KEY, person_id integer"
    " REFERENCES public.people(id), email text, phones text[], meta json,"
    " amount numeric(10,2))",
    f"INSERT INTO {SALES}.contacts VALUES" + """

     (1, 1, 'taro@example.co.jp', ARRAY['090-1234-5678'], '{"担当": "山田太郎"}', 1234.50),
     (2, 2, 'hanako@foo.jp', ARRAY['080-2222-3333', '03-9999-8888'],
      '[1, "hanako@foo.jp"]', 99.99)""",
]
INPUT_VALUES = ["山田太郎", "佐藤花子", "090-1234-5678", "taro@example.co.jp", "123456789018",
                "100000000005", "03-1234-5678", "080-2222-3333", "hanako@foo.jp",
                "03-9999-8888"]

PROFILE_1 = {"氏名": P("山田太郎"), "連絡": {"電話": T("090-1234-5678"),
                                          "メール": E("taro@example.co.jp")},
             "my_number": M("123456789018")}
PROFILE_2 = {"氏名": P("佐藤花子"), "tel": T("080-2222-3333")}
PHOTO_1 = f"マイナンバー {M('100000000005')} 連絡先 {T('03-1234-5678')}".encode()
PHOTO_2 = b"\x00\xff\x10"  # not text: copied as it is
NOTE_2 = f"電話 {T('080-2222-3333')} に連絡"


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def _no_input_left(texts: list[str]) -> None:
    folded = [canonical(t) for t in texts]
    for value in INPUT_VALUES:
        assert not any(canonical(value) in t for t in folded), value


def test_surrogates_used_below_are_not_the_inputs():
    assert M("123456789018") != "123456789018" and P("山田太郎") != "山田太郎"


def test_postgres_to_postgres_every_schema_types_kept():
    with pg_databases(2) as (src, dst):
        run_sql(src, PG_SOURCE)
        assert main(["mask-db", src, "--to", dst]) == 0
        assert all_tables(dst) == ["public.people", f"{SALES}.contacts"]
        people = table_rows(dst, "people")
        assert people == [
            (1, P("山田太郎"), PROFILE_1, ["顧客", E("taro@example.co.jp")], PHOTO_1,
             Decimal(M("123456789018")), "1010", "特記事項なし"),
            (2, P("佐藤花子"), PROFILE_2, [E("hanako@foo.jp")], PHOTO_2,
             Decimal(M("100000000005")), "0001", NOTE_2),
        ]
        assert table_rows(dst, "contacts", schema=SALES) == [
            (1, 1, E("taro@example.co.jp"), [T("090-1234-5678")], {"担当": P("山田太郎")},
             Decimal("1234.50")),
            (2, 2, E("hanako@foo.jp"), [T("080-2222-3333"), T("03-9999-8888")],
             [1, E("hanako@foo.jp")], Decimal("99.99")),
        ]
        engine = create_engine(dst)
        with engine.connect() as conn:
            types = conn.execute(text(
                "SELECT table_name, column_name, data_type, udt_name, numeric_precision"
                f" FROM information_schema.columns WHERE table_schema IN ('public', '{SALES}')"
                " AND column_name IN ('profile', 'tags', 'photo', 'my_number', 'flags',"
                " 'meta', 'amount') ORDER BY 1, 2")).all()
            constraints = conn.execute(text(
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n"
                f" ON n.oid = c.connamespace WHERE nspname IN ('public', '{SALES}')"
                " ORDER BY 1")).scalars().all()
        engine.dispose()
        assert [tuple(t) for t in types] == [
            ("contacts", "amount", "numeric", "numeric", 10),
            ("contacts", "meta", "json", "json", None),
            ("people", "flags", "bit", "bit", None),
            ("people", "my_number", "numeric", "numeric", 12),
            ("people", "photo", "bytea", "bytea", None),
            ("people", "profile", "jsonb", "jsonb", None),
            ("people", "tags", "ARRAY", "_text", None),
        ]
        assert constraints == ["contacts_person_id_fkey", "contacts_pkey", "people_pkey"]
        _no_input_left(dump_text(dst).splitlines())


def test_postgres_to_mariadb():
    with pg_databases(1) as (src,), maria_databases(1) as (dst,):
        run_sql(src, PG_SOURCE)
        sales_db = dst.rsplit("/", 1)[0] + f"/{SALES}?charset=utf8mb4"
        try:
            assert main(["mask-db", src, "--to", dst]) == 0
            people = table_rows(dst, "people")
            assert [json.loads(r[2]) for r in people] == [PROFILE_1, PROFILE_2]
            assert [json.loads(r[3]) for r in people] == [["顧客", E("taro@example.co.jp")],
                                                          [E("hanako@foo.jp")]]
            assert [r[4] for r in people] == [PHOTO_1, PHOTO_2]
            assert [r[5] for r in people] == [Decimal(M("123456789018")),
                                              Decimal(M("100000000005"))]
            assert [r[6] for r in people] == ["1010", "0001"]
            contacts = table_rows(sales_db, "contacts")
            assert [json.loads(r[4]) for r in contacts] == [{"担当": P("山田太郎")},
                                                            [1, E("hanako@foo.jp")]]
            _no_input_left(dump_text(dst).splitlines() + dump_text(sales_db).splitlines())
        finally:
            run_sql(dst, [f"DROP DATABASE IF EXISTS {SALES}"])


def test_postgres_to_csv_and_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    with pg_databases(1) as (src,):
        run_sql(src, PG_SOURCE)
        out_csv, out_pq = tmp_path / "csv", tmp_path / "pq"
        assert main(["mask-db", src, "--to", str(out_csv)]) == 0
        assert main(["mask-db", src, "--to", str(out_pq), "--dir-format", "parquet"]) == 0
    assert sorted(str(p.relative_to(out_csv)) for p in out_csv.rglob("*")) == [
        ".mamoru-mask.json", "people.csv", SALES, f"{SALES}/contacts.csv"]
    manifest = json.loads((out_csv / ".mamoru-mask.json").read_text(encoding="utf-8"))
    assert (manifest["kind"], manifest["profile"], sorted(manifest["files"])) == (
        "mamoru masked copy", "dev-test", ["people.csv", f"{SALES}/contacts.csv"])
    with (out_csv / "people.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [json.loads(r["profile"]) for r in rows] == [PROFILE_1, PROFILE_2]
    assert [json.loads(r["tags"]) for r in rows] == [["顧客", E("taro@example.co.jp")],
                                                     [E("hanako@foo.jp")]]
    assert [r["photo"] for r in rows] == ["\\x" + PHOTO_1.hex(), "\\x00ff10"]
    assert [r["my_number"] for r in rows] == [M("123456789018"), M("100000000005")]
    assert [r["flags"] for r in rows] == ["1010", "0001"]
    texts = [c for p in out_csv.rglob("*.csv") for c in p.read_text("utf-8").split(",")]
    photos = [bytes.fromhex(r["photo"][2:]).decode("utf-8", "replace") for r in rows]
    _no_input_left([*texts, *photos])

    people = pq.read_table(out_pq / "people.parquet")
    assert people.schema.field("profile").type == pa.json_()
    assert people.schema.field("tags").type == pa.list_(pa.string())
    assert people.schema.field("photo").type == pa.binary()
    assert people.schema.field("my_number").type == pa.decimal128(12, 0)
    rows = people.to_pylist()
    assert [json.loads(r["profile"]) for r in rows] == [PROFILE_1, PROFILE_2]
    assert [r["tags"] for r in rows] == [["顧客", E("taro@example.co.jp")], [E("hanako@foo.jp")]]
    assert [r["photo"] for r in rows] == [PHOTO_1, PHOTO_2]
    assert [r["my_number"] for r in rows] == [Decimal(M("123456789018")),
                                              Decimal(M("100000000005"))]
    contacts = pq.read_table(out_pq / SALES / "contacts.parquet").to_pylist()
    assert [r["amount"] for r in contacts] == [Decimal("1234.50"), Decimal("99.99")]
    assert [r["phones"] for r in contacts] == [[T("090-1234-5678")],
                                               [T("080-2222-3333"), T("03-9999-8888")]]


def test_schema_option_and_sqlite_destination(tmp_path, capsys):
    with pg_databases(2) as (src, dst):
        run_sql(src, PG_SOURCE)
        assert main(["mask-db", src, "--to", dst, "--schema", SALES]) == 0
        assert all_tables(dst) == [f"{SALES}.contacts"]  # the foreign key's parent not copied
        lite = f"sqlite:///{tmp_path / 'x.db'}"
        assert main(["--lang", "en", "mask-db", src, "--to", lite]) == 2
        assert f"a SQLite destination has no schemas (choose with --schema): {SALES}" \
            in capsys.readouterr().err
        assert main(["mask-db", src, "--to", lite, "--schema", "public"]) == 0
        assert all_tables(lite) == ["main.people"]
        assert main(["--lang", "en", "mask-db", src, "--to", str(tmp_path / "o"),
                     "--schema", "nosuch"]) == 2
        assert "no such schema: nosuch" in capsys.readouterr().err


MARIA_SOURCE = [
    "CREATE TABLE files (id INT PRIMARY KEY, doc JSON, body BLOB, code BIT(8),"
    " my_number DECIMAL(12,0), tel BIGINT)",
    """INSERT INTO files VALUES (1, '{"name": "山田太郎", "mail": "taro@example.co.jp"}',
       CONVERT('個人番号 123456789018' USING utf8mb4), b'00000101', 100000000005,
       819012345678)""",
]


def test_mariadb_blob_json_bit_decimal_to_mariadb_and_parquet(tmp_path):
    import pyarrow.parquet as pq

    with maria_databases(2) as (src, dst):
        run_sql(src, MARIA_SOURCE)
        assert main(["mask-db", src, "--to", dst]) == 0
        (row,) = table_rows(dst, "files")
        assert json.loads(row[1]) == {"name": P("山田太郎"), "mail": E("taro@example.co.jp")}
        assert row[2] == f"個人番号 {M('123456789018')}".encode()
        assert row[3] == 5  # BIT(8) b'00000101', as the driver reads it
        assert row[4] == Decimal(M("100000000005"))
        assert main(["mask-db", src, "--to", str(tmp_path / "pq"),
                     "--dir-format", "parquet"]) == 0
        (prow,) = pq.read_table(tmp_path / "pq" / "files.parquet").to_pylist()
        assert prow["body"] == f"個人番号 {M('123456789018')}".encode()
        assert prow["my_number"] == Decimal(M("100000000005"))
        assert prow["code"] == 5
        _no_input_left([*dump_text(dst).splitlines(),
                        json.dumps(prow, default=str, ensure_ascii=False)])


def test_policy_keep_is_no_leak_and_surrogates_do_not_count(tmp_path):
    """A column the policy keeps passes (excluded by fingerprint); a row whose real name
    equals another row's surrogate is no leak where the surrogate stands."""
    policy = tmp_path / "p.toml"
    policy.write_text(f'[columns."{SALES}.contacts.email"]\noperator = "keep"\n',
                      encoding="utf-8")
    twin = P("山田太郎")
    with pg_databases(2) as (src, dst):
        run_sql(src, [*PG_SOURCE, "UPDATE people SET name = :twin WHERE id = 2"], {"twin": twin})
        assert main(["mask-db", src, "--to", dst, "--policy", str(policy)]) == 0
        assert [r[2] for r in table_rows(dst, "contacts", schema=SALES)] == [
            "taro@example.co.jp", "hanako@foo.jp"]
        assert [r[1] for r in table_rows(dst, "people")] == [twin, P(twin)]


def test_planted_leak_fails_and_leaves_nothing(monkeypatch, capsys, tmp_path):
    """A masker blind to the JSON column (as before this check existed): the copy read
    back holds input values, the run fails and no table, file or staging is left."""
    import scanner.masking.database.source as db_source
    from scanner.masking.tables import KEEP

    real = db_source.plan_table

    def blind(masker, conn, table):
        tp = real(masker, conn, table)
        tp.plans = [p if p.name != "profile" else
                    type(p)(p.name, KEEP, context=p.context) for p in tp.plans]
        return tp

    monkeypatch.setattr(db_source, "plan_table", blind)
    with pg_databases(2) as (src, dst):
        run_sql(src, PG_SOURCE)
        assert main(["--lang", "en", "mask-db", src, "--to", dst]) == 1
        err = capsys.readouterr().err
        assert "leak check failed" in err
        assert "people.profile [my_number] row 1: JP_MY_NUMBER" in err
        assert 'what to do: to mask what remains, name its column in a policy' in err
        assert all(v not in err for v in INPUT_VALUES)
        assert all_tables(dst) == []
        out = tmp_path / "out"
        assert main(["--lang", "en", "mask-db", src, "--to", str(out)]) == 1
        assert list(tmp_path.iterdir()) == []
        monkeypatch.setattr(db_source, "plan_table", real)
        assert main(["mask-db", src, "--to", dst]) == 0  # the real masker passes


def test_table_without_select_privilege(capsys):
    import uuid

    role = f"maskdb_ro_{uuid.uuid4().hex[:8]}"
    with pg_databases(1) as (src,):
        run_sql(src, [*PG_SOURCE, f"CREATE ROLE {role} LOGIN",
                      f"GRANT USAGE ON SCHEMA {SALES} TO {role}",
                      f"GRANT SELECT ON people TO {role}"])
        try:
            url = src.replace("postgres@", f"{role}@")
            code = main(["--lang", "en", "mask-db", url, "--to", "sqlite://",
                         "--schema", "public", "--schema", SALES])
            assert code == 2
            err = capsys.readouterr().err
            assert err.strip() == f"bad input: cannot read table {SALES}.contacts: " \
                "no SELECT privilege"
        finally:
            run_sql(src, [f"DROP OWNED BY {role}", f"DROP ROLE {role}"])


def test_mariadb_cp932_table_stays_cp932_with_variant_kanji_masked():
    """A legacy table in cp932 (Windows' Shift_JIS, which holds 髙 and 﨑) is copied in
    cp932, with the names written in variant kanji masked like any other."""
    with maria_databases(2) as (src, dst):
        run_sql(src, [
            "CREATE TABLE staff (id INT PRIMARY KEY, name VARCHAR(40), tel VARCHAR(20))"
            " CHARACTER SET cp932 COLLATE cp932_japanese_ci",
            "INSERT INTO staff VALUES (1, '髙橋 健', '090-1234-5678'),"
            " (2, '山﨑 太郎', '080-2345-6789')",
        ])
        assert main(["mask-db", src, "--to", dst]) == 0
        engine = create_engine(dst)
        with engine.connect() as conn:
            charset, collation = conn.execute(text(
                "SELECT CCSA.character_set_name, T.table_collation FROM information_schema.tables T"
                " JOIN information_schema.collation_character_set_applicability CCSA"
                " ON CCSA.collation_name = T.table_collation"
                " WHERE T.table_schema = DATABASE() AND T.table_name = 'staff'")).one()
        engine.dispose()
        assert (charset, collation) == ("cp932", "cp932_japanese_ci")
        rows = table_rows(dst, "staff")
        assert [r[1] for r in rows] == [P("髙橋 健"), P("山﨑 太郎")]
        assert all(r[1].encode("cp932") for r in rows)
        dump = canonical(dump_text(dst))
        for value in ("高橋", "山崎", "09012345678", "08023456789"):
            assert value not in dump, value
