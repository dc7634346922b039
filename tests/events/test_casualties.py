"""Casualty figures read with the real quantity stage, on UCDP headlines and the sample article."""
import pytest

from frontwatch.events.casualties import find_casualties


@pytest.fixture(scope="module")
def casualties_of(nlp):
    from frontwatch.nlp.quantities import find_quantities

    def run(text):
        doc = nlp(text)
        return find_casualties(text, 0, len(text), find_quantities(doc))
    return run


def test_at_least_is_a_low_bound_with_an_open_high(casualties_of):
    [killed] = casualties_of("At least 1,000 residents died as a result of hostilities.")
    assert (killed.kind, killed.low, killed.best, killed.high, killed.group) == ("killed", 1000, 1000, None, "civilian")


def test_killed_wounded_and_captured_are_kept_apart(casualties_of):
    found = casualties_of("Three civilians were killed and 12 soldiers were wounded in the shelling, and 40 Russian troops were captured.")
    kinds = {(c.kind, c.low, c.group) for c in found}
    assert ("killed", 3, "civilian") in kinds
    assert ("wounded", 12, "military") in kinds
    assert ("captured", 40, "military") in kinds


def test_ucdp_headline_numbers(casualties_of):
    # UCDP GED Ukraine dev, event 147997: "Five dead as Ukraine police launch assault on protesters"
    [killed] = casualties_of("Five dead as Ukraine police launch assault on protesters")
    assert (killed.kind, killed.low, killed.best) == ("killed", 5, 5)


def test_deaths_without_a_number_give_a_sound_low_and_open_high(casualties_of):
    [killed] = casualties_of("Shelling in Donetsk, there are dead, local authorities say")
    assert killed.low == 1 and killed.high is None
    [one] = casualties_of("A man was shot dead at a checkpoint near Horlivka")
    assert (one.low, one.high) == (1, 1)
    assert casualties_of("No one was killed in the attack, officials said") == []


def test_vague_amounts_follow_acled(casualties_of):
    [killed] = casualties_of("Dozens killed as missiles hit the city centre")
    assert killed.low == 12 and (killed.high is None or killed.high >= 24)


def test_running_totals_are_marked_cumulative(casualties_of):
    [killed] = casualties_of("Since February 24, at least 500 children have been killed in Ukraine, prosecutors said.")
    assert killed.cumulative and killed.low == 500
    [single] = casualties_of("Two people were killed in the strike on Monday.")
    assert not single.cumulative


def test_percentages_are_not_head_counts(casualties_of):
    assert casualties_of("More than 80% of the city's infrastructure was destroyed and 3 people died.")[0].low == 3
