"""Helpers for command-line tests: run `mamoru` in-process, and spot English sentences."""

from __future__ import annotations

import re

from scanner.cli import COMMANDS, main

# words that may stand in Japanese text as they are (names, not sentences)
IDENTIFIERS = {"mamoru", "help", *COMMANDS, "git", "install", "uninstall"}
_WORD = re.compile(r"^[(\[\"'`]*([a-z][a-z']*)[)\]\"'`.,;:!?]*$")


def english_sentences(text: str) -> list[str]:
    """Lines with English prose: ASCII-only lines with two or more plain lower-case words,
    or any line with a run of three (identifiers, options, metavars, paths aside)."""
    bad = []
    for line in text.splitlines():
        run, longest, count = 0, 0, 0
        for tok in line.split():
            m = _WORD.match(tok)
            if m and m.group(1) not in IDENTIFIERS:
                run, count = run + 1, count + 1
                longest = max(longest, run)
            else:
                run = 0
        if longest >= 3 or (line.isascii() and count >= 2):
            bad.append(line)
    return bad


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mamoru ARGV` run in this process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_in_terminal(argv: list[str], columns: int, cwd, env: dict,
                    timeout: float = 120) -> tuple[int, str, str]:
    """Run `mamoru ARGV` with stdout on a real pseudo-terminal `columns` wide (stderr
    piped): (exit code, what the terminal showed, stderr)."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", *argv], cwd=cwd, env=env,
                            stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    err = proc.stderr.read().decode()
    proc.wait(timeout)
    return proc.returncode, b"".join(chunks).decode().replace("\r\n", "\n"), err
