"""JP_ADDRESS: Japanese postal addresses, anchored on the municipalities of Japan Post's data.

Every `市区町村` in the text is looked up in the gazetteer (`recognizers.gazetteer`);
a hit grows left over its prefecture and right over a known town, block numbers in any
notation (1-2-3, 一丁目2番3号, 2番地, 4地割, 千二百三十四), a building, floor and room.
The span stops at a line end, a field separator, a following name or phone number. A
prefecture or municipality alone is not an address, and a town without block numbers or
with its chome only (prose about a school's or a station's site) is reported only after a
label (住所), in an address column or with a matching postal code. A postal code just
before it is checked against the town: a match raises the score, a mismatch lowers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers.base import Candidate, Document, Ladder, Recognizer
from recognizers.gazetteer import PREFECTURES, Gazetteer, fold, gazetteer, prefecture_forms

_NUM = r"(?:[0-9]+|[〇一二三四五六七八九十百千]+)"
# Particles that may follow an address in a sentence (…1234に住む, …1234まで).
_PARTICLE = r"(?:に|で|へ|から|まで|です|を|が|は|と|より)(?![0-9])"
_UNIT = r"(?:丁目|丁|番地|番町|番|号|地割|条[東西南北]?(?:通)?|線[東西南北]?|の|ノ|-)"
# Block numbers: a unit or a hyphen makes them a block (2丁目3番4号, 1-2-3, 4地割12);
# a bare number counts only at the end of a field (串本1234).
# A lot lettered in iroha order before its number, as in Hokuriku (熊坂町イ-197, 字ロ45番地).
_IROHA_LOT = r"(?:(?<![ァ-ヺー])[イロハニホヘトチリヌ]-?(?=[0-9]))?"
_BLOCK_RX = (
    rf"[ ]?(?:(?:字|大字)[^\s\d,，、。:;|]{{1,6}}?)?{_IROHA_LOT}{_NUM}(?:{_UNIT}+{_NUM}?)+"
    rf"(?:号|番地?)?"
    rf"|[ ]?{_IROHA_LOT}{_NUM}(?=$|[\s,，、。;|)）(（]|{_PARTICLE}"
    rf"|[^\s\d-]{{0,20}}?(?:ビル|マンション|[0-9]+(?:階|F|号室)))"
)
_BLOCK = re.compile(_BLOCK_RX, re.M)
# Unknown town names: kanji and katakana, hiragana only one at a time (霞が関, 上る), and
# never a particle that joins phrases (…市と…市を繋ぐ国道3号, …下名で国道3号): Japan Post's
# town names hold none of these alone, but for sub-lots of known towns (八街は).
_TOWN_CHAR = (r"(?:[々〆ヶ\u4e00-\u9fffァ-ヺー]"
              r"|(?<![ぁ-ゖ])(?![をとでにはもやへ])[ぁ-ゖ](?![ぁ-ゖ]))")
_TOWN_THEN_BLOCK = re.compile(rf"{_TOWN_CHAR}{{1,20}}?(?:{_BLOCK_RX})", re.M)
_BUILDING_WORDS = (
    "ビルディング|ビル|マンション|ハイツ|コーポ|荘|レジデンス|タワー|アパート|ハウス|パレス|"
    "コート|メゾン|ヒルズ|プラザ|テラス|号館|会館|センター|ガーデン|フラット|シティ|ヴィラ|"
    "カーサ|寮|棟|館|庁舎"
)
# A sub-lot letter after the block numbers (…1-2-3 イ, …12番地ロ).
_SUBLOT = r"(?:[ -]?[イロハニホヘトチリヌ](?![ァ-ヺーA-Za-z]))?"
# A building's name: not a particle before a word (…1-2-3の博物館; のぞみビル is a name),
# and no "located at" phrase (…1-2-3にあるモザイクタイルの博物館, …に所在する会館).
_NAME_START = r"(?![のにでをはがともへや](?![ぁ-ゖ]))"
_NOT_PHRASE = r"(?!にあ[るっり]|に位置|に所在|に建|にて|です|である)"
_NAME = (rf"{_NAME_START}{_NOT_PHRASE}[^\s,，、。:;|()（）「」0-9]"
         rf"(?:{_NOT_PHRASE}[^\s,，、。:;|()（）「」]){{0,23}}?")
# A room number without 号室 (203, 1203), not a year, a price or a count.
_BARE_ROOM = r"[0-9]{3,4}(?![0-9-]|[年月日円時分人件個万])"
_BUILDING = re.compile(
    _SUBLOT
    + rf"(?:[ ]?{_NAME}"
    + r"[ ]?(?=[0-9]{1,3}(?:階|F))"
    # a name after the building word (コーポ押上203, シティ青葉 1203): only with its room
    rf"|[ ]?(?:{_BUILDING_WORDS})[々〆ヶ\u4e00-\u9fffァ-ヺーA-Za-z]{{1,12}}?[ ]?"
    rf"(?=[0-9A-Z]{{1,5}}号室|{_BARE_ROOM})"
    rf"|[ ]?(?:{_NAME}(?:{_BUILDING_WORDS})"
    rf"(?:[ ]?[0-9A-Z]{{1,4}}(?:号館|号棟|棟))?)?)"
    r"(?:[ ]?(?:[0-9]{1,3}(?:階|F)|B[0-9]F?|地下[0-9]階))?"
    r"(?:[ ]?(?:[0-9A-Z]{1,5}号室|[0-9]{1,4}号(?!線)|#[0-9]{1,5}"
    # a bare room number right after a building's name (押上ハイツ101) or a space
    rf"|(?<=[^\s0-9号番地-]){_BARE_ROOM}|(?<=[ ]){_BARE_ROOM}))?"
)
# Sub-areas after a known town (大字白銀町左新井田道, 阿寒町ルベシベ): kanji and katakana.
_TOWN_EXTENSION = re.compile(
    r"(?:(?!在住|在勤|出身|周辺|付近|近辺|一帯)[々〆ヶ\u4e00-\u9fffァ-ヺー]){1,12}"
)
_AZA = re.compile(r"[ ]?[^\s\d,，、。:;|()（）]{0,8}?(?:大字|字)[々〆ヶ\u4e00-\u9fffァ-ヺー]{1,12}")
# After a prefecture and municipality, a town the gazetteer does not know, up to the end
# of the field; words that talk about the municipality (役所, 周辺, 在住) are not towns.
_UNKNOWN_TOWN = re.compile(
    r"(?!役所|役場|周辺|全域|在住|在勤|出身|近辺|付近|一帯|方面|以外|全体|地域|地区|市内|区内|"
    r"町内|村内|郊外|議会|長|内|外|民|立|営|政|版|産)"
    rf"[々〆ヶ\u4e00-\u9fffァ-ヺー]{{2,12}}(?=$|[\s,，、。;|)）(（]|{_PARTICLE})",
    re.M,
)
_MUNI_END = re.compile(r"[市区町村]")
# Kinds of address too coarse for a home, unless a label or the layout says otherwise.
_COARSE = frozenset({"municipality and town", "prefecture, municipality and town",
                     "town and chome only"})
# Japanese prose has no spaces between words: an address between spaces (or tabs,
# commas, bars) is a field of a record, like `山田太郎様 電話 090-… 東京都…1丁目`.
_FIELD_BEFORE = re.compile(r"(?:^|[\t,，|:：; \u3000])$", re.M)
_FIELD_AFTER = re.compile(r"[ \u3000]*(?:$|[\t,，|; \u3000])", re.M)
# A home or a mailing address in a sentence: お届け先は…, …まで郵送, …に住む, …在住.
_HOME_AROUND = re.compile(
    r"(?:住所|居所|住まい|自宅|実家|送付先|届け先|送り先|宛先|請求先|本籍|転居先|連絡先)"
    r"(?:は|が|を|も|の|に)?[ ]?[::]?[ ]?$"
)
_HOME_AFTER = re.compile(
    r"[ ]?(?:(?:まで|へ|に|宛て?に?)(?:ご?郵送|送付|発送|送っ|送ら|送り|送る|お?届け|配達|"
    r"住ん|住む|住み|住ま|居住|転居|引っ越|移り住)|在住|の自宅|の実家|方)"
)
# A town's chome and nothing after it: …天沼三丁目, …1丁目 (no block or lot number).
_CHOME_ONLY = re.compile(r"[^\s\d,，、。:;|]{0,20}?[ ]?(?:[0-9]+|[〇一二三四五六七八九十]+)丁目")
_CHOME = re.compile(r"[ ]?(?:[0-9]+|[〇一二三四五六七八九十]+)丁目")
# Block numbers, a room or a floor that end the text before a place.
_BLOCK_END = re.compile(r"(?:[0-9]|号|番地?|階|F|号室)$")
# A post-office box: …中京郵便局私書箱第35号, … 私書箱 12 号.
_PO_BOX = re.compile(
    r"[ ]?(?:[々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺー]{1,10}郵便局[ ]?)?私書箱[ ]?第?[ ]?[0-9]{1,5}[ ]?号?"
)
# A post-office box in parentheses after the street address: …5-4(牛込郵便局私書箱第77号),
# maybe after the building it is in (…8番地さいたまスーパーアリーナ内(…私書箱第9号)).
_PO_BOX_AFTER = re.compile(
    r"(?:[ ]?[^\s,，、。:;|()（）「」]{0,24}?内)?"
    r"[ ]?[(（][々〆ヶ\u4e00-\u9fffぁ-ゖァ-ヺー]{1,10}郵便局[ ]?私書箱[ ]?第?[0-9]{1,5}号?[)）]"
)
# A postal code written right after the address: … 〒220-0012, …（〒450-6001）.
_POSTAL_AFTER = re.compile(r"[ ]*[(（]?[ ]*(?:〒|郵便番号[:：]?)[ ]?([0-9]{3}-?[0-9]{4})(?![0-9])")
# A time on the same line after a place name: a timetable or a bus stop, not an address.
_TIME_AFTER = re.compile(r"[ \t]*(?:発|着)?[ \t]*[0-9]{1,2}:[0-9]{2}(?![0-9])")
_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_POSTAL_BEFORE = re.compile(r"(?:〒|郵便番号)?[ ]?([0-9]{3}-?[0-9]{4})[ ]*$")
_LABEL_BEFORE = re.compile(
    r"(?:住所|現住所|所在地|居所|住まい|送付先|届け先|お届け先|請求先|本籍|連絡先|address)"
    r"[ ]?[::]?[ ]?$",
    re.IGNORECASE,
)
_PREFECTURES = prefecture_forms()
# Kyoto's way: along a street, then up (north), down (south), east or west of a cross street.
_KYOTO_TURN = re.compile(
    r"(?:上る|上ル|上がる|上ガル|下る|下ル|下がる|下ガル|東入る?|東入ル|西入る?|西入ル)"
)
_PREFECTURE_END = re.compile(r"[都道府県]")
_KANJI_BEFORE = re.compile(r"[々ヶケ\u4e00-\u9fff]")
# A whole prefecture name, a district (郡) maybe, and a municipality's shape in kanji (not
# 県内の町, 府下の市).
_FORMER_MUNICIPALITY = re.compile(
    "(?:" + "|".join(sorted(PREFECTURES, key=len, reverse=True)) + ")"
    r"(?:[々ヶケ\u4e00-\u9fff]{1,4}郡)?(?![内外全各他同当])[々ヶケ\u4e00-\u9fff]{1,5}[市町村]\Z"
)
_TRAILING_SEPARATORS = re.compile(r"[ ::]+$")


class AddressRecognizer(Recognizer):
    """`東京都千代田区霞が関1-2-3 コスモ21ビル2階`, `串本町串本1234`, `堺市北区新金岡町4丁1-8`."""

    entity = "JP_ADDRESS"
    context = ("住所", "現住所", "所在地", "居所", "送付先", "届け先", "address")
    header_words = ("jusho", "addr", "address1", "address2", "street")
    name = "AddressRecognizer"

    def analyze(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if not _MUNI_END.search(text):
            return
        gaz = gazetteer()
        folded = fold(text)
        header = doc.header_context(self.entity)
        taken_to = 0
        for m in _MUNI_END.finditer(text):
            if m.start() < taken_to:
                continue
            cand = self._address_at(text, folded, m.end(), gaz, header)
            if cand is not None:
                taken_to = cand.end
                yield cand

    def _address_at(
        self, text: str, folded: str, end: int, gaz: Gazetteer, header: str | None
    ) -> Candidate | None:
        key_start = _municipality(folded, end, gaz)
        if key_start is None:
            former = self._former_municipality_at(text, end, header)
            if former is None or _overlapped_later(text, folded, end, gaz):
                return None  # 長崎県大村|市: the start of a municipality Japan Post lists
            return former
        # A municipality ending a little later that overlaps this one wins
        # (札幌市 -> 札幌市中央区, 郡上市 inside 中新川郡上市町).
        if _overlapped_later(text, folded, end, gaz):
            return None
        if (
            key_start
            and _KANJI_BEFORE.match(text, key_start - 1)
            and _PREFECTURES.get(text[key_start - 3 : key_start]) is None
            and _PREFECTURES.get(text[key_start - 4 : key_start]) is None
        ):
            # 山口県新|南陽市, 新潟県新|津市: the end of a longer, former municipality
            former = self._former_municipality_at(text, end, header)
            if former is not None and former.start < key_start:
                return former
        key = folded[key_start:end]
        places = gaz.places[key]
        start, pref = _prefecture_before(text, key_start, places)
        stop, kind, score = _extent(
            text,
            folded,
            end,
            gaz.towns.get(key, frozenset()),
            gaz.longest_town.get(key, 0),
            with_prefecture=start < key_start,
        )
        stop = _trim(text, start, stop)
        context = header or _label(text, start)
        if (
            kind in _COARSE
            and not context
            and not _whole_field(text, start, stop)
            and not _HOME_AROUND.search(text, max(0, start - 8), start)
            and not _HOME_AFTER.match(text, stop)
        ):
            # A town, or a chome, in a sentence (…市富田にある神社, …天沼三丁目に所在する):
            # the site of a school, a station or a company, not a home.
            score = Ladder.SHAPE_ALONE
        if context and score < Ladder.SHAPE_WITH_CONTEXT:
            score = Ladder.SHAPE_WITH_CONTEXT
        notes: tuple[str, ...] = ()
        if score:
            score, notes = _postal_code_check(text, folded, start, end, stop, pref, places, score)
        if not score:
            return None
        return Candidate(
            self.entity,
            start,
            stop,
            score,
            kind,
            _RUNGS[score],
            context=context,
            value=text[start:stop],
            notes=notes,
        )


    def _former_municipality_at(self, text: str, end: int, header: str | None) -> Candidate | None:
        """`埼玉県浦和市高砂3-15-1`, `千葉県印旛郡印旛村瀬戸1234`: a prefecture, a municipality
        Japan Post no longer lists (merged away, as old records still write it) and block
        numbers. Without a prefecture or block numbers it is not taken."""
        lo = max(0, end - 16)
        if not _PREFECTURE_END.search(text, lo, end):
            return None
        former = _FORMER_MUNICIPALITY.search(text, lo, end)
        if former is None:
            return None
        block = _BLOCK.match(text, end) or _TOWN_THEN_BLOCK.match(text, end)
        if block is None:
            return None
        block_end = block.end() - (text[block.end() - 1] == "の")
        stop = _trim(text, former.start(), _BUILDING.match(text, block_end).end())
        if _TIME_AFTER.match(text, stop):
            return None
        context = header or _label(text, former.start())
        score = Ladder.SHAPE_WITH_CONTEXT if context else Ladder.FORMATTED
        return Candidate(
            self.entity, former.start(), stop, score, "address with a former municipality",
            _RUNGS[score], context=context, value=text[former.start() : stop],
            notes=("municipality not in Japan Post data (merged away?)",),
        )


def _overlapped_later(text: str, folded: str, end: int, gaz: Gazetteer) -> bool:
    """A listed municipality ending within five characters starts before `end`."""
    for longer in _MUNI_END.finditer(text, end, end + 5):
        other = _municipality(folded, longer.end(), gaz)
        if other is not None and other < end:
            return True
    return False


def _whole_field(text: str, start: int, stop: int) -> bool:
    """The address is a field of its own: a line, a cell, a value after a colon, or a
    space-separated field of a record."""
    return bool(_FIELD_BEFORE.search(text, max(0, start - 2), start) or start == 0) and bool(
        _FIELD_AFTER.match(text, stop)
    )


def _extent(
    text: str,
    folded: str,
    pos: int,
    towns: frozenset[str],
    longest: int,
    *,
    with_prefecture: bool,
) -> tuple[int, str, float]:
    """(end, kind, score) of what follows a municipality: town, block numbers, building."""
    town_end = _known_town(folded, pos, towns, longest)
    at = pos if town_end is None else town_end
    box = _PO_BOX.match(text, at)
    if box is not None:
        return box.end(), "post-office box", Ladder.FORMATTED
    block = _BLOCK.match(text, at) or _TOWN_THEN_BLOCK.match(text, at)
    if block is not None:
        # a possessive の after the numbers is not a unit (…1-2-3の博物館)
        block_end = block.end() - (text[block.end() - 1] == "の")
        if text[block_end - 1 : block_end + 1] in ("東入", "西入"):
            block_end -= 1  # 二条東|入: not the 東 of 北1条東2丁目
        turn = _KYOTO_TURN.match(text, block_end)
        if turn is not None:
            # 河原町二条下ル一之船入町537-50: 二条 names a cross street, not a block
            more = _TOWN_THEN_BLOCK.match(text, turn.end())
            if more is not None:
                block_end = more.end() - (text[more.end() - 1] == "の")
        end = _BUILDING.match(text, block_end).end()
        boxed = _with_box_after(text, end)
        if boxed is not None:
            return boxed
        if _TIME_AFTER.match(text, end):
            return end, "place name in a timetable", Ladder.SHAPE_ALONE
        if (
            not with_prefecture
            and town_end is None
            and end == block_end
            and _CHOME.fullmatch(block.group())
            and text[pos - 1] in "町村"
        ):
            # 日の出町1丁目, 栄町三丁目: a town and its chome with nothing else around it
            # names a district or a bus stop as often as an address.
            return end, "municipality and chome only", Ladder.SHAPE_ALONE
        if end == block_end and _CHOME_ONLY.fullmatch(text, at, end):
            return end, "town and chome only", Ladder.FORMATTED
        return end, "address with block numbers", Ladder.FORMATTED
    if town_end is not None:
        extension = _TOWN_EXTENSION.match(text, town_end)
        end = extension.end() if extension else town_end
        return _with_box_after(text, end) or (end, "municipality and town", Ladder.LOW_CONTEXT)
    town = _AZA.match(text, pos) or _UNKNOWN_TOWN.match(text, pos)
    if with_prefecture and town is not None:
        return _with_box_after(text, town.end()) or (
            town.end(), "prefecture, municipality and town", Ladder.LOW_CONTEXT
        )
    return _with_box_after(text, pos) or (pos, "municipality only", 0.0)


def _with_box_after(text: str, end: int) -> tuple[int, str, float] | None:
    """A post-office box in parentheses after a town without block numbers, as rural
    addresses are written (…大字徳山字公園区(徳山郵便局私書箱第37号)): a mailing address."""
    box = _PO_BOX_AFTER.match(text, end)
    if box is None:
        return None
    return box.end(), "address with a post-office box", Ladder.FORMATTED


def _postal_code_check(
    text: str,
    folded: str,
    start: int,
    end: int,
    stop: int,
    pref: str | None,
    places: tuple[tuple[str, str], ...],
    score: float,
) -> tuple[float, tuple[str, ...]]:
    """A postal code just after or just before: matching raises the score, a mismatch
    lowers it. A code before that ends another address's line belongs to that one."""
    postal = _POSTAL_AFTER.match(text, stop)
    if postal is None:
        postal = _POSTAL_BEFORE.search(text, max(0, start - 14), start)
        if postal is not None and _ends_an_address(text, postal.start()):
            postal = None
    if postal is None:
        return score, ()
    from recognizers.japan_post import towns_for_code

    areas = towns_for_code(postal.group(1))
    if not areas:
        return score, ()
    if _consistent(areas, pref, places, folded[end:stop]):
        return Ladder.CHECKED_WITH_CONTEXT, ("postal code matches the address",)
    notes = ("postal code does not match the address (Japan Post data)",)
    return min(score, Ladder.LOW_CONTEXT), notes


