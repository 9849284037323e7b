"""Where reality departs from the policy: the violations of the self-inspection."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from recognizers.registry import SPECIFIC_PERSONAL_INFORMATION, label
from scanner.ledger.holdings import TABLE, Holding
from scanner.ledger.persons import LINKING

UNREGISTERED, MY_NUMBER, UNEXPECTED = "unregistered", "my_number", "unexpected_types"
RETENTION, WORLD_READABLE, ENTRUSTED = "retention", "world_readable", "entrusted_outside"
KINDS = (UNREGISTERED, MY_NUMBER, UNEXPECTED, RETENTION, WORLD_READABLE, ENTRUSTED)
KIND_LABELS = {
    UNREGISTERED: ("未登録の保管場所", "unregistered holding"),
    MY_NUMBER: ("許可のない場所の個人番号", "My Number where not allowed"),
    UNEXPECTED: ("想定外の項目", "unexpected data types"),
    RETENTION: ("保存期間の超過（削除候補）", "kept beyond retention (delete)"),
    WORLD_READABLE: ("誰でも読める", "readable by everyone"),
    ENTRUSTED: ("委託データの持ち出し", "entrusted data outside its places"),
}
DAY_NS = 86_400 * 10**9


@dataclass(frozen=True, slots=True)
class Violation:
    kind: str
    holding_id: str
    location: str
    category_id: str
    ja: str
    en: str

    def kind_label(self, lang) -> str:
        return lang(*KIND_LABELS[self.kind])

    def detail(self, lang) -> str:
        return lang(self.ja, self.en)


def find_violations(holdings: Sequence[Holding], now_ns: int | None = None) -> list[Violation]:
    """Every violation of every holding, in ledger order."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    out: list[Violation] = []
    for h in holdings:
        for kind, ja, en in _own(h, now_ns):
            out.append(Violation(kind, h.id, h.location, h.category_id, ja, en))
    out.extend(_entrusted(holdings))
    order = {k: i for i, k in enumerate(KINDS)}
    out.sort(key=lambda v: (order[v.kind], v.location, v.holding_id))
    return out


def _own(h: Holding, now_ns: int):
    c = h.category
    if c is None:
        yield (UNREGISTERED, "どのカテゴリの保管場所にも含まれない個人情報",
               "personal data in a place no policy category covers")
    if any(t in SPECIFIC_PERSONAL_INFORMATION for t in h.items) and not (c and c.my_number):
        yield (MY_NUMBER, "my_number = true でない場所に個人番号があります",
               "My Numbers held where the category does not allow them (my_number)")
    if c is not None and c.entities is not None:
        extra = sorted(set(h.items) - c.entities - SPECIFIC_PERSONAL_INFORMATION)
        if extra:
            yield (UNEXPECTED,
                   "想定外: " + "、".join(label(t, "ja") for t in extra) + f" ({', '.join(extra)})",
                   "not expected: " + ", ".join(extra))
    if c is not None and c.retention.days is not None:
        old = _older_than(h, c.retention.days, now_ns)
        if old:
            oldest = datetime.fromtimestamp(old[1] / 1e9, UTC).date().isoformat()
            yield (RETENTION,
                   f"保存期間 {c.retention.text} を超えた{old[2]} {old[0]} 件（最古 {oldest}）",
                   f"{old[0]} {old[3]} older than the retention {c.retention.text} "
                   f"(oldest {oldest})")
    if h.access.world:
        shown = ", ".join(h.access.world_items[:3]) + (" …" if len(h.access.world_items) > 3
                                                         else "")
        yield (WORLD_READABLE, f"誰でも読めます: {shown}", f"readable by everyone: {shown}")


def _older_than(h: Holding, days: int, now_ns: int) -> tuple[int, int, str, str] | None:
    """(how many, the oldest time in ns, what (ja), what (en)) past the retention."""
    limit = now_ns - days * DAY_NS
    if h.kind == TABLE:  # no row dates: the table has been held since first seen
        first = _ns(h.first_seen_at)
        return (1, first, "テーブル", "table") if first and first < limit else None
    old = [m for m in h.mtimes_ns if m < limit]
    return (len(old), min(old), "ファイル", "file" if len(old) == 1 else "files") if old else None


def _ns(iso: str) -> int | None:
    try:
        return int(datetime.fromisoformat(iso).timestamp() * 1e9)
    except ValueError:
        return None


def _entrusted(holdings: Sequence[Holding]) -> list[Violation]:
    """Values of an entrusted category's holdings found in a holding of another one."""
    out = []
    for c in {h.category.id: h.category for h in holdings
              if h.category and h.category.entrusted}.values():
        theirs: set[str] = set()
        for h in holdings:
            if h.category_id == c.id:
                for t in LINKING:
                    theirs |= h.fingerprints.get(t, set())
        for h in holdings:
            if h.category_id == c.id:
                continue
            shared = sum(len(h.fingerprints.get(t, set()) & theirs) for t in LINKING)
            if shared:
                out.append(Violation(
                    ENTRUSTED, h.id, h.location, h.category_id,
                    f"委託データ「{c.name}」({c.id}) と同じ識別子 {shared} 件",
                    f"{shared} identifier{'' if shared == 1 else 's'} of entrusted data "
                    f"{c.id!r} ({c.name})"))
    return out
