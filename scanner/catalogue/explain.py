"""Parts of finding explanations (`analyze --explain`, hook and scan lines).

The English text of a part is its canonical form (stored in reports and inventories);
`scanner.explain` renders a part that matches one of these in the user's language. The
fields are keywords, labels and validator names, never the value found."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "explain.score": ("スコア {score}", "score {score}"),
    "explain.keyword_before": ("キーワード「{keyword}」が {gap} 文字前",
                               "keyword '{keyword}' {gap} chars before"),
    "explain.keyword_after": ("キーワード「{keyword}」が {gap} 文字後",
                              "keyword '{keyword}' {gap} chars after"),
    "explain.column": ("列名「{column}」", "column '{column}'"),
    "explain.check_ok": ("検査 OK（{validator}）", "check ok ({validator})"),
    "explain.rejected": ("検査 NG（{validator}）", "rejected by {validator}"),
    "explain.cue_after": ("後ろに「{cue}」", "'{cue}' after"),
    "explain.cue_before": ("前に「{cue}」", "'{cue}' before"),
    "explain.label": ("見出し「{label}」", "label '{label}'"),
    "explain.honorific_after": ("後ろに敬称", "honorific after"),
    "explain.email_after": ("後ろにメールアドレス", "e-mail address after"),
    "explain.label_before": ("前に見出し", "label before"),
    "explain.postal_mark": ("郵便記号 〒", "postal mark 〒"),
    "explain.address_follows": ("後ろに住所", "address follows"),
    "explain.birth_cue": ("直後に生年月日の手がかり", "birth cue right after"),
    "explain.rfc5321": ("RFC 5321 の形式", "RFC 5321 shape"),
    "explain.ginza_person": ("GiNZA: 人名", "GiNZA: Person"),
    "explain.access_log_client": ("アクセスログのクライアント欄",
                                  "client field of an access log line"),
    "explain.names_another_number": ("{near}（別の番号の見出し）",
                                     "{near} names another number"),
    "explain.label_names_another_date": ("見出し「{label}」は別の日付のもの",
                                         "label '{label}' names another date"),
    "explain.date_range": ("日付の範囲または基準日（以降・以前）",
                           "part of a date range or a cut-off"),
    "explain.former_municipality": ("日本郵便のデータにない市町村（合併前の名称？）",
                                    "municipality not in Japan Post data (merged away?)"),
    "explain.address_before": ("同じ行の前に住所", "address before on the line"),
    "explain.postal_code_before": ("前に郵便番号", "postal code before"),
    "explain.postal_code_matches": ("郵便番号と住所が一致", "postal code matches the address"),
    "explain.postal_code_mismatch": ("郵便番号と住所が不一致（日本郵便のデータ）",
                                     "postal code does not match the address (Japan Post data)"),
    "explain.rung.CHECKED_WITH_CONTEXT": ("検査 OK・手がかりあり", "CHECKED_WITH_CONTEXT"),
    "explain.rung.DISTINCT_FORMAT": ("それ自体が個人情報の形式", "DISTINCT_FORMAT"),
    "explain.rung.CORROBORATED": ("同じ文書・列に検査 OK の値が多数", "CORROBORATED"),
    "explain.rung.SHAPE_WITH_CONTEXT": ("形式と手がかり", "SHAPE_WITH_CONTEXT"),
    "explain.rung.FORMATTED": ("書式どおりの番号", "FORMATTED"),
    "explain.rung.LOW_CONTEXT": ("弱い手がかり", "LOW_CONTEXT"),
    "explain.rung.CHECKED_ALONE": ("検査 OK のみ", "CHECKED_ALONE"),
    "explain.rung.SHAPE_ALONE": ("形式のみ", "SHAPE_ALONE"),
}
