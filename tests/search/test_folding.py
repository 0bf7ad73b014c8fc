"""The folding rule, identical for indexed text and queries."""

from hypothesis import given
from hypothesis import strategies as st

from search.folding import fold, fold_aligned, fold_query, words


def test_vietnamese_diacritics_and_d():
    assert fold("Lễ hội Đâm Trâu") == "le hoi dam trau"
    assert fold("ự ẫ ễ ỗ Ữ ặ ộ") == "u a e o u a o"
    assert fold("đường Đồng") == "duong dong"


def test_joiners_inside_names():
    assert fold("H'rê") == "hre"
    assert fold("K'Lang") == "klang"
    assert fold("Chăm H’roi") == "cham hroi"
    assert fold("Ba-na") == "bana"
    assert fold_query("' H'rê -") == "hre"


def test_query_is_plain_words():
    assert fold_query("  Lễ   hội, đâm-trâu!? ") == "le hoi damtrau"
    assert words("Rượu cần") == ["ruou", "can"]


def test_decomposed_input_folds_like_composed():
    import unicodedata

    text = "Thổ cẩm Hrê"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "tho cam hre"


@given(st.text())
def test_fold_is_idempotent_and_aligned(text):
    assert fold(fold(text)) == fold(text)
    assert len(fold_aligned(text)) == len(text)
