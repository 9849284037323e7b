"""Names in Latin letters after a label, and name columns of tables pasted as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.git import git, new_repo

from recognizers.latin_names import latin_names
from scanner.cli import main
from scanner.engine import Engine, EngineConfig

ENGINE = Engine(EngineConfig(entities=frozenset({"PERSON"})))


def names(text: str) -> list[tuple[str, float]]:
    return [(f.text, f.score) for f in ENGINE.analyze(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: John Smith\n", "John Smith"),
        ("Full name: María García López\n", "María García López"),
        ("氏名（ローマ字）：NGUYEN VAN AN\n", "NGUYEN VAN AN"),
        ("氏名: Jean-Pierre Dupont\n", "Jean-Pierre Dupont"),
        ("Customer Name: Britt van der Veen, Tel: 03-1234-5678", "Britt van der Veen"),
        ("Account holder: SONIA DE LA ROSA", "SONIA DE LA ROSA"),
        ("Attn: Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),
        ('{"id": 7, "name": "Radosław Mroczko"}', "Radosław Mroczko"),
        # a known given name, then a family name no list holds (a real author's form)
        ("Name: Armin Ronacher", "Armin Ronacher"),
    ],
)
def test_labelled_latin_name_exact_span(text, expected):
    assert names(text) == [(expected, names(text)[0][1])]
    assert names(text)[0][1] >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "- name: Run Black\n  run: black .\n",  # a CI step: YAML key in lower case
        '{"name": "Run Tests", "version": "1.0.0"}',  # in code: a common word first
        "a    1.0\nName: Max Speed, dtype: float64\n",  # a pandas Series' footer
        "Name: Python Software Foundation\n",
        "Sender: Amazon Web Services\n",
        "Name: Response Space\n",
    ],
)
def test_labelled_values_that_are_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear John Smith,\nThank you for your order.", [("John Smith", 0.75)]),
        ("Mr. Robert Vishny joined the board.", [("Robert Vishny", 0.75)]),
        ("Hi Emily, thanks for the update.", [("Emily", 0.75)]),
        ("Dear Ms. Lee,\nお世話になっております。", [("Lee", 0.75)]),
        ("Prof. Dr. Hans Müller gave the talk.", [("Hans Müller", 0.75)]),
        ("Dear Mr. Smith and Ms. Jones,", [("Smith", 0.75), ("Jones", 0.75)]),
        ("Mr. Brown said Dear Sir, New York", [("Brown", 0.75)]),  # a colour, a name here
        ("Please call Dr. Nguyễn Văn An tomorrow.", [("Nguyễn Văn An", 0.75)]),
    ],
)
def test_latin_name_after_a_title_or_a_salutation(text, expected):
    """Planted: before, only labelled names (`Name:`) and Japanese romaji were read after
    English titles; these gave nothing."""
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dear Customer,\nYour order has shipped.",
        "Hi Team, the build is green.",
        "Dear Sir or Madam,",
        "Hello World!",
        "Hello Kitty goods are on sale.",  # a known name, but no greeting ends there
        "Hi Will, see the log.",  # a name that is a common English word
        "Ship to 123 Oak Dr. Springfield, IL 62704",  # Drive
        "Dr. Zinngrebe GmbH, Dr. Simon Consulting GmbH",  # companies
        "Dr. Ing. h.c. F. Porsche AG",  # a title, then a company
        "Miss Universe 2024 was held in Mexico City.",
        "Abbreviations: Co. Dr. Ev. Inc. Jr. Mr. Mt. Npr.",
    ],
)
def test_titles_and_greetings_before_no_name(text):
    assert names(text) == []


def test_lexicon_comes_from_fakers_latin_locales():
    lexicon = latin_names()
    assert len(lexicon.given) > 10_000 and len(lexicon.family) > 10_000
    assert {"maria", "jean", "radoslaw"} <= lexicon.given  # accents folded
    assert {"garcia", "nguyen", "mroczko"} <= lexicon.family


ROSTER = (
    "社員番号,氏名,フリガナ,部署\n"
    "1001,グエン・ヴァン・アン,グエン ヴァン アン,開発部\n"
    "1002,勅使河原 蒼空,テシガワラ ソラ,営業部\n"
    "1003,John Smith,ジョン スミス,総務部\n"
)
ROSTER_NAMES = [
    "グエン・ヴァン・アン", "グエン ヴァン アン", "勅使河原 蒼空", "テシガワラ ソラ", "John Smith",
    "ジョン スミス",
]


def test_name_columns_of_a_table_pasted_as_text():
    found = ENGINE.analyze(ROSTER)
    assert [f.text for f in found] == ROSTER_NAMES
    assert {f.explanation.context for f in found} == {"column '氏名'", "column 'フリガナ'"}


@pytest.mark.parametrize(
    "text",
    [
        "id,name,price\n1,Apple Juice,120\n2,Mineral Water,150\n3,オレンジジュース,130\n",
        # a header that only holds the word (an option list), not a name column
        "  -n, --name=NAME   名前を表示する\n  -s, --suffix=SUFFIX  末尾を削除する\n",
    ],
)
def test_generic_or_partial_headers_take_no_cell_as_a_name(text):
    assert names(text) == []


def test_generic_name_column_keeps_names():
    text = ("id,name,email\n1,John Smith,a@example.com\n2,Yamada Taro,b@example.com\n"
            "3,Siti Nurhaliza,c@example.com\n")
    assert [t for t, _ in names(text)] == ["John Smith", "Yamada Taro", "Siti Nurhaliza"]


def test_scan_reads_a_generic_name_column_of_products_as_no_names(tmp_path, capsys):
    share = tmp_path / "share"
    share.mkdir()
    (share / "products.csv").write_text(
        "id,name,price\n1,Apple Juice,120\n2,Mineral Water,150\n", encoding="utf-8"
    )
    (share / "users.csv").write_text("id,name\n1,John Smith\n", encoding="utf-8")
    inventory = str(tmp_path / "inv.sqlite")
    code = main(["--lang", "en", "scan", str(share), "--inventory", inventory, "-q"])
    out = capsys.readouterr().out
    assert code == 1
    assert "users.csv:row=2,column=name" in out
    assert "products.csv" not in out


def test_hook_finds_every_name_of_a_staged_roster(tmp_path, monkeypatch, capsys):
    repo = new_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MAMORU_KEY", "hook-test-key")
    Path(repo / "roster.csv").write_text(ROSTER, encoding="utf-8")
    git(repo, "add", "roster.csv")
    code = main(["--lang", "en", "hook"])
    out = capsys.readouterr().out
    assert code == 1
    rows = [line for line in out.splitlines() if line.startswith("roster.csv:")]
    assert [row.split()[0] for row in rows] == [
        "roster.csv:2:6", "roster.csv:2:17", "roster.csv:3:6", "roster.csv:3:14",
        "roster.csv:4:6", "roster.csv:4:17",
    ]
    assert all("PERSON" in row and "column '" in row for row in rows)
    for name in ROSTER_NAMES:
        assert name not in out


def test_hook_reads_a_changed_row_under_its_column_far_below_the_header(
    tmp_path, monkeypatch, capsys
):
    """A row changed 2,000 lines below the header is read under the header's columns:
    an unknown name in the 氏名 column is caught, and nothing on the header is reported."""
    repo = new_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MAMORU_KEY", "hook-test-key")
    rows = [f"{n},(退職),在籍" for n in range(1, 2001)]
    roster = repo / "roster.csv"
    header = "社員番号,氏名,状態\n"
    roster.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    git(repo, "add", "roster.csv")
    git(repo, "commit", "-q", "-m", "roster", "--no-verify")
    roster.write_text(header + "\n".join(rows[:1500]) + "\n1501,勅使河原 蒼空,在籍\n"
                      + "\n".join(rows[1501:]) + "\n", encoding="utf-8")
    git(repo, "add", "roster.csv")
    code = main(["--lang", "en", "hook"])
    out = capsys.readouterr().out
    assert code == 1
    rows_out = [line for line in out.splitlines() if line.startswith("roster.csv:")]
    assert len(rows_out) == 1 and rows_out[0].startswith("roster.csv:1502:6  PERSON")
    assert "column '氏名'" in rows_out[0]