_RUNGS = {
    Ladder.CHECKED_WITH_CONTEXT: "CHECKED_WITH_CONTEXT",
    Ladder.SHAPE_WITH_CONTEXT: "SHAPE_WITH_CONTEXT",
    Ladder.FORMATTED: "FORMATTED",
    Ladder.LOW_CONTEXT: "LOW_CONTEXT",
    Ladder.SHAPE_ALONE: "SHAPE_ALONE",
}


def _municipality(text: str, end: int, gaz: Gazetteer) -> int | None:
    """Start of the longest municipality name ending at `end`, or None."""
    for k in range(min(gaz.longest_key, end), 1, -1):
        if text[end - k : end] in gaz.places:
            return end - k
    return None


def _prefecture_before(
    text: str, start: int, places: tuple[tuple[str, str], ...]
) -> tuple[int, str | None]:
    """Widen over a prefecture written just before (`東京都`, `東京都 `, `岩手`)."""
    s = start - 1 if start and text[start - 1] == " " else start
    prefs = {p for p, _ in places}
    for k in (4, 3, 2):
        pref = _PREFECTURES.get(text[s - k : s]) if s >= k else None
        if pref in prefs:
            return s - k, pref
    return start, (next(iter(prefs)) if len(prefs) == 1 else None)


def _known_town(folded: str, pos: int, towns: frozenset[str], longest: int) -> int | None:
    """End of the longest known town at `pos` (after an optional 大字/字 and space)."""
    if not towns:
        return None
    for skip in ("大字", "字", " ", ""):
        if skip and not folded.startswith(skip, pos):
            continue
        at = pos + len(skip)
        for k in range(min(longest, len(folded) - at), 0, -1):
            if folded[at : at + k] in towns:
                return at + k
    return None


