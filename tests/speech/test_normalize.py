"""The Vietnamese normaliser: what a synthesiser is given to read."""

import pytest

from content.speech.normalize import normalize, number_words, read_number


@pytest.mark.parametrize(
    "value, words",
    [
        (0, "không"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm lẻ năm"),
        (1005, "một nghìn không trăm lẻ năm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (1_500_000, "một triệu năm trăm nghìn"),
        (2_000_000_000, "hai tỷ"),
    ],
)
def test_number_words(value, words):
    assert number_words(value) == words


def test_vietnamese_separators():
    assert read_number("1.000.000") == "một triệu"
    assert read_number("3,5") == "ba phẩy năm"
    assert read_number("0,05") == "không phẩy không năm"


def test_dates_in_vietnamese_form():
    spoken = "Ngày năm tháng bảy năm hai nghìn không trăm hai mươi lăm khai mạc."
    assert normalize("Ngày 05/07/2025 khai mạc.") == spoken
    assert normalize("Hạn 30/4") == "Hạn ngày ba mươi tháng tư"
    assert normalize("từ 4/2025") == "từ tháng tư năm hai nghìn không trăm hai mươi lăm"
    assert normalize("32/13/2025") == "ba mươi hai/mười ba/hai nghìn không trăm hai mươi lăm"  # not a date


def test_percent_units_and_ranges():
    assert normalize("hỗ trợ 50%") == "hỗ trợ năm mươi phần trăm"
    assert normalize("tăng 3,5 %") == "tăng ba phẩy năm phần trăm"
    assert normalize("cách 15 km") == "cách mười lăm ki lô mét"
    assert normalize("5-10 kg") == "năm đến mười ki lô gam"
    assert normalize("lúc 7h30") == "lúc bảy giờ ba mươi phút"
    assert normalize("thứ 4 và thứ 1") == "thứ tư và thứ nhất"


def test_abbreviations():
    assert normalize("UBND TP. Quy Nhơn") == "Ủy ban nhân dân thành phố Quy Nhơn"
    assert normalize("thẻ BHYT, HTX") == "thẻ bảo hiểm y tế, hợp tác xã"
    # Inside a word an abbreviation is left alone.
    assert normalize("UBNDX") == "UBNDX"


def test_urls_and_emails_are_not_read():
    text = normalize("Xem https://dichvucong.gov.vn/p/home hoặc www.gialai.gov.vn, viết cho a@b.vn nhé")
    assert "http" not in text and "www" not in text and "@" not in text
    assert text.startswith("Xem") and text.endswith("nhé")
