"""`mamoru analyze [FILE|-]`: findings in one text, or in JSONL records with `--jsonl`."""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.engine import Engine
    from scanner.findings import Finding
    from scanner.i18n import Lang

HELP = "analyze one text (or JSONL records) / テキストを解析"
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
READ_BYTES = 1 << 20
SNIFF_BYTES = 1 << 16  # what decides between streamed UTF-8 and a whole decode
MAX_WHOLE_BYTES = 256 << 20  # the largest input read whole to find its encoding


class BadInput(Exception):
    """Input that cannot be analyzed; the message says why."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", nargs="?", default="-", help="file to read, or - for stdin")
    p.add_argument("--jsonl", action="store_true", help='read lines {"id", "text"}')
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--output", "-o", metavar="FILE", default=None)
    p.add_argument("--min-score", type=float, default=None, help="report threshold (0.5)")
    p.add_argument("--entities", default=None, help="comma-separated entity types")
    p.add_argument("--context", action="append", default=[], help="header naming the text")
    p.add_argument("--window", type=int, default=300, help="context window, chars each side")
    p.add_argument("--explain", action="store_true", help="show why each finding was reported")
    p.add_argument("--show-values", action="store_true", help="print raw values (careful)")
    p.add_argument("--thorough", action="store_true", help="also run GiNZA on all text")
    p.add_argument(
        "--recognizers", metavar="YAML", default=None,
        help="add recognizers from a Presidio YAML registry file",
    )
    p.add_argument("--config", metavar="FILE", default=None,
                   help="configuration file (default: the nearest .mamoru.toml, upward)")


def run(args: argparse.Namespace, lang: Lang) -> int:
    from scanner.config import ConfigError, command_config, extra_recognizers
    from scanner.engine import Engine, EngineConfig

    try:
        config = command_config(args.config)
        extra = extra_recognizers(config)
    except ConfigError as exc:
        print(f"mamoru: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    if args.min_score is None and config.min_score_set:
        args.min_score = config.min_score
    try:
        if args.recognizers:
            from scanner.presidio_bridge import recognizers_from_yaml

            extra += tuple(_yaml_recognizers(args.recognizers, recognizers_from_yaml, lang))
        entities = _entities(args.entities, {r.entity for r in extra}, lang) or config.entities
        engine = Engine(
            EngineConfig(
                context_window=args.window, thorough=args.thorough, entities=entities,
                extra_recognizers=extra,
            )
        )
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(f"mamoru: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        stream = _open_input(args.input)
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, path=args.input)}", file=sys.stderr)
        return EXIT_USAGE
    from reports.output import report_stream

    try:
        with stream, report_stream(args.output) as out:
            write = _writer(out)
            if args.jsonl:
                return _run_jsonl(engine, stream, args, lang, write)
            return _run_text(engine, stream, args, lang, write)
    except BadInput as exc:
        print(f"mamoru: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from scanner.messages import os_error

        print(f"mamoru: {os_error(exc, lang, writing=True, path=args.output)}", file=sys.stderr)
        return EXIT_USAGE


def _entities(arg: str | None, extra: set[str], lang: Lang) -> frozenset[str] | None:
    """`--entities` with the types of `--recognizers` too: any case; ValueError (worded,
    with suggestions) for an unknown name."""
    if not arg:
        return None
    from recognizers.registry import ENTITY_TYPES
    from scanner.cliargs import entity_names

    return frozenset(entity_names(arg, [*ENTITY_TYPES, *sorted(extra)], lang))


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    return open(name, "rb")


def _yaml_recognizers(path: str, load, lang: Lang) -> list:
    """Presidio's YAML recognizers; an unreadable or malformed file is a ValueError or an
    OSError worded by us (Presidio prints its own English line about it: kept out)."""
    import contextlib
    import io

    import yaml

    open(path, "rb").close()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return load(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        raise ValueError(lang.t("analyze.bad_yaml", path=path, line=line)) from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: {lang.t('os.not_utf8')}") from None


def _text_reader(stream: IO[bytes], lang: Lang) -> Callable[[int], str]:
    """Read decoded text piece by piece. UTF-8 is streamed (bounded memory); when the
    first 64 KB are not plain UTF-8 (Shift_JIS, EUC-JP, ISO-2022-JP, UTF-16 …) the input
    is read whole, up to 256 MB, and decoded as `scan` decodes files (strict decodes only:
    no guess), the encoding named on stderr. Bytes that fit none are BadInput."""
    head = stream.read(SNIFF_BYTES)
    if _plain_utf8(head):
        return _utf8_reader(head, stream, lang)
    data = head + stream.read(max(0, MAX_WHOLE_BYTES + 1 - len(head)))
    if len(data) > MAX_WHOLE_BYTES:
        raise BadInput(lang.t("analyze.too_big_to_decode", limit=MAX_WHOLE_BYTES))
    from scanner.sources.encoding import decode
    from scanner.sources.model import SourceError

    try:
        text, encoding = decode(data, guess=False)
    except SourceError as exc:
        if str(exc) in ("control bytes", "NUL bytes"):
            raise BadInput(lang.t("analyze.binary")) from None
        raise BadInput(lang.t("analyze.not_utf8", where=_utf8_error_at(data))) from None
    if not _plausible(text):  # CP932 reads nearly any bytes (as private-use characters)
        raise BadInput(lang.t("analyze.not_utf8", where=_utf8_error_at(data)))
    if encoding not in ("utf-8", "utf-8-sig"):
        print(lang.t("analyze.read_as", encoding=encoding), file=sys.stderr)
    pieces = iter(text[i : i + READ_BYTES] for i in range(0, len(text), READ_BYTES))
    return lambda n: next(pieces, "")


def _plausible(text: str) -> bool:
    """At least 95 % of the first 64K characters are of text a Japanese company holds."""
    from scanner.sources.encoding import PLAUSIBLE_UTF16

    sample = text[:SNIFF_BYTES]
    return not sample or len(PLAUSIBLE_UTF16.findall(sample)) >= 0.95 * len(sample)


def _utf8_error_at(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _plain_utf8(head: bytes) -> bool:
    """UTF-8 (a character cut at the end allowed), no NUL, no UTF-16/32 BOM and no
    ISO-2022-JP escape."""
    if b"\x00" in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x1b$" in head or b"\x1b(I" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_reader(head: bytes, stream: IO[bytes], lang: Lang) -> Callable[[int], str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    consumed = 0
    pending = [head]

    def read(n: int) -> str:
        nonlocal consumed
        data = pending.pop() if pending else stream.read(max(n, 1))
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            where = consumed + exc.start
            raise BadInput(
                lang.t("analyze.not_utf8", where=where)
            ) from None
        consumed += len(data)
        if "\x00" in text:
            raise BadInput(lang.t("analyze.binary"))
        return text

    return read


def _run_text(engine: Engine, stream: IO[bytes], args: argparse.Namespace, lang: Lang,
              write: Callable[[str], None]) -> int:
    findings = list(
        engine.iter_stream(
            _text_reader(stream, lang), min_score=args.min_score, context=args.context or None
        )
    )
    if args.format == "json":
        rows = [_row(f, args) for f in findings]
        write(json.dumps({"findings": rows}, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_table(findings, args, lang, write)
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _run_jsonl(engine: Engine, stream: IO[bytes], args: argparse.Namespace, lang: Lang,
               write: Callable[[str], None]) -> int:
    bad = 0
    found = False
    for lineno, record in _records(stream, lang):
        if isinstance(record, str):
            bad += 1
            print(lang.t("analyze.line", lineno=lineno, record=record),
                  file=sys.stderr)
            continue
        findings = engine.analyze(
            record["text"], min_score=args.min_score, context=args.context or None
        )
        found = found or bool(findings)
        out = {"id": record["id"], "findings": [_row(f, args) for f in findings]}
        write(json.dumps(out, ensure_ascii=False) + "\n")
    if bad:
        print(lang.t("analyze.malformed_lines", bad=bad),
              file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FINDINGS if found else EXIT_CLEAN


def _records(stream: IO[bytes], lang: Lang) -> Iterator[tuple[int, dict | str]]:
    """(line number, record) or (line number, error message) for each non-blank line."""
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield lineno, lang.t("os.not_utf8")
            continue
        except json.JSONDecodeError as exc:
            yield lineno, lang.t("analyze.bad_json", column=exc.colno)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield lineno, lang.t("analyze.no_text")
            continue
        yield lineno, {"id": record.get("id", lineno), "text": record["text"]}


def _row(f: Finding, args: argparse.Namespace) -> dict:
    from scanner.privacy import preview

    row = f.as_dict(show_value=args.show_values)
    row["preview"] = preview(f.text, f.entity_type)
    if not args.explain:
        row.pop("explanation", None)
    return row


def _print_table(findings: list[Finding], args: argparse.Namespace, lang: Lang,
                 write: Callable[[str], None]) -> None:
    from scanner.explain import explanation_text
    from scanner.privacy import preview

    if not findings:
        print(lang.t("scan.nothing_found"), file=sys.stderr)
        return
    lines = []
    for f in findings:
        shown = f.text if args.show_values else preview(f.text, f.entity_type)
        line = f"{f.start:>8}-{f.end:<8} {f.entity_type:<24} {f.score:.2f}  {shown}"
        if args.explain and f.explanation is not None:
            line += f"  ({explanation_text(f.explanation, lang)})"
        lines.append(line)
    write("\n".join(lines) + "\n")


def _writer(out) -> Callable[[str], None]:
    """Write text to stdout or the report file; lone surrogates come out escaped."""

    def write(s: str) -> None:
        data = s.encode("utf-8", "backslashreplace")
        if out is sys.stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            out.write(data.decode("utf-8"))

    return write
