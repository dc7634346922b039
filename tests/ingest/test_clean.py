"""clean_document and the boilerplate filter on the sample article, war-articles lines and Zyte pages."""
import gzip
import json
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.boilerplate import filter_boilerplate, line_rule_reason, looks_like_headline
from frontwatch.ingest.clean import clean_document, repeats_title
from frontwatch.ingest.decode import declared_html_charset, decode_bytes
from frontwatch.ingest.readers import read_sources
from frontwatch.model import RawDocument

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLE = SHARED / "samples" / "izyum-liberation-2022-09.txt"
ZYTE = SHARED / "eval" / "boilerplate" / "zyte"
HEADLINE = "N. Korean Troops Massed in Russia to Enter Ukraine War ’Soon’: Pentagon Chief"


@pytest.fixture(scope="module")
def sample_article():
    [raw] = read_sources([str(SAMPLE)])
    return clean_document(raw)


def test_sample_article_loses_the_prompt_and_the_pasted_headline(sample_article):
    text = sample_article.text
    assert "Ctrl + Enter" not in text and "N. Korean" not in text
    assert {(removed.text, removed.reason) for removed in sample_article.removed} == {
        ("You can also highlight the text and press Ctrl + Enter", "error-report prompt"),
        (HEADLINE, "pasted headline of another article"),
    }
    paragraphs = text.split("\n")
    assert len(paragraphs) == 8
    assert paragraphs[3].endswith("so they were taken, prisoner.")
    assert paragraphs[4].startswith("Ukraine’s General Staff said on Tuesday, September 12")
    assert paragraphs[-1].startswith("Ukrainian troops entered Volchansk and Velyky Burluk on September 12")


def test_sample_spans_index_the_clean_text(sample_article):
    start = sample_article.text.index("at least 1,000 people were killed")
    assert sample_article.text[start:start + 16] == "at least 1,000 p"


# Lines seen in ../shared/corpus/war-articles and on news sites: chrome, with its reason.
CHROME = [
    ("Виділіть її та натисніть Ctrl+Enter", "error-report prompt"),
    ("Read also: Ukraine asks Germany to provide more tanks", "cross-link"),
    ("READ MORE: 12 Telegram Accounts to Follow for the Latest Ukrainian Counteroffensive News", "cross-link"),
    ("Also on rt.com Journalists & politicians from Morales’ party threatened", "cross-link"),
    ("DON’T MISS", "cross-link"),
    ("Related: The 15 Weirdest Galaxies in Our Universe", "cross-link"),
    ("More messages on Gazeta.pl's main page", "cross-link"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "cross-link"),
    ("JOIN US ON TELEGRAM! Follow our coverage of the war on the @Kyivpost_official.", "subscription prompt"),
    ("Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST", "subscription prompt"),
    ("Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.", "social follow"),
    ("Share this article", "share buttons"),
    ("We use cookies to improve your experience on our site.", "cookie notice"),
    ("ADVERTISEMENT", "advertisement"),
    ("Continuation of the material under the video", "advertisement"),
    ("(Reporting by Rodrigo Campos; Editing by Nick Zieminski)", "credits"),
    ("Fox News' Jennifer Griffin contributed to this report.", "credits"),
    ("Photo: President's Office", "credits"),
    ("© 2019 Associated Press. All Rights Reserved.", "copyright"),
    ("Tags: Ukraine, Russia, Kharkiv", "tags"),
    ("Читайте також: ЗСУ звільнили Ізюм", "cross-link"),
    ("Смотрите также: карта боевых действий", "cross-link"),
    ("Підписуйтесь на наш Telegram-канал", "subscription prompt"),
    ("Реклама", "advertisement"),
]

# Body lines that share words with the chrome above and must stay.
BODY = [
    "Also on Monday, White House press secretary Jen Psaki announced new sanctions packages.",
    "Related to this, the ministry said 20 settlements had been retaken.",
    "Source: Radio Liberty",
    "More than 80% of the city’s infrastructure was destroyed, including private and multi-story buildings.",
    "Ukrainian troops liberated Izyum as part of its counteroffensive in the Kharkiv Region, the newsletter of "
    "the General Staff said on Saturday, adding that hundreds of Russian soldiers had been captured there.",
]


@pytest.mark.parametrize("line,reason", CHROME)
def test_chrome_lines_are_removed_with_their_reason(line, reason):
    assert line_rule_reason(line) == reason


@pytest.mark.parametrize("line", BODY)
def test_body_lines_stay(line):
    assert line_rule_reason(line) is None


@pytest.mark.parametrize("line,expected", [
    (HEADLINE, True),
    ("US TO MOVE MORE TROOPS TO NATO'S EASTERN FLANK AMID RUSSIA-UKRAINE SITUATION", True),
    ("Zelensky Will Not Accept Putin’s Crimean Red Line Over Peace Talks", True),
    ("– Russia fights for Donbas, Ukraine for Kherson –", False),  # a sentence-case section heading
    ("Source: Information Resistance", False),
    ("Ukrainian troops entered Volchansk and Velyky Burluk on September 12.", False),
])
def test_headline_shape(line, expected):
    assert looks_like_headline(line) is expected


