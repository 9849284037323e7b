"""IPアドレス: IPv4 and IPv6 validated by `ipaddress`; not version strings.

Public addresses are reported on their own; private, loopback and link-local ones
(configuration files are full of them) only with a keyword such as 接続元 or IPアドレス.
"""

from __future__ import annotations

import ipaddress
import re

from recognizers.base import Context, Document, Ladder, Pattern, Recognizer

_VERSION_BEFORE = re.compile(r"(?:version|ver\.?|バージョン|v|rev\.?|build)\s*[:=]?\s*\Z", re.I)


class IpAddressRecognizer(Recognizer):
    """IPv4 dotted quads and IPv6 (full or compressed)."""

    entity = "IP_ADDRESS"
    patterns = (
        Pattern(
            "ipv4",
            r"[0-9](?<![0-9A-Za-z.].)[0-9]{0,2}(?:\.[0-9]{1,3}){3}(?![0-9])(?!\.[0-9])",
            Ladder.FORMATTED,
        ),
        Pattern(
            "ipv6_compressed",
            r"(?<![0-9A-Za-z:])(?=[0-9A-Fa-f:]{0,39}::)[0-9A-Fa-f:]{2,39}(?![0-9A-Za-z:])",
            Ladder.FORMATTED,
            needs="::",
        ),
        Pattern(
            "ipv6_full",
            r"[0-9A-Fa-f](?<![0-9A-Za-z:].)[0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{1,4}){7}"
            r"(?![0-9A-Za-z:])",
            Ladder.FORMATTED,
        ),
    )
    context = (
        "ipアドレス", "ip address", "ip addr", "ip:", "ip=", "接続元", "アクセス元", "送信元",
        "remote_addr", "client_ip", "x-forwarded-for", "クライアント", "ログイン元",
    )
    header_words = ("ip", "ip_address", "ipaddr", "remote_ip")
    context_window = 80
    validator_name = "ipaddress"

    def validate(self, value: str) -> bool | None:
        if ":" in value and value.count(":") < 2:
            return False
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return False
        return True

    def invalidate(self, value: str, doc: Document, start: int, end: int) -> str | None:
        if ":" not in value and _VERSION_BEFORE.search(doc.text, max(0, start - 12), start):
            return "version string"
        return None

    def score(
        self, pattern: Pattern, valid: bool | None, context: Context | None, value: str
    ) -> tuple[float, str]:
        if context:
            return Ladder.CHECKED_WITH_CONTEXT, "CHECKED_WITH_CONTEXT"
        if ipaddress.ip_address(value).is_global:
            return Ladder.FORMATTED, "FORMATTED"
        return Ladder.SHAPE_ALONE, "NON_PUBLIC_ADDRESS"
