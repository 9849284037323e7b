"""Small named predicates shared by recognizers, each tested on its own."""

from __future__ import annotations

# Labels of numbers that are not personal data: a value right after one of these belongs
# to it even when its digits pass a check (order numbers, product codes, tracking numbers).
OTHER_NUMBER_LABELS = (
    "注文番号", "受注番号", "発注番号", "商品コード", "商品番号", "品番", "型番", "JANコード",
    "JAN", "バーコード", "ISBN", "伝票番号", "問い合わせ番号", "お問合せ番号", "追跡番号",
    "管理番号", "受付番号", "整理番号", "請求書番号", "見積番号", "製造番号", "シリアル",
    "serial", "order no", "order number", "sku", "tracking",
)


def is_repeated_digits(number: str) -> bool:
    """000000000000, 111111111111: dummy values that happen to pass check digits."""
    return len(set(number)) <= 1


def luhn_ok(number: str) -> bool:
    """Luhn checksum (credit cards)."""
    from stdnum import luhn

    return luhn.is_valid(number)


# Issuer identification ranges of the international brands (and JCB), by prefix.
_CARD_PREFIXES = (
    ("4", (13, 16, 19)),  # Visa
    *((str(p), (16,)) for p in range(51, 56)),  # Mastercard 51-55
    *((str(p), (16,)) for p in range(2221, 2721)),  # Mastercard 2-series
    ("34", (15,)), ("37", (15,)),  # American Express
    *((str(p), (16, 19)) for p in range(3528, 3590)),  # JCB
    *((str(p), (14, 16)) for p in range(300, 306)), ("36", (14, 16)), ("38", (14, 16)),  # Diners
    ("6011", (16, 19)), ("65", (16, 19)),  # Discover
    *((str(p), (16, 19)) for p in range(622126, 622926)), ("62", (16, 19)),  # UnionPay
)


def has_card_prefix(number: str) -> bool:
    """The number starts with a known brand prefix and has that brand's length."""
    n = len(number)
    return any(number.startswith(p) and n in lengths for p, lengths in _CARD_PREFIXES)


# Values that fill a name field without naming anyone.
_PLACEHOLDERS = frozenset({
    "不明", "なし", "無し", "未定", "未設定", "未入力", "未記入", "該当なし", "空欄", "削除",
    "退会", "テスト", "てすと", "サンプル", "ダミー", "名無し", "匿名", "本人", "同上",
    "test", "sample", "dummy", "none", "null", "nil", "n/a", "na", "unknown", "tbd", "xxx",
    "abc", "foo", "bar", "hoge", "fuga", "piyo", "admin", "user", "guest",
})


def is_placeholder(value: str) -> bool:
    """`不明`, `テスト`, `N/A`, `ZZZ`: fillers of a field, not data (a named predicate)."""
    v = value.strip().casefold()
    return v in _PLACEHOLDERS or (len(v) >= 2 and len(set(v.replace(" ", ""))) == 1)
