"""`mamoru mask`: exit codes, directory trees, the leak check, nothing written on failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
    # image.bin cannot be masked: refused by name, never copied, exit 1
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    assert _digest(src) == before  # inputs never modified
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".mamoru-mask.json", "memo.txt", "sub/data.json", "sub/list.csv"]
    assert (out / "memo.txt").read_text(encoding="utf-8") == f"マイナンバー {MYNUM_SUR}\n"
    expected_csv = f"電話,金額\n{PHONE_SUR},100\n".encode("cp932")
    assert (out / "sub" / "list.csv").read_bytes() == expected_csv
    assert (out / "sub" / "data.json").read_text(encoding="utf-8") == f'{{"tel": "{PHONE_SUR}"}}'
    err = capsys.readouterr().err
    assert "cannot be masked, not written: image.bin: " in err
    assert "1 file could not be masked and was not written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no temp left
    modes = {p.relative_to(out).as_posix(): p.stat().st_mode & 0o777 for p in out.rglob("*")}
    assert modes == {".mamoru-mask.json": 0o600, "memo.txt": 0o600, "sub": 0o700,
                     "sub/data.json": 0o600, "sub/list.csv": 0o600}
    assert out.stat().st_mode & 0o777 == 0o700


def test_mask_single_file_twice_is_identical(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    assert main(["mask", str(src), "--out", str(tmp_path / "b.txt")]) == 0
    assert main(["mask", str(src), "--out", str(tmp_path / "c.txt")]) == 0
    assert (tmp_path / "b.txt").read_bytes() == (tmp_path / "c.txt").read_bytes()
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == f"電話 {PHONE_SUR}\n"


def _copy_unmasked(src, dst, masker):
    """A planted masker failure: the file written as it was read."""
    dst.write_bytes(src.read_bytes())


def test_a_kept_column_passes_and_a_planted_leak_fails(tmp_path, capsys, monkeypatch):
    from scanner.masking.formats import text as fmt_text

    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    (src / "list.csv").write_text(f"携帯電話,メモ\n{PHONE},x\n", encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text('[columns."携帯電話"]\noperator = "keep"\n', encoding="utf-8")
    out = tmp_path / "out"
    argv = ["--lang", "en", "mask", str(src), "--out", str(out), "--policy", str(policy)]
    # The policy keeps the column: its values are excluded by fingerprint, not a leak.
    assert main(argv) == 0
    assert (out / "list.csv").read_text(encoding="utf-8") == f"携帯電話,メモ\n{PHONE},x\n"
    capsys.readouterr()
    # The same value copied raw elsewhere is excluded too (by fingerprint, as the policy
    # keeps it); another value copied raw is a leak.
    monkeypatch.setattr(fmt_text, "mask_file", _copy_unmasked)
    assert main([*argv, "--force"]) == 0
    monkeypatch.setattr(fmt_text, "mask_file", lambda s, d, m: d.write_text(
        "電話 03-3333-4444\n", encoding="utf-8"))
    (src / "ok.txt").write_text("電話 03-3333-4444\n", encoding="utf-8")
    assert main([*argv, "--force"]) == 1
    err = capsys.readouterr().err
    assert "leak check failed: 1 item remains; nothing was written." in err
    assert "ok.txt: line=1, column=4: PHONE_NUMBER 03-****-4444" in err
    assert "3333" not in err
    assert (out / "ok.txt").read_text(encoding="utf-8") != "電話 03-3333-4444\n"  # old kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out", "policy.toml"]


def test_leak_check_single_file_leaves_nothing(tmp_path, monkeypatch, capsys):
    from scanner.masking.formats import csv as fmt_csv

    src = tmp_path / "list.csv"
    src.write_text(f"tel\n{PHONE}\n", encoding="utf-8")
    out = tmp_path / "masked.csv"
    monkeypatch.setattr(fmt_csv, "mask_file", _copy_unmasked)
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    assert "  list.csv: row=2, column=tel, offset=0: PHONE_NUMBER 090-****-5678 (" \
        in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv"]


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


def test_anonymized_profile_below_k_exits_1_and_writes_the_report(tmp_path, capsys):
    import json

    src = tmp_path / "people.csv"
    lines = ["age,city,電話"]
    lines += [f"30,札幌市,{PHONE}"] * 3 + ["41,那覇市,03-1234-5678"]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "anon.csv"
    argv = ["--lang", "en", "mask", str(src), "--out", str(out), "--profile", "anonymized",
            "--quasi", "age,city", "--k", "3"]
    # The rare values are generalized, but the class "*,*" has one record: below k.
    assert main(argv) == 1
    assert not out.exists()
    captured = capsys.readouterr()
    assert "k-anonymity on (age,city): smallest class 1; 1 of 4 records in classes below k=3" \
        in captured.out
    assert "classes below k=3: nothing was written (--allow-below-k releases it)" in captured.err
    report = json.loads((tmp_path / "anon.csv.k-anonymity.json").read_text(encoding="utf-8"))
    assert report == [{"where": "people.csv", "quasi": ["age", "city"], "k": 3, "records": 4,
                       "classes": 2, "smallest": 1, "below_k": 1}]
    assert main([*argv, "--allow-below-k", "--k-report", str(tmp_path / "k.json")]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "age,city,電話", "30,札幌市,<電話番号>", "30,札幌市,<電話番号>", "30,札幌市,<電話番号>",
        "*,*,<電話番号>"]
    assert json.loads((tmp_path / "k.json").read_text(encoding="utf-8")) == report


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


def test_failed_run_removes_the_directories_it_created(tmp_path, monkeypatch):
    from scanner.masking.formats import csv as fmt_csv

    src = tmp_path / "list.csv"
    src.write_text(f"tel\n{PHONE}\n", encoding="utf-8")
    monkeypatch.setattr(fmt_csv, "mask_file", _copy_unmasked)
    out = tmp_path / "new" / "deeper" / "masked.csv"
    assert main(["mask", str(src), "--out", str(out)]) == 1
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


def test_scan_reports_a_masked_copy_as_such_until_it_is_edited(tmp_path, capsys):
    import json

    src = _tree(tmp_path)
    (src / "image.bin").unlink()
    out = tmp_path / "share" / "export"
    assert main(["mask", str(src), "--out", str(out)]) == 0
    manifest = json.loads((out / ".mamoru-mask.json").read_text(encoding="utf-8"))
    assert sorted(manifest) == ["created", "files", "key_id", "kind", "profile",
                                "tool_version", "version"]
    assert sorted(manifest["files"]) == ["memo.txt", "sub/data.json", "sub/list.csv"]
    assert manifest["profile"] == "dev-test" and len(manifest["key_id"]) == 16
    capsys.readouterr()
    inv = str(tmp_path / "inv.sqlite")
    argv = ["--lang", "en", "scan", str(tmp_path / "share"), "--inventory", inv,
            "--format", "jsonl"]
    assert main(argv) == 0  # valid surrogate My Numbers, but a verified masked copy
    summary = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert (summary["masked_copies"], summary.get("findings", 0)) == (4, 0)  # and manifest
    # an edited masked copy is a file like any other: scanned, and its finding reported
    (out / "memo.txt").write_text(f"マイナンバー {MYNUM}\n", encoding="utf-8")
    assert main([*argv, "--full"]) == 1
    summary = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert summary["masked_copies"] == 3


def test_a_tree_refuses_what_it_cannot_mask_by_name(tmp_path, capsys):
    from fpdf import FPDF

    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(f"電話 {PHONE}\n", encoding="utf-8")
    (src / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="tel 090-1234-5678")
    pdf.output(str(src / "form.pdf"))
    legacy = Path(__file__).parents[1] / "data" / "legacy_staff.xls"
    (src / "staff.xls").write_bytes(legacy.read_bytes())
    out = tmp_path / "out"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cannot be masked, not written: broken.docx: " in err
    assert "cannot be masked, not written: form.pdf: pdf: cannot be masked" in err
    assert ("cannot be masked, not written: staff.xls: legacy Excel workbook "
            "(save it as .xlsx to mask it): cannot be masked") in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == [".mamoru-mask.json", "ok.txt"]


def test_no_leak_check_passes_when_nothing_was_masked(tmp_path, capsys):
    """Every file refused: no "leak check passed" over an empty copy, exit 1."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    out = tmp_path / "out"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "leak check passed" not in captured.out + captured.err
    assert f"no file masked: nothing written to {out}\n" in captured.err


