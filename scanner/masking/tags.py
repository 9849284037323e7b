"""Replacement tags for every entity type, in Japanese and English: `<氏名>`, `<PERSON>`."""

from __future__ import annotations

JAPANESE_TAGS = {
    "JP_MY_NUMBER": "個人番号",
    "JP_CORPORATE_NUMBER": "法人番号",
    "PHONE_NUMBER": "電話番号",
    "EMAIL_ADDRESS": "メールアドレス",
    "JP_POSTAL_CODE": "郵便番号",
    "CREDIT_CARD": "クレジットカード番号",
    "JP_BANK_ACCOUNT": "口座番号",
    "JP_PASSPORT": "旅券番号",
    "JP_DRIVERS_LICENSE": "運転免許証番号",
    "JP_RESIDENCE_CARD": "在留カード番号",
    "JP_PENSION_NUMBER": "基礎年金番号",
    "JP_EMPLOYMENT_INSURANCE": "雇用保険被保険者番号",
    "JP_RESIDENT_CODE": "住民票コード",
    "DATE_OF_BIRTH": "生年月日",
    "IP_ADDRESS": "IPアドレス",
    "PERSON": "氏名",
    "JP_ADDRESS": "住所",
}


def tag(entity_type: str, lang: str = "ja") -> str:
    """`<氏名>` (ja) or `<PERSON>` (en); unknown types use their own name."""
    if lang == "ja":
        return f"<{JAPANESE_TAGS.get(entity_type, entity_type)}>"
    return f"<{entity_type}>"
