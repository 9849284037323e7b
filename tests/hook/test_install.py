"""The hook as git runs it: a plain installed hook under `git commit -a`, and the real
pre-commit framework through `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.git import git, new_repo

from scanner.cli import main

PROJECT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
MY_NUMBER = "1234 5678 9018"
FIXTURE = f"name = 'test'\n# マイナンバー: {MY_NUMBER}\n"


def run(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=repo, check=check, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAMORU_KEY", "hook-test-key")
    monkeypatch.setenv("MAMORU_LANG", "en")
    root = new_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def test_install_then_commit_a_is_refused(repo, capsys):
    (repo / "users.txt").write_text("name = 'test'\n", encoding="utf-8")
    git(repo, "add", "users.txt")
    assert main(["hook", "install"]) == 0
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert capsys.readouterr().out == f"mamoru: hook written: {hook}\n"
    assert os.access(hook, os.X_OK)
    run(repo, "git", "commit", "-qm", "clean")  # the hook passes a clean commit
    (repo / "users.txt").write_text(FIXTURE, encoding="utf-8")  # changed, not staged
    refused = run(repo, "git", "commit", "-a", "-m", "leak", check=False)
    assert refused.returncode != 0
    # git shows a hook's output on stderr
    assert refused.stderr.startswith("users.txt:2:11  JP_MY_NUMBER  **** **** 9018  (score 0.95")
    assert MY_NUMBER not in refused.stdout + refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"
    text = FIXTURE.rstrip("\n") + "  # mamoru:allow\n"
    (repo / "users.txt").write_text(text, encoding="utf-8")
    run(repo, "git", "commit", "-qam", "allowed")
    assert git(repo, "rev-list", "--count", "HEAD") == "2\n"


def test_install_refuses_a_foreign_hook_without_force(repo, capsys):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    assert main(["hook", "install"]) == 2
    assert "is not mamoru's hook (use --force to replace it)" in capsys.readouterr().err
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    assert main(["hook", "uninstall"]) == 2
    assert hook.exists()
    assert main(["hook", "install", "--force"]) == 0
    assert "mamoru hook install" in hook.read_text(encoding="utf-8")
    legacy = hook.with_name("pre-commit.legacy")
    assert legacy.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"  # kept, not deleted
    assert main(["hook", "install"]) == 0  # replacing its own hook needs no force
    assert legacy.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    capsys.readouterr()
    assert main(["hook", "uninstall"]) == 0  # puts the kept hook back
    assert capsys.readouterr().out == f"mamoru: hook removed: {hook}\n"
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n" and not legacy.exists()
    hook.unlink()
    assert main(["hook", "uninstall"]) == 0
    assert capsys.readouterr().out == "mamoru: no hook installed\n"


def test_force_keeps_the_foreign_hook_and_runs_it_first(repo, capsys):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text('#!/bin/sh\necho "legacy ran" >&2\n[ ! -e STOP ]\n', encoding="utf-8")
    hook.chmod(0o755)
    assert main(["hook", "install", "--force"]) == 0
    (repo / "notes.txt").write_text("clean\n", encoding="utf-8")
    (repo / "STOP").write_text("", encoding="utf-8")
    git(repo, "add", "notes.txt")
    refused = run(repo, "git", "commit", "-qm", "legacy says no", check=False)
    assert refused.returncode != 0 and "legacy ran" in refused.stderr  # its verdict counts
    (repo / "STOP").unlink()
    run(repo, "git", "commit", "-qm", "both pass")
    (repo / "users.txt").write_text(FIXTURE, encoding="utf-8")
    git(repo, "add", "users.txt")
    refused = run(repo, "git", "commit", "-qm", "leak", check=False)
    assert refused.returncode != 0  # the legacy hook passed, mamoru did not
    assert "legacy ran" in refused.stderr and "JP_MY_NUMBER" in refused.stderr
    assert git(repo, "rev-list", "--count", "HEAD") == "1\n"
    # a second foreign hook never overwrites the kept one
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    assert main(["hook", "install", "--force"]) == 2
    assert "legacy ran" in hook.with_name("pre-commit.legacy").read_text(encoding="utf-8")


def test_manifest_is_valid():
    done = run(PROJECT, str(VENV_BIN / "pre-commit"), "validate-manifest", ".pre-commit-hooks.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_runs_under_pre_commit_try_repo(repo, tmp_path):
    hooks_repo = new_repo(tmp_path / "mamoru-hooks")
    shutil.copy(PROJECT / ".pre-commit-hooks.yaml", hooks_repo)
    git(hooks_repo, "add", ".pre-commit-hooks.yaml")
    git(hooks_repo, "commit", "-qm", "hooks")
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
    }
    (repo / "users.txt").write_text(FIXTURE, encoding="utf-8")
    (repo / "notes.txt").write_text("nothing personal\n", encoding="utf-8")
    git(repo, "add", "users.txt", "notes.txt")
    try_repo = [str(VENV_BIN / "pre-commit"), "try-repo", str(hooks_repo), "mamoru", "--files"]

    refused = subprocess.run(
        [*try_repo, "users.txt", "notes.txt"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "users.txt:2:11  JP_MY_NUMBER  **** **** 9018  (score 0.95" in refused.stdout
    assert MY_NUMBER not in refused.stdout + refused.stderr

    passed = subprocess.run(
        [*try_repo, "notes.txt"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    git(repo, "commit", "-qm", "data", "--no-verify")  # CI: nothing staged, every file named
    in_ci = subprocess.run(
        [*try_repo[:-1], "--all-files"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert in_ci.returncode == 1, in_ci.stdout + in_ci.stderr
    assert "users.txt:2:11  JP_MY_NUMBER  **** **** 9018" in in_ci.stdout


def test_hook_never_loads_spacy_ginza_or_presidio(repo):
    """Names come from SudachiPy's dictionary; GiNZA, spaCy and Presidio never load."""
    (repo / "users.txt").write_text(FIXTURE + "担当: 山田太郎 03-1234-5678\n", encoding="utf-8")
    git(repo, "add", "users.txt")
    probe = (
        "import sys\n"
        "from scanner.cli import main\n"
        "code = main(['hook'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'spacy', 'ginza', 'ja_ginza', 'presidio_analyzer', 'torch', 'thinc'})\n"
        "print(code, heavy)\n"
    )
    done = run(repo, sys.executable, "-c", probe)
    assert done.stdout.splitlines()[-1] == "1 []"


def test_install_honours_core_hooks_path(repo, capsys):
    git(repo, "config", "core.hooksPath", ".githooks")
    assert main(["hook", "install"]) == 0
    assert "mamoru hook install" in (repo / ".githooks" / "pre-commit").read_text("utf-8")
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    assert main(["hook", "install", "extra"]) == 2
    assert "install takes no files" in capsys.readouterr().err
