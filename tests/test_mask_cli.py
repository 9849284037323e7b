"""`mamoru mask`: exit codes, directory trees, the leak check, nothing written on failure."""

from __future__ import annotations

import hashlib

import pytest

from scanner.cli import main

PHONE, PHONE_SUR = "090-1234-5678", "090-8934-1685"
MYNUM, MYNUM_SUR = "1234 5678 9018", "1783 3497 1671"


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", "test-key")


def _digest(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _tree(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "memo.txt").write_text(f"マイナンバー {MYNUM}\n", encoding="utf-8")
    (src / "sub" / "list.csv").write_bytes(f"電話,金額\n{PHONE},100\n".encode("cp932"))
    (src / "sub" / "data.json").write_text(f'{{"tel": "{PHONE}"}}', encoding="utf-8")
    (src / "image.bin").write_bytes(bytes(range(256)) * 4)
    return src


def test_mask_directory_tree(tmp_path, capsys):
    src = _tree(tmp_path)
    before = _digest(src)
    out = tmp_path / "out"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 0
    assert _digest(src) == before  # inputs never modified
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "memo.txt", "sub/data.json", "sub/list.csv"]
    assert (out / "memo.txt").read_text(encoding="utf-8") == f"マイナンバー {MYNUM_SUR}\n"
    expected_csv = f"電話,金額\n{PHONE_SUR},100\n".encode("cp932")
    assert (out / "sub" / "list.csv").read_bytes() == expected_csv
    assert (out / "sub" / "data.json").read_text(encoding="utf-8") == f'{{"tel": "{PHONE_SUR}"}}'
    err = capsys.readouterr().err
    assert "image.bin" in err and "skipped" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no temp left


def test_mask_single_file_twice_is_identical(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    assert main(["mask", str(src), "--out", str(tmp_path / "b.txt")]) == 0
    assert main(["mask", str(src), "--out", str(tmp_path / "c.txt")]) == 0
    assert (tmp_path / "b.txt").read_bytes() == (tmp_path / "c.txt").read_bytes()
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == f"電話 {PHONE_SUR}\n"


def test_leak_check_fails_on_a_column_the_policy_skips(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    (src / "list.csv").write_text(f"携帯電話,メモ\n{PHONE},x\n", encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text('[columns."携帯電話"]\noperator = "keep"\n', encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--lang", "en", "mask", str(src), "--out", str(out), "--policy", str(policy)])
    assert code == 1
    err = capsys.readouterr().err
    assert "list.csv: row 2, column '携帯電話': PHONE_NUMBER 090-****-5678" in err
    assert PHONE not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "policy.toml"]  # no temp left


def test_leak_check_single_file_leaves_nothing(tmp_path):
    src = tmp_path / "list.csv"
    src.write_text(f"tel\n{PHONE}\n", encoding="utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text("entities:\n  PHONE_NUMBER: keep\ncolumns:\n  tel:\n    entity: "
                      "JP_MY_NUMBER\n    operator: keep\n", encoding="utf-8")
    out = tmp_path / "masked.csv"
    # PHONE_NUMBER kept by policy is not a masked type: nothing to leak, exit 0
    assert main(["mask", str(src), "--out", str(out), "--policy", str(policy)]) == 0
    out.unlink()
    policy.write_text("columns:\n  tel:\n    operator: keep\n", encoding="utf-8")
    assert main(["mask", str(src), "--out", str(out), "--policy", str(policy)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "p.yaml"]


@pytest.mark.parametrize(
    "args",
    [
        ["mask", "{tmp}/missing", "--out", "{tmp}/o"],
        ["mask", "{tmp}/in", "--out", "{tmp}/in/o"],
        ["mask", "{tmp}/in/a.txt", "--out", "{tmp}/o", "--policy", "{tmp}/nope.toml"],
        ["mask", "{tmp}/in/a.txt", "--out", "{tmp}/o", "--profile", "public"],
        ["mask", "{tmp}/in/b.bin", "--out", "{tmp}/o.bin"],
    ],
)
def test_bad_input_exit_2(tmp_path, args):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "in" / "b.bin").write_bytes(b"\x00\x01\x02\x03" * 100)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse rejects bad choices itself
        code = exc.code
    assert code == 2
    assert not (tmp_path / "o").exists() and not (tmp_path / "o.bin").exists()


def test_anonymized_profile_generalizes_rare_values_and_reports_k(tmp_path, capsys):
    src = tmp_path / "people.csv"
    lines = ["age,city,電話"]
    lines += [f"30,札幌市,{PHONE}"] * 3 + ["41,那覇市,03-1234-5678"]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "anon.csv"
    code = main(["--lang", "en", "mask", str(src), "--out", str(out), "--profile", "anonymized",
                 "--quasi", "age,city", "--k", "3"])
    assert code == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "age,city,電話", "30,札幌市,<電話番号>", "30,札幌市,<電話番号>", "30,札幌市,<電話番号>",
        "*,*,<電話番号>"]
    stdout = capsys.readouterr().out
    assert "k-anonymity on (age,city): smallest class 1; 1 of 4 records in classes below k=3" \
        in stdout


def test_office_files_through_the_command(tmp_path):
    from docx import Document
    from openpyxl import Workbook, load_workbook

    src = tmp_path / "in"
    src.mkdir()
    wb = Workbook()
    wb.active.append(["マイナンバー"])
    wb.active.append([MYNUM])
    wb.save(src / "book.xlsx")
    doc = Document()
    doc.add_paragraph(f"携帯 {PHONE} まで")
    doc.save(src / "letter.docx")
    out = tmp_path / "out"
    assert main(["mask", str(src), "--out", str(out)]) == 0
    assert load_workbook(out / "book.xlsx").active["A2"].value == MYNUM_SUR
    assert Document(out / "letter.docx").paragraphs[0].text == f"携帯 {PHONE_SUR} まで"


def test_failed_run_removes_the_directories_it_created(tmp_path):
    src = tmp_path / "list.csv"
    src.write_text(f"tel\n{PHONE}\n", encoding="utf-8")
    policy = tmp_path / "p.toml"
    policy.write_text('[columns.tel]\noperator = "keep"\n', encoding="utf-8")
    out = tmp_path / "new" / "deeper" / "masked.csv"
    assert main(["mask", str(src), "--out", str(out), "--policy", str(policy)]) == 1
    assert not (tmp_path / "new").exists()


def test_key_file_option(tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    key_file = tmp_path / "key"
    key_file.write_bytes(b"test-key\n")
    monkeypatch.setenv("MAMORU_KEY", "another-key")
    out = tmp_path / "b.txt"
    assert main(["mask", str(src), "--out", str(out), "--key-file", str(key_file)]) == 0
    assert out.read_text(encoding="utf-8") == f"電話 {PHONE_SUR}\n"  # the file's key won
    missing = tmp_path / "nokey"
    assert main(["mask", str(src), "--out", str(tmp_path / "c.txt"), "--key-file",
                 str(missing)]) == 2
    assert not missing.exists()
