"""Help texts of commands and options: `command.dest` (or `*.dest` for every command)
-> (Japanese, English). tests/test_messages.py checks that every option has one."""

from __future__ import annotations

_THRESHOLD = ("報告するスコアの下限、0〜1（既定 0.5）", "report threshold, 0 to 1 (default 0.5)")
_ENTITIES = ("調べる種別をカンマ区切りで（大文字小文字は問わない。一覧: mamoru --list-entities）",
             "comma-separated entity types (any case; list: mamoru --list-entities)")
_INVENTORY = ("インベントリの SQLite ファイルまたはデータベース URL"
              "（既定 ./.mamoru/inventory.sqlite）",
              "inventory SQLite path or database URL (default ./.mamoru/inventory.sqlite)")
_BASELINE = ("ベースラインファイル（既定は設定の値）", "baseline file (default from config)")
_THOROUGH = ("すべてのテキストに GiNZA も使う（遅い）", "also run GiNZA on all text (slow)")

HELP_TEXTS: dict[str, tuple[str, str]] = {
    # the program and its commands
    "mamoru.lang": ("メッセージの言語 ja|en（既定: MAMORU_LANG、なければロケール）",
                    "message language ja|en (default: MAMORU_LANG, else the locale)"),
    "mamoru.version": ("バージョンを表示して終了", "print the version and exit"),
    "mamoru.list_entities": ("検出できる種別の一覧を表示して終了",
                             "list the entity types that can be found, and exit"),
    "analyze": ("1 つのテキスト（または JSONL レコード）を解析",
                "analyze one text (or JSONL records)"),
    "scan": ("ファイルと共有フォルダを走査してインベントリに記録",
             "scan files and shares into the inventory"),
    "inventory": ("個人情報インベントリ（見つかった場所の記録）をリスク順に表示"
                  "（変更点、問題、値の所在）",
                  "the personal-data inventory by risk (changes, problems, where values are)"),
    "scan-db": ("データベースの列を分類してインベントリに記録",
                "classify database columns into the inventory"),
    "mask": ("ファイルの個人情報をマスクしたコピーを作る（形式と文字コードはそのまま）",
             "masked copy of files, keeping format and encoding"),
    "mask-db": ("個人情報をマスクしたデータベースのコピーを作る",
                "masked copy of a database"),
    "hook": ("ステージした変更の個人情報を検査（pre-commit フック）",
             "check staged changes for personal data (pre-commit hook)"),
    "baseline": ("既知の検出をベースラインに記録・確認（フック用）",
                 "record and audit known findings for the hook"),
    "policy": ("個人情報の取扱ポリシーを作成・確認", "write or check the personal-data policy"),
    "ledger": ("ポリシーに照らした個人情報管理台帳", "the personal-data ledger against the policy"),
    "report": ("定期点検報告（HTML）", "self-inspection report (HTML)"),
    # options shared by several commands
    "*.lang": ("メッセージの言語 ja|en", "message language ja|en"),
    "*.format": ("出力形式", "output format"),
    "*.output": ("結果をこのファイルに書く（既定は標準出力、- も標準出力）",
                 "write the report to this file (default stdout, also -)"),
    "*.min_score": _THRESHOLD,
    "*.entities": _ENTITIES,
    "*.thorough": _THOROUGH,
    "*.inventory": _INVENTORY,
    "*.baseline": _BASELINE,
    "*.verbose": ("大きな走査でもすべての検出を表示（既定は 100 件を超えると要約）",
                  "every finding, also on big scans (else a summary past 100)"),
    "*.quiet": ("標準エラーに進捗や要約を出さない（エラーだけ）",
                "no progress and no summary on stderr; errors only"),
    "*.redact": ("プレビューも一切出さない（CI のログ向け）",
                 "no previews at all in the report (for CI logs)"),
    "*.no_color": ("色を付けない（環境変数 NO_COLOR と同じ）", "no colours (as NO_COLOR)"),
    "*.wait": ("インベントリを使用中の別の走査を待つ（既定: 待たずに終了コード 2）",
               "wait for another scan that holds the inventory (default: exit 2)"),
    "*.wait_timeout": ("別の走査を待つ最長時間。過ぎたら終了コード 2",
                       "wait at most this long for another scan, then exit 2"),
    "inventory.since": ("--changes: DATE（ISO 形式、UTC）以降に始まった走査による変更",
                        "--changes: made by the scans started since DATE (ISO, UTC)"),
    "inventory.scans": ("--changes: 番号 N から M の走査による変更",
                        "--changes: made by the scans numbered N to M"),
    "*.allow_below_k": ("anonymized: k 未満の組があってもコピーを出す",
                        "anonymized: release the copy even with classes below k"),
    "*.k_report": ("k-匿名性の報告（JSON）の書き先（既定: 出力の横）",
                   "where to write the k-anonymity report (JSON; default: beside the output)"),
    # analyze
    "analyze.input": ("読むファイル（- で標準入力）", "file to read, or - for stdin"),
    "analyze.jsonl": ('1 行に 1 レコード {"id", "text"} を読む', 'read lines {"id", "text"}'),
    "analyze.context": ("テキストの見出し（列名やキー。文脈として使う）",
                        "header naming the text (a column name or key, used as context)"),
    "analyze.window": ("文脈を見る範囲（前後の文字数、既定 300）",
                       "context window, chars each side (default 300)"),
    "analyze.explain": ("検出の理由も表示", "show why each finding was reported"),
    "analyze.show_values": ("値をそのまま表示（取り扱い注意）", "print raw values (careful)"),
    "analyze.recognizers": ("Presidio 形式の YAML から認識器を追加",
                            "add recognizers from a Presidio YAML registry file"),
    # scan
    "scan.paths": ("走査するファイルまたはディレクトリ", "files or directories"),
    "scan.jobs": ("ワーカープロセス数", "worker processes"),
    "scan.full": ("変更のないファイルも読み直す", "read every file, even unchanged ones"),
    "scan.verify_hash": ("変更のないファイルもハッシュを取り直し、内容が変わったものを読む",
                         "re-hash unchanged files and read those whose content changed"),
    "scan.exclude": ("除外するパターン（gitignore 形式、繰り返し可）",
                     "gitignore-style pattern to leave out (repeatable)"),
    "scan.exclude_from": ("除外パターンのファイル（gitignore 形式、繰り返し可）",
                          "file of gitignore-style patterns (repeatable)"),
    "scan.max_file_size": ("これより大きいファイルは飛ばす（既定 100M）",
                           "skip larger files (default 100M)"),
    "scan.follow_symlinks": ("シンボリックリンクをたどる", "follow symbolic links"),
    "scan.file_timeout": ("1 ファイルにかけてよい秒数。超えたらワーカーを止め、そのファイルはエラー"
                          "（既定: 設定の file_timeout、なければ 300）",
                          "longest time one file may take; its worker is stopped and the file "
                          "is an error (default: file_timeout in the configuration, else 300)"),
    "mask-db.include_table": ("このパターン（表 または スキーマ.表）に合う表だけコピーする"
                              "（繰り返し可）",
                              "copy only tables matching this glob, table or schema.table "
                              "(repeatable)"),
    "mask-db.exclude_table": ("このパターンに合う表はコピーしない（繰り返し可）",
                              "do not copy tables matching this glob (repeatable)"),
    "mask-db.schema": ("このスキーマだけコピーする（繰り返し可。既定: すべて）",
                       "copy only this schema (repeatable; default: every schema)"),
    "scan.progress": ("標準エラーに進捗を表示（auto: 端末のときだけ）",
                      "progress bar on stderr (auto: only on a terminal)"),
    # inventory
    "inventory.action": ("import: mamoru.spark の走査結果（Parquet）をインベントリに取り込む",
                         "import: load a mamoru.spark scan result (Parquet) into the inventory"),
    "inventory.file": ("取り込む Parquet ファイル（python -m mamoru.spark scan --out の出力）",
                       "the Parquet file to import (what python -m mamoru.spark scan --out wrote)"),
    "inventory.changes": ("直近の完了した走査での変更（新規・変更・消失、新しい値）",
                          "what changed in the last complete scan (new/changed/gone, new values)"),
    "inventory.problems": ("飛ばしたファイルと読めなかったファイルを理由とともに表示",
                           "list files that were skipped or could not be read, with the reason"),
    "inventory.find": ("FILE の値（1 行に 1 つ、- で標準入力）がどこにあるか"
                       "（開示・削除等の請求のため）",
                       "where the values in FILE (one per line; - for stdin) are held: "
                       "for disclosure and deletion requests"),
    "inventory.allow_mynumber": ("マイナンバーを置いてよい場所（例 '*/給与/*'、繰り返し可）",
                                 "where My Numbers may be kept, e.g. '*/payroll/*' (repeatable)"),
    # scan-db
    "scan-db.url": ("データベース URL（postgres://、mysql://、sqlite:///、SQLite ファイルのパス。"
                    "パスワードは表示しません）",
                    "database URL (postgres://, mysql://, sqlite:///, or an SQLite file path; "
                    "the password is never printed)"),
    "scan-db.sample": ("表ごとに抜き出す行数（既定 2000）", "rows sampled per table (2000)"),
    "scan-db.full": ("すべての行を読み、変更のない表も読み直す",
                     "read every row, and re-read unchanged tables"),
    "scan-db.include_schema": ("このパターンに合うスキーマだけ（繰り返し可）",
                               "only schemas matching this glob (repeatable)"),
    "scan-db.exclude_schema": ("このパターンに合うスキーマを除く（繰り返し可）",
                               "skip schemas matching this glob (repeatable)"),
    "scan-db.include_table": ("このパターンに合う表だけ（繰り返し可）",
                              "only tables matching this glob (repeatable)"),
    "scan-db.exclude_table": ("このパターンに合う表を除く（繰り返し可）",
                              "skip tables matching this glob (repeatable)"),
    "scan-db.include_column": ("このパターンに合う列だけ（繰り返し可）",
                               "only columns matching this glob (repeatable)"),
    "scan-db.exclude_column": ("このパターンに合う列を除く（繰り返し可）",
                               "skip columns matching this glob (repeatable)"),
    "scan-db.statement_timeout": ("1 つの問い合わせにかけてよい秒数（既定 30）",
                                  "longest time one query may run, seconds (30)"),
    # mask and mask-db
    "*.profile": ("dev-test（既定、開発・試験用）| pseudonymized（仮名加工情報）| "
                  "anonymized（匿名加工情報）",
                  "dev-test (default) | pseudonymized (仮名加工情報) | anonymized (匿名加工情報)"),
    "*.policy": ("ポリシーファイル（TOML または YAML）", "policy file (TOML or YAML)"),
    "*.quasi": ("k-匿名性を報告する準識別子の列: 列1,列2",
                "quasi-identifier columns for the k-anonymity report: col1,col2"),
    "*.k": ("k-匿名性の k（既定 5）", "k for k-anonymity (default 5)"),
    "*.key_file": ("使う鍵ファイル（既定: MAMORU_KEY、なければ MAMORU_KEY_FILE か "
                   "~/.config/mamoru/key、なければ作成）",
                   "key file to use (default: MAMORU_KEY, else the key file of "
                   "MAMORU_KEY_FILE or ~/.config/mamoru/key, created if missing)"),
    "mask.input": ("マスクするファイルまたはディレクトリ（変更しません）",
                   "file or directory to mask (never modified)"),
    "mask.out": ("出力先のファイルまたはディレクトリ", "output file or directory"),
    "mask.force": ("既存の出力ファイルや空でない出力ディレクトリを置き換える",
                   "replace an existing output file or non-empty output directory"),
    "mask.allow_below_k": ("anonymized: k 未満の組があってもコピーを出す",
                           "anonymized: release the copy even with classes below k"),
    "mask.k_report": ("k-匿名性の報告（JSON）の書き先（既定: 出力の横に OUT.k-anonymity.json）",
                      "where to write the k-anonymity report (JSON; default: "
                      "OUT.k-anonymity.json beside the output)"),
    "mask-db.source": ("元のデータベース URL（読むだけ）", "database URL of the source (read)"),
    "mask-db.to": ("出力先のデータベース URL（表は未作成のこと）、または表ごとのファイルを置く"
                   "ディレクトリ（--dir-format）",
                   "destination database URL (tables must not exist) or a directory for one "
                   "file per table (--dir-format)"),
    "mask-db.dir_format": ("--to がディレクトリのときのファイル形式（既定 csv）",
                           "file format with --to DIR (csv)"),
    # hook
    "hook.files": ("検査するステージ済みファイル（既定: すべて）。install / uninstall で "
                   ".git/hooks/pre-commit を管理（その名前のファイルは ./install）",
                   "staged files to check (default: every staged file); `install` / "
                   "`uninstall` manage .git/hooks/pre-commit (a file named so: ./install)"),
    "hook.force": ("他のフックがあっても入れる（元のフックは .legacy として残し、続けて実行）",
                   "install over a foreign hook (kept as .legacy and still run)"),
    "hook.verbose": ("飛ばしたファイルも表示", "also list skipped files"),
    "hook.file_timeout": ("1 ファイルの検査にかけてよい秒数。超えたら止め、そのファイルはエラー"
                          "（終了コード 2。既定: 設定の file_timeout、なければ 120）",
                          "longest time one file's check may take; it is stopped and the file "
                          "is an error (exit 2; default: file_timeout in the configuration, "
                          "else 120)"),
    # policy, ledger, report
    "policy.action": ("init: 注釈つきの [policy] のひな形を加える。check: 内容を検査する",
                      "init: add a commented starter [policy]; check: validate it"),
    "policy.config": ("設定ファイル（init の既定 ./.mamoru.toml、"
                      "check の既定は上へたどって最初のもの）",
                      "configuration file (init: default ./.mamoru.toml; check: default the "
                      "nearest one upward)"),
    "*.config": ("設定ファイル（既定: 上へたどって最も近い .mamoru.toml）",
                 "configuration file (default: the nearest .mamoru.toml upward)"),
    "ledger.config": ("[policy] のある設定ファイル（既定: 最も近い .mamoru.toml）",
                      "configuration with [policy] (default: the nearest .mamoru.toml)"),
    "report.config": ("[policy] のある設定ファイル（既定: 最も近い .mamoru.toml）",
                      "configuration with [policy] (default: the nearest .mamoru.toml)"),
    "*.db": ("表の権限を読むためのデータベース URL（パスワード付き、繰り返し可）",
             "database URL with password, to read table grants (repeatable)"),
    "ledger.output": ("台帳をこのファイルに書く: .xlsx（既定）、.csv（BOM 付き）、.jsonl。"
                      "- は標準出力（既定は CSV）",
                      "write the ledger: .xlsx (default), .csv (with BOM) or .jsonl; - for "
                      "stdout (CSV unless --format)"),
    "ledger.format": ("出力形式（既定は -o の拡張子から）。-o がなければ標準出力にこの形式で",
                      "output format (default: from the -o suffix); without -o, this format "
                      "on stdout"),
    "ledger.previous": ("人が記入した列を引き継ぐ元の台帳（既定: -o のファイル）",
                        "ledger to take the person-filled columns from (default: -o FILE)"),
    "ledger.check": ("違反を一覧にする（違反があれば終了コード 1）",
                     "list violations; exit 1 when any"),
    "ledger.impact": ("このファイル・フォルダ・表・保有が漏えいしたときに報告すべき内容",
                      "what a leak of this file, folder, table or holding must report"),
    # baseline
    "baseline.action": ("create（作成）| update（更新）| audit（確認）",
                        "create | update | audit"),
    "baseline.force": ("create: 既存のファイルを置き換える。update: 別の鍵でも受け入れる",
                       "create: replace an existing file; update: accept a different key"),
    "baseline.format": ("audit の一覧の形式", "format of the audit list"),
    "baseline.output": ("audit の一覧をこのファイルに書く（既定は標準出力）",
                        "write the audit list to this file (default stdout)"),
    "baseline.list": ("audit: 一覧を表示して終了", "audit: list entries and stop"),
    "baseline.mark": ("audit: 項目 N（--list の番号）または照合用ハッシュの先頭を "
                      "real|false-positive|unaudited にする",
                      "audit: set entry N (from --list) or a fingerprint prefix to "
                      "real|false-positive|unaudited"),
}


def help_text(command: str, dest: str, option: str | None = None) -> tuple[str, str] | None:
    """The help of an option of `command`: by its long name (`--wait-timeout` ->
    `wait_timeout`, when two options share a dest), else by dest; the command's own
    text, else the shared one."""
    names = [option.lstrip("-").replace("-", "_")] if option else []
    for name in [*names, dest]:
        for key in (f"{command}.{name}", f"*.{name}"):
            if key in HELP_TEXTS:
                return HELP_TEXTS[key]
    return None
