import pytest

from frontwatch.config import shared_dir
from frontwatch.nlp.language import detect_language

NER_UK = shared_dir() / "eval" / "ner-uk" / "v2.0" / "data"


def test_sample_article_is_english(sample_text):
    assert detect_language(sample_text) == "en"


def test_ukrainian_news_texts_are_ukrainian():
    texts = sorted(NER_UK.glob("*/*.txt"))[:20]
    assert texts, f"no texts under {NER_UK}"
    results = [detect_language(path.read_text(encoding="utf-8")) for path in texts]
    assert results.count("uk") >= 19, results


@pytest.mark.parametrize("text, language", [
    ("Российские войска отступили из Изюма, сообщило Министерство обороны России.", "ru"),
    ("Українські війська звільнили Ізюм, повідомив Генеральний штаб ЗСУ.", "uk"),
    ("Ukrainian troops entered Volchansk and Velyky Burluk on September 12.", "en"),
])
def test_short_headlines(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "12:45 — 2022", "OK", "Изюм"])
def test_too_little_text_is_unknown(text):
    assert detect_language(text) is None


@pytest.mark.parametrize("text, language", [
    ("Sloviansk", "en"), ("Kiev's Independence Square", "en"), ("Ізюм", "uk"), ("Съезд", "ru"),
])
def test_a_few_words_are_told_apart_by_their_alphabet(text, language):
    assert detect_language(text) == language
