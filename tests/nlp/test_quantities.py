import pytest

from frontwatch.nlp.quantities import find_quantities


def quantities(nlp, text):
    return {q.text: q for q in find_quantities(nlp(text))}


def test_sample_article_quantities(sample_doc):
    found = {q.text: q for q in find_quantities(sample_doc)}
    toll = found["at least 1,000"]
    assert (toll.value, toll.low, toll.high, toll.qualifier, toll.unit, toll.entity) == \
        (1000, 1000, None, "at least", "count", "people")
    assert found["At least 1,000"].entity == "residents"
    remaining = found["about 10,000"]
    assert remaining.qualifier == "about" and remaining.low < 10000 < remaining.high and remaining.entity == "people"
    fifth = found["about one-fifth"]
    assert fifth.value == pytest.approx(0.2) and fifth.unit == "fraction" and "population" in fifth.entity
    infrastructure = found["More than 80%"]
    assert (infrastructure.low, infrastructure.high, infrastructure.unit, infrastructure.entity) == \
        (80, None, "percent", "infrastructure")
    prisoners = found["Hundreds of"]
    assert (prisoners.value, prisoners.low, prisoners.qualifier, prisoners.entity) == \
        (100, 100, "hundreds of", "Russian forces")
    settlements = found["more than 20"]
    assert (settlements.low, settlements.qualifier, settlements.entity) == (20, "more than", "towns and villages")
    # dates and durations are not counts: "September 12", "24 hours", "six months", "several months"
    assert set(found) == {"at least 1,000", "At least 1,000", "about 10,000", "about one-fifth", "More than 80%",
                          "Hundreds of", "more than 20"}


def test_spans_index_the_text(sample_doc):
    for quantity in find_quantities(sample_doc):
        assert sample_doc.text[quantity.start:quantity.end] == quantity.text


@pytest.mark.parametrize("text, surface, value, low, high, qualifier, entity", [
    ("Two soldiers were wounded.", "Two", 2, 2, 2, None, "soldiers"),
    ("A shell hit a bus, wounding a dozen civilians.", "a dozen", 12, 12, 12, None, "civilians"),
    ("Between 10 and 15 drones were shot down.", "Between 10 and 15", 12.5, 10, 15, "range", "drones"),
    ("Russia lost 300 to 400 tanks.", "300 to 400", 350, 300, 400, "range", "tanks"),
    ("Up to 50 people may be trapped.", "Up to 50", 50, None, 50, "up to", "people"),
    ("Dozens of homes burned.", "Dozens of", 12, 12, 99, "dozens of", "homes"),
    ("Several villages were shelled.", "Several", 10, 3, None, "several", "villages"),
    ("Thousands of residents fled.", "Thousands of", 1000, 1000, 9999, "thousands of", "residents"),
    ("Nearly 200 prisoners were exchanged.", "Nearly 200", 200, None, 200, "nearly", "prisoners"),
])
def test_counts_with_qualifiers(nlp, text, surface, value, low, high, qualifier, entity):
    found = quantities(nlp, text)
    assert surface in found, list(found)
    quantity = found[surface]
    assert (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.entity) == \
        (pytest.approx(value), low, high, qualifier, entity)


def test_two_numbers_joined_by_and_stay_two(nlp):
    found = quantities(nlp, "Officials counted 45 and 50 cases.")
    assert {q.value for q in found.values()} == {45, 50}


@pytest.mark.parametrize("text", [
    "On September 12, 2022, the city was freed.",
    "The curfew starts at 8 pm.",
    "The 21st brigade moved north.",
    "The siege lasted several months.",
    "Fighting continued for two days.",
])
def test_dates_times_ordinals_and_durations_are_not_counts(nlp, text):
    assert [q for q in find_quantities(nlp(text)) if q.unit in ("count", "percent", "fraction")] == []


def test_units_of_measure_keep_their_unit_and_count_nothing(nlp):
    [distance] = find_quantities(nlp("The front moved 5 km east."))
    assert (distance.value, distance.unit, distance.entity) == (5, "kilometre", None)


def test_number_words_that_count_a_singular_noun(nlp):
    found = quantities(nlp, "One Ukrainian soldier was killed, another wounded, amid 12 enemy attacks.")
    assert (found["One"].value, found["One"].entity) == (1, "Ukrainian soldier")
    assert found["12"].entity == "enemy attacks"


def test_article_a_is_not_a_number(nlp):
    found = quantities(nlp, "The plant closed for a two-year repair.")
    assert 3 not in {q.value for q in found.values()}


@pytest.mark.parametrize("text, surface, value, unit", [
    ("The package is worth $2.8bn.", "$2.8bn", 2.8e9, "dollar"),
    ("Britain pledged £221.16 million in aid.", "£221.16 million", 221.16e6, "pound sterling"),
    ("Three leaks were found in the pipeline.", "Three", 3, "count"),
    ("The army received 2 MBTs last week.", "2", 2, "count"),
    ("The column stretched over 360 square kilometers.", "over 360 square kilometers", 360, "square kilometre"),
])
def test_words_read_as_unit_symbols_are_put_right(nlp, text, surface, value, unit):
    found = quantities(nlp, text)
    assert surface in found, list(found)
    assert (found[surface].value, found[surface].unit) == (pytest.approx(value), unit)


def test_a_word_is_no_unit(nlp):
    # quantulum3 alone: "One key" = 1 exayear, "a TV" = 1 teravolt
    [one] = find_quantities(nlp("One key issue remains, a TV channel said."))
    assert (one.text, one.value, one.unit, one.entity) == ("One", 1, "count", "key issue")
