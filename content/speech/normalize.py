"""Vietnamese text as it is read aloud: numbers, dates, per cents, units and the
abbreviations of administrative writing become words before a synthesiser sees them.

espeak-ng reads digits one language-neutral way ("2025" as separate digits in some
contexts, "1.000" as "one point zero") and spells out "UBND" letter by letter; a
learner who reads little hears the page, so it must sound as a person would say
it. Vietnamese writing conventions: ``.`` groups thousands (1.000.000), ``,`` is the
decimal mark (3,5), dates are dd/mm/yyyy. URLs and e-mail addresses are dropped:
nobody reads them aloud and they are never useful heard.
"""

import re

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]

ABBREVIATIONS = {
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TX.": "thị xã",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "HTX": "hợp tác xã",
    "CNTT": "công nghệ thông tin",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CCCD": "căn cước công dân",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "VNĐ": "đồng",
    "VND": "đồng",
    "GS.": "giáo sư",
    "TS.": "tiến sĩ",
    "ThS.": "thạc sĩ",
    "BS.": "bác sĩ",
    "v.v.": "vân vân",
    "vv.": "vân vân",
    "&": "và",
}
UNITS = {
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "km": "ki lô mét",
    "kg": "ki lô gam",
    "ha": "héc ta",
    "cm": "xăng ti mét",
    "mm": "mi li mét",
    "m": "mét",
    "g": "gam",
    "l": "lít",
    "đ": "đồng",
    "°C": "độ C",
}
MONTHS = {4: "tư"}

URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")
TIME = re.compile(r"(?<!\d)(\d{1,2})(?:h|:)(\d{2})(?!\d)")
RANGE = re.compile(r"(?<![\d.,])(\d+)\s*[-–]\s*(\d+)(?![\d.,])")
PERCENT = re.compile(r"(\d[\d.,]*)\s*%")
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
ORDINAL = re.compile(r"\b(thứ)\s+(\d+)\b", re.IGNORECASE)
UNIT = re.compile(
    r"(\d)\s*(" + "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True)) + r")(?![\wÀ-ỹ])"
)
ABBREVIATION = re.compile(
    "|".join(
        (r"(?<![\wÀ-ỹ])" if key[0].isalnum() else "")
        + re.escape(key)
        + (r"(?![\wÀ-ỹ])" if key[-1].isalnum() else "")
        for key in sorted(ABBREVIATIONS, key=len, reverse=True)
    )
)
SPACES = re.compile(r"\s+")


def _under_thousand(n, full):
    """Words for 0 < n < 1000; ``full`` reads the hundreds even when zero (1.005)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("lẻ")
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4 and tens > 1:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def number_words(n):
    """A whole number in Vietnamese words: 2025 → "hai nghìn không trăm hai mươi lăm"."""
    if n < 0:
        return "âm " + number_words(-n)
    if n == 0:
        return DIGITS[0]
    if n >= 1000**4:
        billions, rest = divmod(n, 1000**3)
        words = number_words(billions) + " tỷ"
        return words + (" " + _groups(rest, full=True) if rest else "")
    return _groups(n, full=False)


def _groups(n, full):
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        leading = full or bool(words)
        words += _under_thousand(group, full=leading)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def read_number(text):
    """ "1.000.000" → một triệu; "3,5" → ba phẩy năm (Vietnamese separators)."""
    whole, _, decimals = text.partition(",")
    words = number_words(int(whole.replace(".", "")))
    if decimals:
        if decimals.startswith("0"):  # 0,05: digit by digit
            words += " phẩy " + " ".join(DIGITS[int(d)] for d in decimals)
        else:
            words += " phẩy " + number_words(int(decimals))
    return words


def _month(value):
    return MONTHS.get(value) or number_words(value)


def _date(match):
    day, month, year = int(match[1]), int(match[2]), match[3]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match[0]
    words = f"ngày {number_words(day)} tháng {_month(month)}"
    if year:
        words += f" năm {number_words(int(year))}"
    return words


def _month_year(match):
    month = int(match[1])
    if not 1 <= month <= 12:
        return match[0]
    return f"tháng {_month(month)} năm {number_words(int(match[2]))}"


def _ordinal(match):
    value = int(match[2])
    word = {1: "nhất", 4: "tư"}.get(value) or number_words(value)
    return f"{match[1]} {word}"


def normalize(text):
    """``text`` (Vietnamese) as words a synthesiser reads correctly."""
    text = URL.sub(" ", text)
    text = ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[0]], text)
    text = DATE.sub(_date, text)
    text = re.sub(r"\b(ngày)\s+ngày\b", r"\1", text, flags=re.IGNORECASE)
    text = MONTH_YEAR.sub(_month_year, text)
    text = re.sub(r"\b(tháng)\s+tháng\b", r"\1", text, flags=re.IGNORECASE)
    text = TIME.sub(lambda m: f"{number_words(int(m[1]))} giờ {number_words(int(m[2]))} phút", text)
    text = PERCENT.sub(lambda m: f"{read_number(m[1].rstrip('.,'))} phần trăm", text)
    text = UNIT.sub(lambda m: f"{m[1]} {UNITS[m[2]]}", text)
    text = ORDINAL.sub(_ordinal, text)
    text = RANGE.sub(lambda m: f"{m[1]} đến {m[2]}", text)
    text = NUMBER.sub(lambda m: read_number(m[0]), text)
    return SPACES.sub(" ", text).strip()
