"""Messages of `mamoru ledger` and the ledger it builds (see scanner/catalogue/__init__.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "ledger.cannot_read_previous": (
        "mamoru: 前回の台帳を読めません: {path}: {reason}",
        "mamoru: cannot read the previous ledger {path}: {reason}",
    ),
    "ledger.filled_row_gone": (
        "mamoru: 記入のある行が今回の台帳にありません（保管がなくなった？）: {gone}",
        "mamoru: a row with entries is no longer in the ledger (gone?): {gone}",
    ),
    "ledger.written": (
        "{output}: 保管 {holdings_count} 件、違反 {violations_count} 件",
        "{output}: {holdings_count:# holding|# holdings}, "
        "{violations_count:# violation|# violations}",
    ),
    "ledger.stdout": ("標準出力", "stdout"),
    "ledger.xlsx_to_terminal": (
        "mamoru: xlsx の台帳は端末に出力できません。-o 台帳.xlsx でファイルに書くか、"
        "--format csv または jsonl を指定してください",
        "mamoru: an xlsx ledger cannot be written to a terminal; write it to a file with "
        "-o ledger.xlsx, or choose --format csv or jsonl",
    ),
    "ledger.table_title": (
        "個人情報管理台帳 {holdings_count} 件",
        "personal-data ledger: {holdings_count:# holding|# holdings}",
    ),
    "ledger.violations": (
        "mamoru: 違反 {violations_count} 件",
        "mamoru: {violations_count:# violation|# violations}",
    ),
    "ledger.nothing_held": (
        "mamoru: インベントリに個人情報の保管がありません: {target}",
        "mamoru: no personal data in the inventory for {target}",
    ),
    "ledger.impact_head": (
        "漏えいした場合: {target}（保管 {chosen_count} 件）",
        "if this leaked: {target} ({chosen_count:# holding|# holdings})",
    ),
    "ledger.impact_persons": (
        "  推定本人数: {count:,} 人 — {method}",
        "  persons (estimate): {count:,} — {method}",
    ),
    "ledger.impact_my_numbers": (
        "  個人番号の本人数: {my_numbers:,} 人",
        "  persons with My Numbers: {my_numbers:,}",
    ),
    "ledger.impact_report_required": (
        "  報告: 必要 — 個人情報保護委員会への報告と本人への通知（個人情報保護法 26 条）",
        "  report: REQUIRED — to the Personal Information Protection Commission, and "
        "notice to the persons (APPI Art. 26)",
    ),
    "ledger.impact_deadlines": (
        "  期限: 速報は知った時から速やかに（概ね 3〜5 日以内）、確報は 30 "
        "日以内（不正の目的によるおそれがある場合は 60 日以内）",
        "  deadlines: preliminary report promptly (about 3-5 days), final report "
        "within 30 days (60 days when a wrongful purpose is suspected)",
    ),
    "ledger.impact_report_not_required": (
        "  報告: データの内容からは不要（下の場合を除く）",
        "  report: not required by the data alone (except as below)",
    ),
    "ledger.impact_wrongful_purpose": (
        "  不正アクセスや盗難など不正の目的によるおそれがある漏えいは、人数にかかわら"
        "ず報告対象です。",
        "  A leak that may have been done with a wrongful purpose (unauthorised "
        "access, theft) must be reported whatever its size.",
    ),
    "ledger.includes_sensitive_personal_information": (
        "要配慮個人情報を含む",
        "includes sensitive personal information",
    ),
    "ledger.may_cause_financial_damage": (
        "財産的被害のおそれ（カード番号・口座番号）",
        "may cause financial damage (card or bank account numbers)",
    ),
    "ledger.more_than_persons": (
        "本人数が {persons_limit:,} 人を超える",
        "more than {persons_limit:,} persons",
    ),
    "ledger.my_numbers_more_than": (
        "特定個人情報の本人数が {my_number_limit} 人を超える",
        "My Numbers of more than {my_number_limit} persons",
    ),
    "ledger.nothing_that_identifies_person": (
        "本人を識別する情報なし",
        "nothing that identifies a person",
    ),
    "ledger.distinct_values_sample_scaled": (
        "{what}の異なり数（標本から推定：行数へ換算、または認識できなかった値も同じ割合で計上）",
        "distinct values of {what} (estimated from a sample: scaled to the rows, or the "
        "values not recognized counted at the same rate)",
    ),
    "ledger.distinct_values_fingerprints": (
        "{what}の異なり数（指紋）",
        "distinct values of {what} (fingerprints)",
    ),
    "ledger.unknown_could_not_checked": (
        "不明（確認できません）",
        "unknown (could not be checked)",
    ),
    "ledger.readable_by_everyone": ("全員が読める", "readable by everyone"),
}
