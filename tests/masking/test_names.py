"""File and folder names in a masked tree: personal data replaced with the run's
surrogates, extensions kept; the leak check reads names too."""

from __future__ import annotations

import json
import re

import pytest

from scanner.cli import main
from scanner.masking import files
from scanner.masking.filenames import mask_file_name, mask_path_names
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy

KEY = b"test-key"


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch):
    monkeypatch.setenv("MAMORU_KEY", KEY.decode())


@pytest.fixture
def masker():
    return Masker(load_policy(None, None), KEY)


def _tree(tmp_path):
    from docx import Document

    src = tmp_path / "in"
    (src / "佐藤花子").mkdir(parents=True)
    doc = Document()
    doc.add_paragraph("志望動機: 貴社の理念に共感しました。")
    doc.save(src / "山田太郎_履歴書.docx")
    (src / "090-1234-5678.csv").write_text("日付,金額\n2024-01-01,100\n", encoding="utf-8")
    (src / "佐藤花子" / "メモ.txt").write_text("打ち合わせは月曜。\n", encoding="utf-8")
    (src / "名簿.csv").write_text("部署,人数\n営業,3\n", encoding="utf-8")
    return src


def test_names_in_a_tree_are_masked_and_extensions_kept(tmp_path, capsys, masker):
    src, out = _tree(tmp_path), tmp_path / "out"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 0
    person = masker.mask_value("PERSON", "山田太郎")
    folder = masker.mask_value("PERSON", "佐藤花子")
    phone = masker.mask_value("PHONE_NUMBER", "090-1234-5678")
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert names == sorted([".mamoru-mask.json", f"{person}_履歴書.docx", f"{phone}.csv",
                            folder, f"{folder}/メモ.txt", "名簿.csv"])
    assert person != "山田太郎" and phone != "090-1234-5678"
    everything = "\n".join(names) + (out / ".mamoru-mask.json").read_text(encoding="utf-8")
    for value in ("山田", "太郎", "佐藤", "花子", "1234-5678"):
        assert value not in everything
    manifest = json.loads((out / ".mamoru-mask.json").read_text(encoding="utf-8"))
    assert f"{person}_履歴書.docx" in json.dumps(manifest, ensure_ascii=False)
    assert (out / f"{folder}" / "メモ.txt").read_text(encoding="utf-8") == "打ち合わせは月曜。\n"
    assert "山田" not in capsys.readouterr().out


def test_a_single_file_keeps_the_name_the_user_gave(tmp_path):
    src = tmp_path / "山田太郎.txt"
    src.write_text("こんにちは\n", encoding="utf-8")
    out = tmp_path / "masked.txt"
    assert main(["mask", str(src), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "こんにちは\n"


@pytest.mark.parametrize(("name", "expected"), [
    ("山田太郎_履歴書.docx", "{山田太郎}_履歴書.docx"),
    ("履歴書(佐藤花子).pdf", "履歴書({佐藤花子}).pdf"),
    ("090-1234-5678.csv", "{090-1234-5678}.csv"),
    ("yamada@example.jp.txt", "{yamada@example.jp}.txt"),
    ("マイナンバー 1234 5678 9018.txt", "マイナンバー {1234 5678 9018}.txt"),
    ("名簿.csv", "名簿.csv"),
    ("2024売上.xlsx", "2024売上.xlsx"),
    (".gitignore", ".gitignore"),
])
def test_file_names(masker, name, expected):
    kinds = {"山田太郎": "PERSON", "佐藤花子": "PERSON", "090-1234-5678": "PHONE_NUMBER",
             "yamada@example.jp": "EMAIL_ADDRESS", "1234 5678 9018": "JP_MY_NUMBER"}
    want = expected
    for value, kind in kinds.items():
        want = want.replace("{" + value + "}", masker.mask_value(kind, value))
    assert mask_file_name(masker, name) == want


def test_two_names_that_mask_alike_stay_apart(masker):
    taken: set[str] = set()
    first = mask_path_names(masker, "a/山田太郎.csv", taken)
    assert mask_path_names(masker, "a/山田太郎.csv", taken) == first.replace(".csv", "~2.csv")


def test_a_name_the_masker_cannot_see_fails_the_run(tmp_path, capsys, monkeypatch):
    src, out = _tree(tmp_path), tmp_path / "out"
    monkeypatch.setattr(files, "mask_path_names", lambda _m, rel, _t: rel)
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "leak check failed" in err
    assert "山********: name=1, offset=0: PERSON 山田** (" in err
    assert "090-****-5678.***: name=1, offset=0: PHONE_NUMBER 090-****-5678 (" in err
    assert "佐***/メ*****: name=1, offset=0: PERSON 佐藤** (" in err
    assert "山田太郎" not in err and "090-1234-5678" not in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_romanized_names_in_english_mail_stay_in_latin_letters(tmp_path):
    """An English mail with Japanese staff: every name masked, the copy still ASCII (a
    kanji surrogate would have changed the text's script); the leak check passes."""
    src, out = tmp_path / "mail.txt", tmp_path / "mail.masked.txt"
    src.write_text("Dear Mr. Suzuki,\nthe keys are ready.\nBest regards,\nTaro Yamada\n"
                   "uid   Kenji Sato (work) <kenji@example.org>\n", encoding="utf-8")
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert out.read_text(encoding="utf-8").isascii()
    assert lines[0].startswith("Dear Mr. ") and lines[0] != "Dear Mr. Suzuki,"
    assert lines[1:3] == ["the keys are ready.", "Best regards,"]
    signer = lines[3].split()
    assert len(signer) == 2 and all(p.istitle() for p in signer) and lines[3] != "Taro Yamada"
    assert "Kenji" not in lines[4] and "Sato" not in lines[4]
    assert re.fullmatch(r"uid   [A-Z][a-z]+ [A-Z][a-z]+ \(work\) <user-[0-9a-f]+@example\.org>",
                        lines[4])
