import datetime as dt

import pytest

from frontwatch.nlp.dates import find_dates, precision_codes

D = dt.date
PUBLISHED = D(2022, 9, 13)  # the sample article's publication date


def mentions(nlp, text, published=PUBLISHED):
    found, warnings = find_dates(nlp(text), published)
    return {m.text: m for m in found}, warnings


def test_sample_dates_with_publication_date(sample_doc):
    found, warnings = find_dates(sample_doc, PUBLISHED)
    by_text = {m.text: m for m in found}
    monday = by_text["Monday, September 12"]
    assert (monday.date_start, monday.kind, monday.time_precision, monday.date_prec) == (D(2022, 9, 12), "weekday", 1, 1)
    march = by_text["March"]  # "Back in March": the March before publication
    assert (march.date_start, march.date_end, march.time_precision, march.date_prec) == (D(2022, 3, 1), D(2022, 3, 31), 3, 4)
    six_months = by_text["the past six months"]
    assert (six_months.date_start, six_months.date_end, six_months.kind) == (D(2022, 3, 13), D(2022, 9, 13), "duration")
    # "said on Tuesday, September 12, that ... in the last 24 hours": counted from the day of the saying
    last_day = by_text["the last 24 hours"]
    assert (last_day.date_start, last_day.date_end) == (D(2022, 9, 11), D(2022, 9, 12))
    assert by_text["September 10"].date_start == D(2022, 9, 10)
    assert by_text["September 11"].date_start == D(2022, 9, 11)
    assert not any(m.year_inferred for m in found)
    conflicts = [w for w in warnings if w.code == "weekday_conflict"]
    assert len(conflicts) == 1
    assert sample_doc.text[conflicts[0].start:conflicts[0].end] == "Tuesday, September 12"
    assert "Monday" in conflicts[0].message


def test_sample_without_publication_date_infers_2022(sample_doc):
    found, warnings = find_dates(sample_doc, None)
    by_text = {m.text: m for m in found}
    assert by_text["Monday, September 12"].date_start == D(2022, 9, 12)
    assert by_text["September 10"].date_start == D(2022, 9, 10)
    assert by_text["March"].date_start == D(2022, 3, 1)
    assert all(m.year_inferred for m in found)
    assert [w.code for w in warnings].count("year_inferred") == 1
    assert any(w.code == "weekday_conflict" for w in warnings)


def test_a_month_after_publication_is_last_year(nlp):
    found, _ = mentions(nlp, "In November, the shelling of Kharkiv intensified.")
    assert found["November"].date_start == D(2021, 11, 1)


def test_future_tense_looks_forward(nlp):
    found, _ = mentions(nlp, "The talks will resume in November, the minister said.")
    assert found["November"].date_start == D(2022, 11, 1)


