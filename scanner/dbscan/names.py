"""What a column's name says about its content: `name_signal("customer_tel")`.

Names are NFKC-normalized and split into lower-case words at `_`, `-`, `.`, spaces and
camelCase humps, trailing digits dropped (`telNo2` -> `tel`, `no`). An ASCII rule
matches when all its words occur among the column's words (so `hotel` is not `tel`); a
Japanese rule matches as a substring (`携帯電話番号` contains `電話`). A blocker word
vetoes its type (`company_name`, `商品名` are not people; `ip_address` is no street
address). Strong names (氏名, mynumber, tel) give 0.6 on their own, weak ones (a bare
`name`, `account`) 0.4, below the default report threshold.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

STRONG, WEAK = 0.6, 0.4


@dataclass(frozen=True, slots=True)
class NameRule:
    entity_type: str
    words: tuple[tuple[str, ...], ...] = ()  # each: ASCII words that must all occur
    japanese: tuple[str, ...] = ()  # substrings
    strength: float = STRONG
    blockers: tuple[str, ...] = ()  # words or substrings that veto this type


_NOT_A_PERSON = (
    "company", "corp", "product", "item", "file", "host", "shop", "store", "brand",
    "category", "bank", "branch", "dept", "department", "table", "column", "domain",
    "kaisha", "shohin", "server", "app", "project", "team", "group", "user",
    "会社", "商品", "店", "部署", "製品", "ファイル", "法人", "企業", "銀行", "支店", "品名",
)
_NOT_AN_ADDRESS = ("ip", "mac", "mail", "email", "url", "web", "wallet", "メール")

RULES: tuple[NameRule, ...] = (
    NameRule(
        "JP_MY_NUMBER",
        words=(("mynumber",), ("my", "number"), ("my", "no"), ("mynum",), ("kojin", "bango"),
               ("kojin", "bangou"), ("kojinbango",), ("individual", "number")),
        japanese=("個人番号", "マイナンバー"),
    ),
    NameRule(
        "PERSON",
        words=(("shimei",), ("furigana",), ("kana",), ("fullname",), ("full", "name"),
               ("first", "name"), ("last", "name"), ("firstname",), ("lastname",),
               ("given", "name"), ("family", "name"), ("middle", "name"), ("sei",), ("mei",),
               ("customer", "name"), ("member", "name"), ("contact", "name"),
               ("person", "name"), ("employee", "name"), ("staff", "name"),
               ("patient", "name"), ("kokyaku", "name"), ("namae",), ("kanji", "name")),
        japanese=("氏名", "名前", "姓名", "顧客名", "担当者名", "社員名", "会員名", "患者名",
                  "フリガナ", "ふりがな", "カナ", "苗字", "名字", "お名前", "申込者"),
        blockers=_NOT_A_PERSON,
    ),
    NameRule("PERSON", words=(("name",),), strength=WEAK, blockers=_NOT_A_PERSON),
    NameRule(
        "PHONE_NUMBER",
        words=(("tel",), ("phone",), ("telephone",), ("mobile",), ("keitai",), ("denwa",),
               ("cell",), ("fax",), ("telno",), ("phonenumber",), ("cellphone",)),
        japanese=("電話", "携帯", "ファックス", "ファクス"),
    ),
    NameRule(
        "EMAIL_ADDRESS",
        words=(("email",), ("mail",), ("mailaddress",), ("emailaddress",), ("e", "mail")),
        japanese=("メール", "メアド"),
    ),
    NameRule(
        "JP_ADDRESS",
        words=(("address",), ("addr",), ("jusho",), ("juusho",), ("jyusho",),
               ("street",), ("banchi",)),
        japanese=("住所", "所在地", "番地", "居所"),
        blockers=_NOT_AN_ADDRESS,
    ),
    NameRule(
        "JP_POSTAL_CODE",
        words=(("zip",), ("zipcode",), ("postal",), ("postcode",), ("post", "code"),
               ("yubin",), ("yuubin",), ("postal", "code")),
        japanese=("郵便", "〒"),
    ),
    NameRule(
        "DATE_OF_BIRTH",
        words=(("birth",), ("birthday",), ("birthdate",), ("dob",), ("seinengappi",),
               ("tanjobi",), ("tanjoubi",), ("born",)),
        japanese=("生年月日", "誕生日", "生年"),
    ),
    NameRule(
        "CREDIT_CARD",
        words=(("card", "no"), ("card", "number"), ("card", "num"), ("cardno",),
               ("cardnumber",), ("credit",), ("pan",)),
        japanese=("クレジット", "カード番号"),
    ),
    NameRule("CREDIT_CARD", words=(("card",),), strength=WEAK),
    NameRule(
        "JP_BANK_ACCOUNT",
        words=(("koza",), ("kouza",), ("bank", "account"), ("account", "no"),
               ("account", "number"), ("accountno",), ("iban",)),
        japanese=("口座",),
    ),
    NameRule("JP_PASSPORT", words=(("passport",), ("ryoken",)), japanese=("旅券", "パスポート")),
    NameRule(
        "JP_DRIVERS_LICENSE",
        words=(("license",), ("licence",), ("menkyo",)),
        japanese=("免許",),
    ),
    NameRule("JP_RESIDENCE_CARD", words=(("zairyu",), ("residence", "card")),
             japanese=("在留",)),
    NameRule("JP_PENSION_NUMBER", words=(("nenkin",), ("pension",)), japanese=("年金",)),
    NameRule("JP_EMPLOYMENT_INSURANCE", words=(("koyo", "hoken"), ("employment", "insurance")),
             japanese=("雇用保険",)),
    NameRule("JP_RESIDENT_CODE", words=(("juminhyo",), ("resident", "code")),
             japanese=("住民票",)),
    NameRule("JP_CORPORATE_NUMBER", words=(("hojin", "bango"), ("corporate", "number")),
             japanese=("法人番号",)),
    NameRule("IP_ADDRESS", words=(("ip",), ("ipaddr",), ("ipaddress",), ("remote", "addr"))),
)

_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\s_\-.:/()\[\]]+")


@dataclass(frozen=True, slots=True)
class NameSignal:
    entity_type: str
    strength: float
    rule: str  # the words or substring that matched, for explanations


def words_of(name: str) -> tuple[str, ...]:
    """Lower-case words of a column name: `customerTelNo2` -> (`customer`, `tel`, `no`)."""
    text = unicodedata.normalize("NFKC", name)
    words: list[str] = []
    for part in _SEPARATORS.split(text):
        for piece in _HUMP.split(part):
            piece = piece.lower().rstrip("0123456789")
            if piece:
                words.append(piece)
    return tuple(words)


def header_context(name: str) -> list[str]:
    """The strings handed to the engine as the column's header context."""
    spaced = " ".join(words_of(name))
    return [name] if spaced in ("", name) else [name, spaced]


def name_signal(name: str) -> NameSignal | None:
    """The strongest type the column name points at, or None."""
    words = set(words_of(name))
    text = unicodedata.normalize("NFKC", name).lower()
    best: NameSignal | None = None
    for rule in RULES:
        if any(b in words or (not b.isascii() and b in text) for b in rule.blockers):
            continue
        hit = _match(rule, words, text)
        if hit and (best is None or rule.strength > best.strength):
            best = NameSignal(rule.entity_type, rule.strength, hit)
    return best


def _match(rule: NameRule, words: set[str], text: str) -> str | None:
    for needed in rule.words:
        if all(w in words for w in needed):
            return "_".join(needed)
    for sub in rule.japanese:
        if sub.lower() in text:
            return sub
    return None
