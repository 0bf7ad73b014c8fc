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


def test_invisible_characters_and_fullwidth_letters_fold_away():
    """Issue 16, case 16: a zero-width space inside a word, or fullwidth letters, changed
    the results."""
    assert fold_query("đâm tr\u200bâu") == fold_query("đâm trâu") == "dam trau"
    assert fold_query("\ufeffLễ h\u00adội") == "le hoi"
    assert fold_query("ｌễ ｈội") == "le hoi"  # fullwidth Latin
    assert fold("H\u200d'rê") == "hre"


def test_invisible_characters_do_not_change_search_results(client, db, home):
    from tests.factories import StoryPageFactory

    StoryPageFactory(parent=home, title="Lễ hội đâm trâu")
    plain = client.get("/api/v1/search", {"q": "đâm trâu"}).json()
    for variant in ("đâm tr\u200bâu", "ｄâｍ trâu", "\ufeffđâm trâu"):
        got = client.get("/api/v1/search", {"q": variant}).json()
        assert [r["id"] for r in got["results"]] == [r["id"] for r in plain["results"]] != []