@pytest.mark.parametrize("text, expression, start, end, kind", [
    ("Two people were killed yesterday.", "yesterday", D(2022, 9, 12), D(2022, 9, 12), "relative"),
    ("The bridge was hit last week.", "last week", D(2022, 9, 5), D(2022, 9, 11), "relative"),
    ("Four soldiers killed in past week", "past week", D(2022, 9, 6), D(2022, 9, 13), "duration"),  # headline style
    ("Two killed in last week's shelling.", "last week", D(2022, 9, 5), D(2022, 9, 11), "relative"),
    ("The village was retaken three days ago.", "three days ago", D(2022, 9, 10), D(2022, 9, 10), "relative"),
    ("The dam was mined a year ago.", "a year ago", D(2021, 1, 1), D(2021, 12, 31), "relative"),
    ("Talks are scheduled for October 3.", "October 3", D(2022, 10, 3), D(2022, 10, 3), "absolute"),
    ("Fighting raged between September 10 and 12.", "September 10 and 12", D(2022, 9, 10), D(2022, 9, 12), "range"),
    ("Shelling went on from 3 to 5 August.", "3 to 5 August", D(2022, 8, 3), D(2022, 8, 5), "range"),
    ("Since February 24, 2022, the city has been shelled.", "February 24, 2022", D(2022, 2, 24), PUBLISHED, "range"),
    ("The report is dated 2022-09-12.", "2022-09-12", D(2022, 9, 12), D(2022, 9, 12), "absolute"),
    ("The plant was built in the 1980s.", "1980s", D(1980, 1, 1), D(1989, 12, 31), "absolute"),
    ("Strikes hit the city in early June 2022.", "early June 2022", D(2022, 6, 1), D(2022, 6, 10), "absolute"),
    ("The dam was damaged on Sunday.", "Sunday", D(2022, 9, 11), D(2022, 9, 11), "weekday"),
    ("Drones hit the city overnight.", "overnight", D(2022, 9, 12), D(2022, 9, 13), "relative"),
    ("Over the weekend, Russia launched 50 drones.", "the weekend", D(2022, 9, 10), D(2022, 9, 11), "relative"),
    ("In the first week of August, the front moved.", "the first week of August", D(2022, 8, 1), D(2022, 8, 7),
     "relative"),
    ("Russia retreated in the summer of 2022.", "the summer of 2022", D(2022, 6, 1), D(2022, 8, 31), "absolute"),
    ("The town fell on 9/11/2022.", "9/11/2022", D(2022, 9, 11), D(2022, 9, 11), "absolute"),
    ("KYIV, 12.09.2022 - Troops advanced.", "12.09.2022", D(2022, 9, 12), D(2022, 9, 12), "absolute"),
])
def test_expressions(nlp, text, expression, start, end, kind):
    found, _ = mentions(nlp, text)
    assert expression in found, list(found)
    mention = found[expression]
    assert (mention.date_start, mention.date_end, mention.kind) == (start, end, kind)
    assert text[mention.start:mention.end] == expression


def test_counts_are_not_years(nlp):
    found, _ = mentions(nlp, "About 2000 people fled in 2014, and 1999 soldiers were lost.")
    assert list(found) == ["2014"]


def test_weekday_that_does_not_fit_the_date_is_warned(nlp):
    text = "On Thursday, March 4, 2022, the plant was seized."  # March 4, 2022 was a Friday
    _, warnings = mentions(nlp, text)
    [warning] = warnings
    assert warning.code == "weekday_conflict" and text[warning.start:warning.end] == "Thursday, March 4, 2022"


def test_relative_dates_without_any_reference_are_left_out(nlp):
    found, warnings = mentions(nlp, "Two people were killed yesterday.", published=None)
    assert found == {} and warnings == []


def test_empty_text(nlp):
    assert find_dates(nlp(""), PUBLISHED) == ([], [])


@pytest.mark.parametrize("days, codes", [(1, (1, 1)), (2, (2, 2)), (7, (2, 3)), (31, (3, 4)), (184, (3, 5))])
def test_precision_codes(days, codes):
    assert precision_codes(D(2022, 3, 1), D(2022, 3, 1) + dt.timedelta(days=days - 1)) == codes


def test_relative_day_counts_from_the_day_of_a_saying_only(nlp):
    said, _ = mentions(nlp, "On Monday, September 12, the governor said that two people were killed yesterday.")
    assert said["yesterday"].date_start == D(2022, 9, 11)
    told, _ = mentions(nlp, "Ukrainian forces retook Izium on September 10 and entered Kupiansk yesterday.")
    assert told["yesterday"].date_start == D(2022, 9, 12)


def test_without_publication_date_a_dateline_is_the_reference(nlp):
    text = "KYIV, Sept 14, 2022 (Reuters) - Ukrainian forces retook Izium on September 10 and entered Kupiansk yesterday."
    found, warnings = mentions(nlp, text, published=None)
    assert found["September 10"].date_start == D(2022, 9, 10) and found["September 10"].year_inferred
    assert found["yesterday"].date_start == D(2022, 9, 13)
    assert not found["Sept 14, 2022"].year_inferred
    assert [w.code for w in warnings] == ["year_inferred"]


def test_without_any_reference_the_guess_is_warned(nlp):
    found, warnings = mentions(nlp, "Ukrainian forces retook Izium on September 10.", published=None)
    assert found["September 10"].year_inferred
    assert [w.code for w in warnings] == ["year_inferred"]
