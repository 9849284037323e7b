"""The hook in real temporary git repositories: staged content, added lines, markers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.git import git, new_repo

from scanner.cli import main

MY_NUMBER = "1234 5678 9018"  # passes the check digit
FIXTURE = f"name = 'test'\n# マイナンバー: {MY_NUMBER}\nage = 3\n"
REFUSED = "users.txt:2:11  JP_MY_NUMBER  **** **** 9018  (score 0.95"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.setenv("MAMORU_KEY", "hook-test-key")
    return root


def stage(repo: Path, name: str, content: str | bytes) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    git(repo, "add", name)


def hook(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "hook", *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_no_raw_value(*texts: str) -> None:
    for text in texts:
        assert MY_NUMBER not in text
        assert MY_NUMBER.replace(" ", "") not in text


def test_staged_my_number_is_refused_before_the_first_commit(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    code, out, err = hook(capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(REFUSED)
    assert lines[1].startswith("mamoru: 1 finding of personal data staged.")
    assert "mamoru:allow" in lines[1]
    assert_no_raw_value(out, err)


def test_japanese_advice_line(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    assert main(["--lang", "ja", "hook"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        "mamoru: 個人情報が 1 件ステージされています。"
    )


@pytest.mark.parametrize(
    "content",
    [
        f"# マイナンバー: {MY_NUMBER}  # mamoru:allow\n",
        f"# マイナンバー: {MY_NUMBER}  # mamoru:allow JP_MY_NUMBER\n",
        f"# mamoru:allow-next-line\n# マイナンバー: {MY_NUMBER}\n",
        f"# mamoru:allow-next-line PHONE_NUMBER, JP_MY_NUMBER\n# マイナンバー: {MY_NUMBER}\n",
    ],
)
def test_allow_markers_pass(repo, capsys, content):
    stage(repo, "users.txt", content)
    assert hook(capsys) == (0, "", "")


@pytest.mark.parametrize(
    "content",
    [
        f"# マイナンバー: {MY_NUMBER}  # mamoru:allow PHONE_NUMBER\n",
        f"# マイナンバー: {MY_NUMBER}  # mamoru:allow-next-line\n",
        f"# mamoru:allow\n# マイナンバー: {MY_NUMBER}\n",
        f"# mamoru:allow-next-line\n\n# マイナンバー: {MY_NUMBER}\n",
    ],
)
def test_markers_for_another_type_or_line_do_not_pass(repo, capsys, content):
    stage(repo, "users.txt", content)
    code, out, _ = hook(capsys)
    assert code == 1
    assert "JP_MY_NUMBER  **** **** 9018" in out


def test_staged_clean_then_dirtied_in_working_tree_passes(repo, capsys):
    stage(repo, "users.txt", "name = 'test'\n")
    (repo / "users.txt").write_text(FIXTURE, encoding="utf-8")
    assert hook(capsys) == (0, "", "")


def test_staged_dirty_then_cleaned_in_working_tree_is_refused(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    (repo / "users.txt").write_text("name = 'test'\n", encoding="utf-8")
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith(REFUSED)


def test_only_added_lines_are_reported(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    git(repo, "commit", "-qm", "with data", "--no-verify")
    stage(repo, "users.txt", FIXTURE + "more = 4\n")
    assert hook(capsys) == (0, "", "")
    stage(repo, "users.txt", FIXTURE.replace("# マイナンバー", "# マイナンバー(本人)"))
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("users.txt:2:15  JP_MY_NUMBER  **** **** 9018")


def test_keyword_outside_the_added_lines_still_counts(repo, capsys):
    stage(repo, "users.txt", "# マイナンバー\nplaceholder\n")
    git(repo, "commit", "-qm", "keyword", "--no-verify")
    stage(repo, "users.txt", f"# マイナンバー\n{MY_NUMBER}\n")
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("users.txt:2:1  JP_MY_NUMBER  **** **** 9018  (score 0.95")


def test_deleted_and_renamed_files(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    stage(repo, "old.txt", FIXTURE)
    git(repo, "commit", "-qm", "with data", "--no-verify")
    git(repo, "rm", "-q", "users.txt")
    git(repo, "mv", "old.txt", "new.txt")
    stage(repo, "new.txt", FIXTURE + "extra = 1\n")
    assert hook(capsys) == (0, "", "")


def test_named_files_only(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    stage(repo, "other.txt", "nothing here\n")
    assert hook(capsys, "other.txt") == (0, "", "")
    code, out, _ = hook(capsys, "users.txt", "other.txt")
    assert code == 1
    assert out.startswith(REFUSED)


def test_cp932_file_is_read(repo, capsys):
    stage(repo, "users.csv", f"氏名,ﾏｲﾅﾝﾊﾞｰ\nテスト,個人番号 {MY_NUMBER}\n".encode("cp932"))
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("users.csv:2:10  JP_MY_NUMBER  **** **** 9018")


STOPPED = ("mamoru: stopped: staged files could not be checked "
           "(skipped_files = \"warn\" in .mamoru.toml lets them pass)\n")


def test_binary_file_is_skipped_and_stops_the_commit_unless_configured(repo, capsys):
    stage(repo, "blob.bin", b"\0\1\2" + f"マイナンバー: {MY_NUMBER}".encode() + b"\0" * 64)
    code, out, err = hook(capsys)
    assert (code, out) == (1, "")
    assert err == "mamoru: skipped (not readable as text): blob.bin\n" + STOPPED
    (repo / ".mamoru.toml").write_text('skipped_files = "warn"\n', encoding="utf-8")
    assert hook(capsys) == (0, "", "")
    code, _, err = hook(capsys, "--verbose")
    assert code == 0
    assert err == "mamoru: skipped (not readable as text): blob.bin\n"


def test_sarif_output(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    code, out, _ = hook(capsys, "--format", "sarif")
    assert code == 1
    assert_no_raw_value(out)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "JP_MY_NUMBER"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 11, "endLine": 2, "endColumn": 25}
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "users.txt"


def test_config_excludes_and_allowed_values(repo, capsys):
    stage(repo, "fixtures/users.txt", FIXTURE)
    stage(repo, "contact.txt", "代表電話: 03-3333-4444\n")
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.count("\n") == 3
    (repo / ".mamoru.toml").write_text(
        'exclude = ["fixtures/"]\nallowed_values = ["0333334444"]\n', encoding="utf-8"
    )
    assert hook(capsys) == (0, "", "")


def test_config_threshold_and_entities(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    (repo / "pyproject.toml").write_text(
        '[tool.mamoru]\nentities = ["PHONE_NUMBER"]\n', encoding="utf-8"
    )
    assert hook(capsys) == (0, "", "")
    (repo / "pyproject.toml").write_text('[tool.mamoru]\nmin_score = 0.99\n', encoding="utf-8")
    assert hook(capsys) == (0, "", "")


def test_bad_config_is_a_usage_error(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    (repo / ".mamoru.toml").write_text('entities = ["NOT_A_TYPE"]\n', encoding="utf-8")
    code, out, err = hook(capsys)
    assert (code, out) == (2, "")
    assert "entities: unknown entity type 'NOT_A_TYPE'" in err


def test_outside_a_repository(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = hook(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("mamoru: not in a git repository")


def xlsx(rows: list[list[str]]) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名簿"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_workbook_reports_only_values_new_since_head(repo, capsys):
    rows = [["区分", "マイナンバー"], ["テスト", MY_NUMBER.replace(" ", "")]]
    stage(repo, "users.xlsx", xlsx(rows))
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("users.xlsx:sheet=名簿,cell=B2,offset=0  JP_MY_NUMBER  ********9018")
    git(repo, "commit", "-qm", "workbook", "--no-verify")
    stage(repo, "users.xlsx", xlsx([*rows, ["別人", "987654321093"]]))
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.splitlines()[0].startswith(
        "users.xlsx:sheet=名簿,cell=B3,offset=0  JP_MY_NUMBER  ********1093"
    )
    assert len(out.splitlines()) == 2
    stage(repo, "users.xlsx", xlsx([["区分", "マイナンバー"], ["別人", "987654321093"], *rows[1:]]))
    git(repo, "commit", "-qm", "two rows", "--no-verify")
    stage(repo, "users.xlsx", xlsx(rows))  # a row removed, nothing added
    assert hook(capsys) == (0, "", "")


def test_legacy_excel_workbook_is_read_not_skipped(repo, capsys):
    """Was "skipped (not readable as text)": every .xls stopped the commit unread."""
    legacy = Path(__file__).parents[1] / "data" / "legacy_staff.xls"
    stage(repo, "名簿.xls", legacy.read_bytes())
    code, out, err = hook(capsys)
    assert code == 1 and "skipped" not in err
    assert [line.split("  ")[:2] for line in out.splitlines()[:4]] == [
        ["名簿.xls:sheet=社員名簿,cell=A4,offset=0", "PERSON"],
        ["名簿.xls:sheet=社員名簿,cell=B4,offset=0", "PHONE_NUMBER"],
        ["名簿.xls:sheet=社員名簿,cell=C4,offset=0", "JP_MY_NUMBER"],
        ["名簿.xls:sheet=社員名簿,cell=D4,offset=0", "DATE_OF_BIRTH"],
    ]
    assert_no_raw_value(out, err)


def test_archive_member_is_read(repo, capsys):
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("dump/users.txt", FIXTURE)
    stage(repo, "dump.zip", data.getvalue())
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("dump.zip!dump/users.txt:2:11  JP_MY_NUMBER  **** **** 9018")


def test_one_line_added_to_a_large_file(repo, capsys):
    body = [f"row {n}: 注文 {n * 7} 件を処理しました" for n in range(40_000)]
    stage(repo, "big.log", "\n".join(body) + "\n")
    git(repo, "commit", "-qm", "big", "--no-verify")
    body.insert(30_000, f"マイナンバー: {MY_NUMBER}")
    stage(repo, "big.log", "\n".join(body) + "\n")
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("big.log:30001:9  JP_MY_NUMBER  **** **** 9018  (score 0.95")


def test_paths_from_a_subdirectory_with_unusual_names(repo, capsys, monkeypatch):
    name = "日本/ファイル 1.txt"
    stage(repo, name, FIXTURE)
    git(repo, "config", "diff.relative", "true")  # must not change what the hook sees
    monkeypatch.chdir(repo / "日本")
    code, out, _ = hook(capsys, "ファイル 1.txt")
    assert code == 1
    assert out.startswith(f"{name}:2:11  JP_MY_NUMBER  **** **** 9018")
    assert hook(capsys, "../other.txt") == (0, "", "")


def test_symlink_is_not_followed(repo, capsys):
    (repo / "data").mkdir()
    (repo / "data" / "users.txt").write_text(FIXTURE, encoding="utf-8")
    (repo / "link.txt").symlink_to("data/users.txt")
    git(repo, "add", "link.txt")
    assert hook(capsys) == (0, "", "")


def test_many_staged_files(repo, capsys, monkeypatch):
    monkeypatch.setattr("scanner.hook.git.MAX_PATHSPECS", 3)
    for n in range(5):
        stage(repo, f"f{n}.txt", f"value = {n}\n")
    stage(repo, "f5.txt", FIXTURE)
    code, out, _ = hook(capsys)
    assert code == 1
    assert out.startswith("f5.txt:2:11  JP_MY_NUMBER")
    assert len(out.splitlines()) == 2


def test_files_over_the_size_cap_are_named_not_read(repo, capsys, monkeypatch):
    monkeypatch.setattr("scanner.hook.check.MAX_FILE_BYTES", 40)
    stage(repo, "users.txt", FIXTURE)
    stage(repo, "small.txt", f"{MY_NUMBER}\n")
    code, out, err = hook(capsys)
    assert (code, out) == (1, "")
    assert err == "mamoru: not checked, too big: users.txt\n" + STOPPED


def test_read_objects_by_id_and_by_path(repo):
    from scanner.hook.git import index_blobs, object_sizes, read_objects

    stage(repo, "日本/ファイル 1.txt", "一\n")
    stage(repo, "b.bin", b"\0\n\0")
    git(repo, "commit", "-qm", "two", "--no-verify")
    blobs = index_blobs(repo, ["b.bin", "日本/ファイル 1.txt"])
    assert read_objects(repo, [blobs["b.bin"], "HEAD:none.txt", "HEAD:日本/ファイル 1.txt"]) == [
        b"\0\n\0", None, "一\n".encode()
    ]
    sizes = object_sizes(repo, blobs.values())
    assert sizes == {blobs["b.bin"]: 3, blobs["日本/ファイル 1.txt"]: 4}


def test_git_failure_is_a_usage_error(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    (repo / ".git" / "index").write_bytes(b"not an index")
    code, out, err = hook(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("mamoru: git: ")
    assert "index" in err


def test_named_files_without_staged_changes_are_checked_whole(repo, capsys):
    stage(repo, "users.txt", FIXTURE)
    stage(repo, "notes.txt", "nothing\n")
    git(repo, "commit", "-qm", "data", "--no-verify")
    assert hook(capsys) == (0, "", "")  # nothing staged
    code, out, _ = hook(capsys, "notes.txt", "users.txt", "users.txt", "untracked.txt")
    assert code == 1  # as `pre-commit run --all-files` passes every file in CI
    assert out.startswith(REFUSED)
    assert len(out.splitlines()) == 2
    (repo / ".mamoru.toml").write_text('exclude = ["users.txt"]\n', encoding="utf-8")
    assert hook(capsys, "notes.txt", "users.txt") == (0, "", "")


def test_a_finding_with_no_check_or_cue_is_explained_by_its_pattern(repo, capsys):
    """An address or a full name standing alone says which pattern found it (it said
    the rung, `FORMATTED`, in Japanese `決まった書式どおり（番号の区切り、姓名）` for an
    address too)."""
    stage(repo, "notes.txt", "送付先は東京都千代田区千代田1-1です。\n")
    code, out, _ = hook(capsys)
    assert code == 1
    assert "JP_ADDRESS  東京都千********  (score 0.70; address with block numbers)" in out
    assert main(["--lang", "ja", "hook"]) == 1
    assert "(スコア 0.70；番地まである住所)" in capsys.readouterr().out
