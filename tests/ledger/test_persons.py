"""Persons from distinct fingerprints, and from a database sample."""

from __future__ import annotations

import random

from scanner.ledger.persons import estimate, scaled_distinct


def test_names_and_one_per_person_identifiers_before_contacts():
    assert estimate({"PERSON": 891, "EMAIL_ADDRESS": 1200, "PHONE_NUMBER": 2400}).count == 1200
    e = estimate({"PHONE_NUMBER": 40, "JP_POSTAL_CODE": 90})
    assert (e.count, e.basis) == (40, "PHONE_NUMBER")
    assert estimate({"JP_ADDRESS": 7}).basis == "JP_ADDRESS"
    assert estimate({"JP_POSTAL_CODE": 7}).count == 0


def test_a_sample_of_a_roster_with_repeats_is_solved_for_persons():
    rng = random.Random(3)
    for persons, repeats in ((1000, 5), (3000, 2), (4000, 1)):
        rows = [p for p in range(persons) for _ in range(repeats)]
        sample = rng.sample(rows, 2000)
        got = scaled_distinct(len(set(sample)), 2000, 2000, 2000, len(rows), capped=False)
        assert abs(got - persons) <= 0.05 * persons, (persons, repeats, got)
        naive = round(len(rows) * len(set(sample)) / 2000)
        if repeats > 1:
            assert abs(naive - persons) > 0.05 * persons  # scaling the share would fail


def test_whole_table_exact_and_cap_is_an_upper_estimate():
    assert scaled_distinct(24, 48, 48, 48, 48, capped=False) == 24
    assert scaled_distinct(1000, 2000, 2000, 2000, 50_000, capped=True) == 50_000


def test_names_no_recognizer_proves_still_count_in_a_name_column(
        tmp_path, capsys, monkeypatch):
    """A `name` column whose every value is a person, two of ten written so that no
    recognizer proves them (`Xu Lin`, `ｍａｒｙ`): ten persons, not eight."""
    import json
    import sqlite3

    from support.ledger import mamoru, starter_policy

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MAMORU_KEY", "test-key")
    names = ["山田太郎", "佐藤花子", "鈴木一郎", "高橋健", "田中美咲", "伊藤誠", "Xu Lin",
             "ジョン・スミス", "李 明", "ｍａｒｙ"]
    con = sqlite3.connect(tmp_path / "app.db")
    con.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT, note TEXT)")
    con.executemany("INSERT INTO members (name, note) VALUES (?, ?)",
                    [(n, "会員") for n in names * 2])  # every person twice
    con.commit()
    con.close()
    starter_policy(capsys, tmp_path)
    code, out, err = mamoru(capsys, "scan-db", f"sqlite:///{tmp_path / 'app.db'}",
                            "--format", "jsonl")
    assert code == 1, err
    (column,) = [json.loads(line) for line in out.splitlines()]
    assert (column["entity_type"], column["examined"]) == ("PERSON", 20)
    assert 0 < column["matched"] < 20  # some names proved, not all
    code, out, err = mamoru(capsys, "--lang", "en", "ledger", "--format", "jsonl", "-o", "-")
    assert code == 0, err
    (holding,) = [json.loads(line) for line in out.splitlines() if '"persons"' in line]
    assert (holding["persons"], holding["persons_basis"]) == (10, "PERSON")
    assert "values not recognized counted at the same rate" in holding["persons_method"]