def _ends_an_address(text: str, at: int) -> bool:
    """Block numbers, a room or a floor right before `at` on its line (…2-3-1 〒220-0012)."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at].rstrip(" 　(（")
    return bool(_BLOCK_END.search(before))


def _trim(text: str, start: int, stop: int) -> int:
    while stop > start and text[stop - 1] in " -の":
        stop -= 1
    return stop


def _label(text: str, start: int) -> str | None:
    line_start = text.rfind("\n", 0, start) + 1
    m = _LABEL_BEFORE.search(text, max(line_start, start - 12), start)
    if m is None:
        m = _POSTAL_BEFORE.search(text, max(line_start, start - 14), start)
        if m is None or not text[m.start() : m.end()].startswith(("〒", "郵便番号")):
            return None
        return "postal code before"  # the code itself is personal data: never named
    return f"'{_TRAILING_SEPARATORS.sub('', m.group())}' before"


def _consistent(
    areas: list[tuple[str, str, str]],
    pref: str | None,
    places: tuple[tuple[str, str], ...],
    rest: str,
) -> bool:
    """The code's municipality is the address's, and its town starts the rest if known."""
    for a_pref, a_city, a_town in areas:
        if pref and a_pref != pref:
            continue
        if not any(a_pref == p and (a_city == c or a_city.startswith(c)) for p, c in places):
            continue
        town = fold(a_town).translate(_KANJI_DIGITS)
        plain = rest.translate(_KANJI_DIGITS)
        if not a_town or town in plain or plain.lstrip("大字 ").startswith(town[:2]):
            return True
    return False
