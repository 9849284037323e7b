"""Benchmark `mamoru scan`: throughput, unchanged rescans, end-to-end vs engine speed.

Builds, from the texts in `samples/`, a tree of several thousand files in every format
and encoding the extractors read (some large, some corrupt, one zip bomb) and runs the
real CLI on it:

    python benchmarks/scan.py [--files 3000] [--rescan-files 10000] [--workdir DIR]

Prints files/s and MB/s for --jobs 1 and --jobs 2, the wall time of an unchanged rescan
of 10,000 files (target < 3 s), and end-to-end chars/s on text files against the
engine's own chars/s (target >= 60%), for two kinds of text: `records` (the sample
records back to back, about one finding per 40 characters) and `documents` (Japanese
Wikipedia prose from the shared benchmarks, `--shared DIR`, with one record in ten
paragraphs). Large files are documents too.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
JP_FONT = Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf")
sys.path.insert(0, str(ROOT))


# -- sample texts --------------------------------------------------------------------
def prose_texts(shared: Path) -> list[str]:
    """Sentences of Japanese prose (wiki_ner.jsonl), as filler around personal data."""
    path = shared / "benchmarks" / "wiki_ner.jsonl"
    if not path.is_file():
        raise SystemExit(f"no {path}: use --shared DIR or MAMORU_SHARED")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def documents(texts: list[str], prose: list[str], n: int, per_doc: int = 10) -> list[str]:
    """`n` documents of `per_doc` prose paragraphs with one sample record among them."""
    out = []
    for i in range(n):
        paras = [prose[(i * per_doc + k) % len(prose)] for k in range(per_doc)]
        paras.insert(i % per_doc, texts[i % len(texts)])
        out.append("\n\n".join(paras))
    return out


def sample_texts() -> list[str]:
    """Texts with personal data: the `text` of JSONL records and every text sample."""
    from scanner.sources.encoding import decode

    texts: list[str] = []
    for path in sorted(SAMPLES.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                    texts.append(record["text"])
        elif path.suffix in (".txt", ".log", ".csv", ".md", ".tsv"):
            texts.append(decode(path.read_bytes())[0])
    if not texts:
        raise SystemExit(f"no sample texts in {SAMPLES}")
    return texts


# -- one writer per format and encoding ------------------------------------------------
def _encoded(suffix: str, encoding: str) -> Callable[[str], tuple[str, bytes]]:
    def write(text: str) -> tuple[str, bytes]:
        return suffix, text.encode(encoding, errors="replace")
    return write


def _csv_cp932(text: str) -> tuple[str, bytes]:
    rows = ["氏名,ﾌﾘｶﾞﾅ,備考"] + [f"社員{i},ﾔﾏﾀﾞ ﾀﾛｳ,\"{line}\""
                                  for i, line in enumerate(text.replace('"', "").splitlines())]
    return ".csv", "\n".join(rows).encode("cp932", errors="replace")


def _tsv(text: str) -> tuple[str, bytes]:
    rows = ["番号\t内容"] + [f"{i}\t{line}" for i, line in enumerate(text.splitlines())]
    return ".tsv", "\n".join(rows).encode("utf-8")


def _json(text: str) -> tuple[str, bytes]:
    doc = {"記録": [{"行": i, "本文": line} for i, line in enumerate(text.splitlines())]}
    return ".json", json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _jsonl(text: str) -> tuple[str, bytes]:
    lines = [json.dumps({"id": i, "text": line}, ensure_ascii=False)
             for i, line in enumerate(text.splitlines())]
    return ".jsonl", "\n".join(lines).encode("utf-8")


def _html(text: str) -> tuple[str, bytes]:
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    return ".html", f"<html><body>\n{body}</body></html>\n".encode()


def _xml(text: str) -> tuple[str, bytes]:
    body = "".join(f"  <line>{line}</line>\n" for line in text.splitlines())
    return ".xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<doc>\n{body}</doc>\n'.encode()


def _eml(text: str) -> tuple[str, bytes]:
    msg = EmailMessage()
    msg["Subject"] = "お問い合わせ"
    msg["From"] = "sender@example.jp"
    msg["To"] = "hr@example.jp"
    jis = text.encode("iso-2022-jp", errors="replace").decode("iso-2022-jp")
    msg.set_content(jis, charset="iso-2022-jp")
    return ".eml", msg.as_bytes()


def _xlsx(text: str) -> tuple[str, bytes]:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["番号", "内容"])
    for i, line in enumerate(text.splitlines()):
        ws.append([i, line])
    buf = io.BytesIO()
    wb.save(buf)
    return ".xlsx", buf.getvalue()


def _docx(text: str) -> tuple[str, bytes]:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return ".docx", buf.getvalue()


def _pptx(text: str) -> tuple[str, bytes]:
    import pptx

    prs = pptx.Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "連絡先"
    slide.placeholders[1].text = text[:2000]
    buf = io.BytesIO()
    prs.save(buf)
    return ".pptx", buf.getvalue()


def _pdf(text: str) -> tuple[str, bytes]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("jp", fname=str(JP_FONT))
    pdf.set_font("jp", size=10)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return ".pdf", bytes(pdf.output())


def _zip(text: str) -> tuple[str, bytes]:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("memo.txt", text.encode("cp932", errors="replace"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("docs/readme.md", text.encode("utf-8"))
        z.writestr("docs/inner.zip", inner.getvalue())
    return ".zip", buf.getvalue()


def _gzip(text: str) -> tuple[str, bytes]:
    return ".log.gz", gzip.compress(text.encode("utf-8"), mtime=0)


CHEAP = [
    _encoded(".txt", "utf-8"), _encoded(".txt", "utf-8-sig"), _encoded(".txt", "cp932"),
    _encoded(".txt", "euc-jp"), _encoded(".txt", "iso-2022-jp"), _encoded(".txt", "utf-16"),
    _encoded(".md", "utf-8"), _encoded(".log", "utf-8"), _encoded(".py", "utf-8"),
    _csv_cp932, _tsv, _json, _jsonl, _html, _xml, _eml, _zip, _gzip,
]
# Office files and PDFs are slow to make: one of each per this many files.
COSTLY_EVERY = 40
COSTLY = [_xlsx, _docx, _pptx] + ([_pdf] if JP_FONT.exists() else [])


def build_tree(root: Path, n_files: int, texts: list[str], prose: list[str]) -> dict[str, int]:
    """Write the benchmark tree; returns counts by kind."""
    counts: dict[str, int] = {}
    for i in range(n_files):
        text = "\n".join(texts[(i * 7 + k) % len(texts)] for k in range(3))
        if i % COSTLY_EVERY == 0:
            suffix, data = COSTLY[(i // COSTLY_EVERY) % len(COSTLY)](text)
        else:
            suffix, data = CHEAP[i % len(CHEAP)](text)
        folder = root / f"dept{i % 17:02d}" / f"sub{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file{i:05d}{suffix}").write_bytes(data)
        counts[suffix] = counts.get(suffix, 0) + 1
    _add_specials(root, texts, prose, counts)
    return counts


def _add_specials(root: Path, texts: list[str], prose: list[str],
                  counts: dict[str, int]) -> None:
    special = root / "special"
    special.mkdir()
    big = "\n\n".join(documents(texts, prose, 400)) + "\n"
    for i in range(3):  # large files, ~2 MB each
        (special / f"large{i}.txt").write_text(big * max(1, (2 << 20) // len(big.encode())),
                                               encoding="utf-8")
    _, xlsx = _xlsx(texts[0])
    (special / "truncated.xlsx").write_bytes(xlsx[: len(xlsx) // 2])
    _, z = _zip(texts[0])
    (special / "truncated.zip").write_bytes(z[: len(z) // 2])
    (special / "truncated.log.gz").write_bytes(gzip.compress(big.encode())[:200])
    (special / "not-really.pdf").write_bytes(b"%PDF-1.7\n garbage")
    with zipfile.ZipFile(special / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("zeros.txt", "w") as member:
        chunk = b"0" * (1 << 20)
        for _ in range(256):  # 256 MB of zeros in about 250 KB
            member.write(chunk)
    (special / "image.bin").write_bytes(bytes(range(256)) * 64)
    for path in SAMPLES.iterdir():
        if path.is_file():
            shutil.copy(path, special / path.name)
    counts["special"] = len(list(special.iterdir()))


def build_small_tree(root: Path, n_files: int, texts: list[str]) -> None:
    """Many small text files for the unchanged-rescan measurement."""
    for i in range(n_files):
        folder = root / f"d{i % 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"n{i:05d}.txt").write_text(texts[i % len(texts)][:300], encoding="utf-8")


def build_text_tree(root: Path, pieces: list[str], target_chars: int) -> None:
    """UTF-8 text files of 20 pieces each, `target_chars` in all, for chars/s."""
    root.mkdir(parents=True)
    total, i = 0, 0
    while total < target_chars:
        text = "\n".join(pieces[(i * 20 + k) % len(pieces)] for k in range(20))
        (root / f"t{i:04d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
        i += 1


# -- measuring ------------------------------------------------------------------------
def scan_cli(paths: list[Path], inventory: Path, *extra: str) -> tuple[float, dict, list[str]]:
    """Run `mamoru scan`; wall seconds, the JSON summary (with the CPU seconds the scan
    and its workers used, as `cpu`), and the exact command."""
    cmd = [sys.executable, "-m", "scanner.cli", "scan", *map(str, paths), "--inventory",
           str(inventory), "--format", "jsonl", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAMORU_KEY": "benchmark-key"}
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"scan failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = json.loads(proc.stderr.strip().splitlines()[-1])
    summary["cpu"] = _children_cpu() - cpu_before
    return wall, summary, cmd


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def engine_chars_per_second(root: Path) -> tuple[float, float, int]:
    """The engine alone on the files' texts: chars/s by wall clock and by CPU time."""
    from scanner.engine import Engine

    engine = Engine()
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.iterdir())]
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        engine.analyze(text)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    chars = sum(map(len, texts))
    return chars / wall, chars / cpu, chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--rescan-files", type=int, default=10000)
    ap.add_argument("--text-chars", type=int, default=8_000_000,
                    help="characters per text corpus (large enough to amortize start-up)")
    ap.add_argument("--workdir", type=Path, default=None, help="kept when given")
    ap.add_argument("--shared", type=Path, default=None,
                    help="shared data dir (default $MAMORU_SHARED, else ../shared)")
    args = ap.parse_args()
    shared = args.shared or Path(os.environ.get("MAMORU_SHARED") or ROOT.parent / "shared")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mamoru-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    texts, prose = sample_texts(), prose_texts(shared)
    try:
        report(work, args, texts, prose)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def report(work: Path, args: argparse.Namespace, texts: list[str], prose: list[str]) -> None:
    tree = work / "tree"
    t0 = time.perf_counter()
    counts = build_tree(tree, args.files, texts, prose)
    print(f"built {tree}: {sum(counts.values())} files {counts} in "
          f"{time.perf_counter() - t0:.1f} s")
    for jobs in (1, 2):
        wall, s, cmd = scan_cli([tree], work / f"inv-j{jobs}.sqlite", "--jobs", str(jobs))
        print(f"\n$ {' '.join(cmd)}")
        print(f"jobs={jobs}: {s['read']} files, {s['bytes_read'] / 1e6:.1f} MB in {wall:.1f} s "
              f"-> {s['read'] / wall:.0f} files/s, {s['bytes_read'] / 1e6 / wall:.2f} MB/s; "
              f"{s['findings']} findings, {s.get('skipped', 0)} skipped, "
              f"{s.get('errors', 0)} errors; {s['cpu']:.1f} s CPU")

    small = work / "small"
    build_small_tree(small, args.rescan_files, texts)
    inv = work / "inv-rescan.sqlite"
    wall, s, cmd = scan_cli([small], inv, "--jobs", "2")
    print(f"\n$ {' '.join(cmd)}\nfirst scan of {s['paths']} files: {wall:.1f} s")
    wall, s, cmd = scan_cli([small], inv)
    print(f"$ {' '.join(cmd)}\nunchanged rescan of {s['paths']} files "
          f"({s['unchanged']} unchanged, {s.get('read', 0)} read, {s['findings']} findings "
          f"reported): {wall:.2f} s wall with start-up, {s['seconds']:.2f} s inside the scan, "
          f"{s['cpu']:.2f} s CPU (target < 3 s)")

    kinds = {"records": texts, "documents": documents(texts, prose, 2000)}
    for kind, pieces in kinds.items():
        text_root = work / f"text-{kind}"
        build_text_tree(text_root, pieces, args.text_chars)
        engine_rate, engine_cpu_rate, chars = engine_chars_per_second(text_root)
        wall, s, cmd = scan_cli([text_root], work / f"inv-{kind}.sqlite", "--jobs", "1")
        e2e = s["chars"] / wall
        print(f"\n{kind}: engine alone {chars} chars at {engine_rate:,.0f} chars/s "
              f"({engine_cpu_rate:,.0f} chars per CPU second)")
        print(f"$ {' '.join(cmd)}\nend to end: {s['chars']} chars, {s['findings']} findings "
              f"in {wall:.1f} s -> {e2e:,.0f} chars/s = {100 * e2e / engine_rate:.0f}% of the "
              f"engine (target >= 60%); inside the scan {s['seconds']:.1f} s -> "
              f"{100 * s['chars'] / s['seconds'] / engine_rate:.0f}%; by CPU time "
              f"{s['cpu']:.1f} s -> {100 * s['chars'] / s['cpu'] / engine_cpu_rate:.0f}%")
        if kind == "records":
            find_values(work / f"inv-{kind}.sqlite", s["findings"])


def find_values(inventory: Path, findings: int) -> None:
    """`mamoru inventory --find` with three values (one present) on a large inventory."""
    cmd = [sys.executable, "-m", "scanner.cli", "--lang", "en", "inventory", "--inventory",
           str(inventory), "--find", "-"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MAMORU_KEY": "benchmark-key"}
    values = "090-4513-7790\n山田太郎\nnobody@example.org\n"
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, input=values, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    found = [line for line in proc.stdout.splitlines() if line.startswith("value #")]
    print(f"$ {' '.join(cmd)}  (3 values on stdin)\n{'; '.join(found)}: {wall:.2f} s wall "
          f"on an inventory of {findings} findings")


if __name__ == "__main__":
    main()
