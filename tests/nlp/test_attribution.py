import datetime as dt

import pytest

from frontwatch.nlp.attribution import find_claims
from frontwatch.nlp.dates import find_dates

PUBLISHED = dt.date(2022, 9, 13)


@pytest.fixture(scope="module")
def sample_claims(sample_doc):
    dates, _ = find_dates(sample_doc, PUBLISHED)
    return find_claims(sample_doc, dates)


def claims_of(nlp, text, published=PUBLISHED):
    doc = nlp(text)
    dates, _ = find_dates(doc, published)
    return find_claims(doc, dates)


def claim_over(claims, words):
    found = [claim for claim in claims if words in claim.quote]
    assert found, f"no claim over {words!r}"
    return found[0]


def test_toll_claimed_by_strelnyk_with_hedges(sample_claims):
    claim = claim_over(sample_claims, "At least 1,000 residents died")
    assert claim.claimant == "Maksym Strelnyk"
    assert claim.claimant_role == "deputy of Izyum City Council"
    assert claim.claimant_side == "UA"
    assert claim.reported_date == dt.date(2022, 9, 12)
    assert "at least" in claim.hedges
    assert "likely much higher" in claim.hedges  # from "the actual death toll is likely to be much higher"


def test_unnamed_local_deputy_is_strelnyk(sample_claims):
    claim = claim_over(sample_claims, "at least 1,000 people were killed")
    assert claim.claimant == "Maksym Strelnyk" and claim.claimant_side == "UA"
    assert claim.reported_date == dt.date(2022, 9, 12)
    assert claim.hedges[:2] == ["according to", "at least"]


def test_every_sentence_of_the_quotation_is_strelnyks(sample_claims):
    for words in ("Access to medicines was limited", "plundered all the pharmacies", "healthcare facilities"):
        claim = claim_over(sample_claims, words)
        assert claim.claimant == "Maksym Strelnyk" and claim.reported_date == dt.date(2022, 9, 12)


def test_follow_ups_resolve_to_the_last_named_speaker(sample_claims):
    added = claim_over(sample_claims, "about 10,000 people now remain")
    assert added.claimant == "Maksym Strelnyk" and "added" in added.hedges
    according_to_him = claim_over(sample_claims, "providing medicines")
    assert according_to_him.claimant == "Maksym Strelnyk" and "according to" in according_to_him.hedges


def test_settlements_claimed_by_the_general_staff(sample_claims):
    claim = claim_over(sample_claims, "more than 20 towns and villages")
    assert (claim.claimant, claim.claimant_side, claim.reported_date) == \
        ("Ukraine’s General Staff", "UA", dt.date(2022, 9, 12))
    assert claim.quote.startswith("its troops had recaptured")


def test_withdrawal_claimed_by_the_russian_ministry_of_defense(sample_claims):
    claim = claim_over(sample_claims, "withdrawing from settlements")
    assert (claim.claimant, claim.claimant_side, claim.reported_date) == \
        ("Russian Ministry of Defense", "RU", dt.date(2022, 9, 11))


def test_unattributed_sentences_have_no_claim(sample_claims, sample_doc):
    assert not [claim for claim in sample_claims if "entered Volchansk" in claim.quote]
    for claim in sample_claims:
        assert sample_doc.text[claim.start:claim.end] == claim.quote


@pytest.mark.parametrize("text, claimant, role, side", [
    ("Kharkiv Governor Oleh Syniehubov said on Friday that two civilians were killed in the shelling.",
     "Oleh Syniehubov", "Kharkiv Governor", "UA"),
    ("“We will rebuild everything,” the mayor of Mykolaiv, Oleksandr Senkevych, told reporters.",
     "Oleksandr Senkevych", "mayor of Mykolaiv", "UA"),
    ("Russia's Defence Ministry claimed its forces had destroyed four HIMARS launchers.",
     "Russia's Defence Ministry", None, "RU"),
    ("Residents told reporters that the shelling went on all night.", "Residents", None, "civilians"),
    ("Finnish Prime Minister Sanna Marin said the border would stay open.", "Sanna Marin", "Finnish Prime Minister", "FI"),
])
def test_speakers_in_news_sentences(nlp, text, claimant, role, side):
    [claim] = claims_of(nlp, text)
    assert (claim.claimant, claim.claimant_role, claim.claimant_side) == (claimant, role, side)


def test_hedges_and_reported_date_of_a_saying(nlp):
    [claim] = claims_of(nlp, "On Tuesday, the Pentagon said that at least 30 drones had reportedly been shot down.")
    assert claim.claimant == "Pentagon" and claim.claimant_side == "US"
    assert claim.reported_date == dt.date(2022, 9, 13)
    assert claim.hedges == ["said", "at least", "reportedly"]


def test_surname_after_full_name(nlp):
    claims = claims_of(nlp, "Ukrainian President Volodymyr Zelensky said the offensive went on. "
                            "Zelensky added that more towns had been freed.")
    assert [claim.claimant for claim in claims] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]
    assert claims[1].claimant_role == "Ukrainian President" and claims[1].claimant_side == "UA"


def test_quotation_continued_in_the_next_paragraph_keeps_its_speaker(nlp):
    text = ("Maria Avdeeva, a researcher in Kharkiv, said: “The city was shelled all night.\n\n"
            "“Three houses burned down. Two people died.”\n\nUkrainian troops advanced near Izium.")
    claims = claims_of(nlp, text)
    assert [claim.quote for claim in claims] == ["The city was shelled all night", "Three houses burned down.",
                                                  "Two people died."]
    assert {(claim.claimant, claim.claimant_role, claim.claimant_side) for claim in claims} == \
        {("Maria Avdeeva", "researcher in Kharkiv", "UA")}


def test_an_organisation_keeps_its_own_country(nlp):
    [claim] = claims_of(nlp, "“Leave now,” the U.S. Embassy in Moscow warned.")
    assert (claim.claimant, claim.claimant_side) == ("U.S. Embassy", "US")


def test_definite_description_refers_back(nlp):
    claims = claims_of(nlp, "Troops are massing, said Janes, a defence intelligence agency. "
                            "They can move within 72 hours, the agency said.")
    assert [claim.claimant for claim in claims] == ["Janes", "Janes"]


@pytest.mark.parametrize("headline, claimant", [
    ("Two activists shot dead during Ukraine protests: prosecutors", "prosecutors"),
    ("Ukrainian sniper attack kills one militiaman - DPR Operational Command", "DPR Operational Command"),
])
def test_headline_source_after_colon_or_dash(nlp, headline, claimant):
    [claim] = claims_of(nlp, headline)
    assert claim.claimant == claimant
    assert headline.startswith(claim.quote)


@pytest.mark.parametrize("text", ["Ukraine: Government forces retake Izium", "The reason is simple: troops ran out of shells."])
def test_a_colon_alone_is_no_attribution(nlp, text):
    assert claims_of(nlp, text) == []