@pytest.mark.parametrize("extra", [["--min-score", "nan"], ["--min-score", "5"],
                                   ["--min-score", "-0.1"]])
def test_thresholds_are_checked(tmp_path, extra):
    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    assert main(["mask", str(src), "--out", str(tmp_path / "b.txt"), *extra]) == 2
    assert not (tmp_path / "b.txt").exists()


def test_existing_outputs_and_devices(tmp_path, capsys):
    import os
    import stat

    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    out = tmp_path / "b.txt"
    out.write_text("old", encoding="utf-8")
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 2
    assert "output exists (--force replaces it)" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert main(["mask", str(src), "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == f"電話 {PHONE_SUR}\n"
    assert out.stat().st_mode & 0o777 == 0o600
    device = tmp_path / "null"  # a character device of its own, never the system's
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert main(["--lang", "en", "mask", str(src), "--out", str(device), "--force"]) == 2
    assert f"output is not a regular file or directory: {device}" in capsys.readouterr().err
    assert stat.S_ISCHR(os.stat(device).st_mode)  # still the device


@pytest.mark.parametrize(("lang", "reason"), [
    ("ja", "書き込めません: /proc/mamoru_masked.txt: "),
    ("en", "cannot write /proc/mamoru_masked.txt: "),
])
def test_an_output_that_cannot_be_written_is_named_as_asked(tmp_path, capsys, lang, reason):
    """/proc takes no new file, even from root: the message names the output asked for,
    not the staging directory mamoru would have written it through."""
    src = tmp_path / "a.txt"
    src.write_text(f"電話 {PHONE}\n", encoding="utf-8")
    assert main(["--lang", lang, "mask", str(src), "--out", "/proc/mamoru_masked.txt"]) == 2
    err = capsys.readouterr().err
    assert reason in err and "mamoru-tmp" not in err and "Traceback" not in err