def test_ukrainian_prose_is_left_alone():
    """The 561 texts of the ner-uk corpus (news, fiction, legal) are prose: no chrome rule fires on them."""
    reasons = set()
    for path in sorted((SHARED / "eval" / "ner-uk").rglob("*.txt")):
        article = clean_document(RawDocument(id=path.stem, text=path.read_text(encoding="utf-8")))
        reasons.update(removed.reason for removed in article.removed)
    assert reasons <= {"duplicate paragraph"}


def test_pasted_headline_only_between_body_paragraphs():
    body = "Ukraine’s General Staff said on Tuesday that its troops had recaptured more than 20 towns and villages."
    kept, removed = filter_boilerplate([HEADLINE, body, body.replace("20", "30")])
    assert kept[0] == HEADLINE and not removed  # a title line at the top is not pasted between paragraphs
    kept, removed = filter_boilerplate([body, HEADLINE, body.replace("20", "30")])
    assert HEADLINE not in kept and removed[0].reason == "pasted headline of another article"
    second = "PUTIN VOWS THAT UKRAINE WAR GOALS WILL BE ‘UNCONDITIONALLY FULFILLED’"
    kept, removed = filter_boilerplate([body, HEADLINE, second, body.replace("20", "30")])
    assert len(kept) == 2 and [item.text for item in removed] == [HEADLINE, second]
    names = ["Light a Wish by OGE Group Studio", "Parabolic Lightcloud by Amigo and Amigo", "Portam Civitatis by Peter Snijder",
             "Spider on the Bridge by Groupe LAPS"]
    kept, removed = filter_boilerplate([body, *names, body.replace("20", "30")])
    assert len(kept) == 6 and not removed  # four in a row: a list, not pasted teasers


def test_trailing_chrome_is_cut_from_a_body_paragraph():
    paragraph = ("The Russian Ministry of Defense map confirmed the withdrawal from the western bank of the Oskil. "
                 "Read also: Ukraine asks Germany to provide more tanks")
    kept, removed = filter_boilerplate([paragraph])
    assert kept == ["The Russian Ministry of Defense map confirmed the withdrawal from the western bank of the Oskil."]
    assert removed[0].reason == "cross-link" and removed[0].text.startswith("Read also:")


def test_repeated_pull_quote_is_removed_once():
    quote = "Putin should be viewed as an outlaw and war criminal on the world stage, the senator said."
    other = "The Senate passed the resolution unanimously on Tuesday after a short debate in the chamber."
    kept, removed = filter_boilerplate([quote, other, quote])
    assert kept == [quote, other] and removed[0].reason == "duplicate paragraph"


def test_html_page_from_the_zyte_set_gives_title_and_body():
    truth = json.loads((ZYTE / "ground-truth.json").read_text())
    page_id = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
    data = gzip.decompress((ZYTE / "html" / f"{page_id}.html.gz").read_bytes())
    html = decode_bytes(data, page_id, declared_html_charset(data), limit=len(data) + 1)
    article = clean_document(RawDocument(id=page_id, html=html, url=truth[page_id]["url"]))
    assert article.title.startswith("Google Stadia, Microsoft xCloud, Apple Arcade")
    assert article.text.startswith("Gaming used to be so simple.")
    assert article.source == "wsj.com"


@pytest.mark.parametrize("line,title,expected", [
    ("Taylor Swift is allowed to play her music at the AMAs after all",
     "Taylor Swift is allowed to play her music at the AMAs after all - BBC News", True),
    ("Izium liberated", "Izium liberated | Kyiv Post", True),
    ("Izium was Russia’s main stronghold in north-eastern Ukraine for several months.", "Izium liberated", False),
    ("Ukraine", "Ukraine retakes Izium, Kupiansk and Balakliia in lightning counteroffensive", False),
])
def test_headline_at_the_top_is_recognised_against_the_page_title(line, title, expected):
    assert repeats_title(line, title) is expected


def test_short_html_fragment_falls_back_to_block_text():
    # trafilatura returns nothing for this RSS-entry-sized fragment
    raw = RawDocument(id="x", html="<div>Two people were injured in shelling of Kharkiv.<br>One was killed in Sumy.</div>",
                      origin="feed entry 3")
    assert clean_document(raw).text == "Two people were injured in shelling of Kharkiv.\nOne was killed in Sumy."


@pytest.mark.parametrize("html,reason", [
    ("just text, no markup at all", "malformed HTML: no HTML elements"),
    ("<html><head><script>var a = 1;</script></head><body></body></html>", "no article text found"),
])
def test_bad_html_is_an_input_error(html, reason):
    with pytest.raises(InputError) as caught:
        clean_document(RawDocument(id="x", html=html, origin="page.html"))
    assert caught.value.source == "page.html" and reason in caught.value.reason


def test_only_boilerplate_is_an_input_error():
    with pytest.raises(InputError, match="every paragraph is site boilerplate"):
        clean_document(RawDocument(id="x", text="Advertisement\nShare this article\n", origin="a.txt"))
