"""Names and addresses written with variant kanji (髙橋, 山﨑, 𠮷田) or variation selectors
(葛 + U+E0100), as family registers and resident records keep them: found with the
characters as written, fingerprinted as the common form, masked and checked for leaks."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest

from mamoru import analyze
from scanner.cli import main
from scanner.kanji_variants import (
    BECOMING_VARIANTS,
    NOT_IN_UNIVARIANTS,
    VARIANTS,
    fold_variants,
)
from scanner.masking.keyed import in_jis_x0208
from scanner.masking.leakcheck.check import check_file, read_input
from scanner.masking.masker import Masker
from scanner.masking.policy import load_policy
from scanner.normalize import normalize
from scanner.privacy import fingerprint

IVS = "\U000e0100"  # VARIATION SELECTOR-17
UNIVARIANTS = Path("/usr/share/i18n/locales/translit_cjk_variants")


def test_each_variant_lies_outside_jis_x_0208_and_folds_into_it():
    for variant, common in VARIANTS.items():
        assert len(variant) == len(common) == 1
        assert not in_jis_x0208(variant), variant
        assert in_jis_x0208(common), common


@pytest.mark.skipif(not UNIVARIANTS.exists(), reason="glibc's locale sources not installed")
def test_each_pair_is_listed_as_variants_by_univariants():
    listed: dict[str, set[str]] = {}
    for line in UNIVARIANTS.read_text(encoding="ascii").splitlines():
        if m := re.match(r"<U([0-9A-F]+)> (.*)", line):
            codes = re.findall(r"<U([0-9A-F]+)>", m[2])
            listed[chr(int(m[1], 16))] = {chr(int(c, 16)) for c in codes}
    unlisted = [v for v, c in VARIANTS.items()
                if c not in listed.get(v, ()) and v not in listed.get(c, ())]
    assert sorted(unlisted) == sorted(NOT_IN_UNIVARIANTS)


def test_every_character_that_nfkc_makes_a_variant_is_known():
    becoming = {
        chr(c) for c in range(0x2000, 0x30000)
        if chr(c) not in VARIANTS
        and any(ch in VARIANTS for ch in unicodedata.normalize("NFKC", chr(c)))
    }
    assert becoming == set(BECOMING_VARIANTS)
    assert normalize("山田一\ufa2e様").text == "山田一郎様"  # U+FA2E -> 郞 -> 郎
    assert fold_variants("一\ufa2e") == "一\ufa2e"  # not NFKC text: left as it is


def test_normalized_text_folds_variants_and_drops_selectors_keeping_offsets():
    original = f"東京都葛{IVS}飾区、𠮷田様"
    nt = normalize(original)
    assert nt.text == "東京都葛飾区、吉田様"
    assert original[slice(*nt.span(0, 6))] == f"東京都葛{IVS}飾区"
    assert original[slice(*nt.span(3, 4))] == f"葛{IVS}"
    start = nt.text.index("吉")
    assert original[slice(*nt.span(start, start + 2))] == "𠮷田"
    assert fold_variants("髙橋") == "高橋"


@pytest.mark.parametrize("prefix", ["", "ﾔﾏﾀﾞ "])  # with a merging mark: the slow path
def test_selectors_map_back_on_both_paths(prefix):
    original = f"{prefix}住所 東京都葛{IVS}{IVS}飾区 辻{IVS}"
    nt = normalize(original)
    assert nt.text.endswith("住所 東京都葛飾区 辻")
    start = nt.text.index("東")
    assert original[slice(*nt.span(start, start + 6))] == f"東京都葛{IVS}{IVS}飾区"
    assert original[slice(*nt.span(start + 4, start + 6))] == "飾区"
    end = len(nt.text)
    assert original[slice(*nt.span(end - 1, end))] == f"辻{IVS}"


@pytest.mark.parametrize(
    ("text", "entity_type", "value"),
    [
        ("担当の髙橋健さん", "PERSON", "髙橋健"),
        ("𠮷田剛さんから電話", "PERSON", "𠮷田剛"),
        ("﨑山一さんが来社", "PERSON", "﨑山一"),
        ("氏名: 濵田 優子", "PERSON", "濵田 優子"),
        ("山田一郞様", "PERSON", "山田一郞"),
        (f"氏名: 辻{IVS} 太郎", "PERSON", f"辻{IVS} 太郎"),
        (f"住所: 東京都葛{IVS}飾区立石5-13-1", "JP_ADDRESS", f"東京都葛{IVS}飾区立石5-13-1"),
        ("住所: 宮﨑県宮崎市橘通東1-9-10", "JP_ADDRESS", "宮﨑県宮崎市橘通東1-9-10"),
    ],
)
def test_found_with_the_characters_as_written(text, entity_type, value):
    found = [(f.entity_type, text[f.start:f.end]) for f in analyze(text)]
    assert found == [(entity_type, value)]


def test_the_variant_and_the_common_form_are_one_value_to_look_for():
    key = b"k" * 32
    assert fingerprint("髙橋健", key, "PERSON") == fingerprint("高橋健", key, "PERSON")
    assert fingerprint(f"葛{IVS}飾", key) == fingerprint("葛飾", key)
    assert fingerprint("髙橋健", key, "PERSON") != fingerprint("高橋建", key, "PERSON")


def test_leak_check_counts_the_common_form_of_a_variant_name(monkeypatch):
    """Planted: the masked output still holds the name, in its common form."""
    monkeypatch.setenv("MAMORU_KEY", "test-key")
    masker = Masker(load_policy(None, None), b"test-key")
    data = "担当 髙橋健さん\n".encode()
    before = read_input(masker, "a.txt", data)
    out = masker.mask_texts([data.decode()])[0]
    assert "髙橋" not in out and "高橋" not in out
    assert check_file(masker, "a.txt", "a.txt", out.encode(), before) == []
    for planted in ("担当 高橋健さん\n", f"担当 髙{IVS}橋健さん\n"):
        leaks = check_file(masker, "a.txt", "a.txt", planted.encode(), before)
        assert [x.entity_type for x in leaks] == ["PERSON"], planted


def test_a_shift_jis_roster_with_variant_kanji_is_masked_and_found_again(
        tmp_path, monkeypatch, capsys):
    """cp932 (Windows' Shift_JIS) holds 髙 and 﨑: a roster exported from Excel."""
    monkeypatch.setenv("MAMORU_KEY", "test-key")
    src = tmp_path / "roster.csv"
    rows = ["氏名,電話番号", "髙橋 健,090-1234-5678", "山﨑 太郎,080-2345-6789"]
    src.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp932"))
    before = src.read_bytes()
    out = tmp_path / "masked.csv"
    assert main(["--lang", "en", "mask", str(src), "--out", str(out)]) == 0
    assert src.read_bytes() == before
    masked = out.read_bytes().decode("cp932")
    assert masked.startswith("氏名,電話番号\r\n")
    for gone in ("髙橋", "高橋", "山﨑", "山崎", "1234-5678", "2345-6789"):
        assert gone not in masked, gone
    capsys.readouterr()
    inv = tmp_path / "inv.sqlite"
    assert main(["scan", str(src), "--inventory", str(inv), "--format", "jsonl"]) == 1
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("高橋 健\n山崎 太郎\n"))
    code = main(["--lang", "en", "inventory", "--inventory", str(inv), "--find", "-",
                 "--format", "jsonl"])
    out_lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert [json.loads(line)["found"] for line in out_lines] == [1, 1]
