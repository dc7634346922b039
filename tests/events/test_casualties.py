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


def test_killed_and_wounded_in_action(casualties_of):
    # UCDP GED 289586, and a UNIAN headline whose link repeats the figures (UCDP GED 264432)
    found = casualties_of("One KIA, two WIA in Donbas on Monday- JFO HQ")
    assert {(c.kind, c.low, c.group) for c in found} == {("killed", 1, "military"), ("wounded", 2, "military")}
    linked = casualties_of("JFO: Ukraine reports 1 KIA, 2 WIA's in Donbas in past day   Read more on UNIAN: "
                           "https://www.unian.info/war/10253403-jfo-ukraine-reports-1-kia-2-wia-s-in-donbas-")
    assert max(c.low for c in linked if c.kind == "killed") == 1


def test_losses_claimed_by_a_ministry_are_deaths(casualties_of):
    # UCDP GED 462681, 463591 and 462398 (Russian Defense Ministry statements)
    [lost] = casualties_of("Armed Forces of Ukraine lost more than 100 servicemen in the Krasnoliman direction in a day - Russian Defense Ministry")
    assert (lost.kind, lost.low, lost.high, lost.group) == ("killed", 100, None, "military")
    [losses] = casualties_of("Losses of the Armed Forces of Ukraine in the Kupyansk direction amounted to 80 servicemen per day - Russian Defense Ministry")
    assert (losses.kind, losses.low) == ("killed", 80)
    [destroyed] = casualties_of("Russian Armed Forces destroyed more than 60 military units of the Armed Forces of Ukraine in the Yuzhno-Donetsk direction")
    assert (destroyed.kind, destroyed.low) == ("killed", 60)
    assert casualties_of("Russian forces destroyed 3 military vehicles near Izium") == []
    assert casualties_of("Ukraine lost 3 tanks near Bakhmut") == []
    [lost_after] = casualties_of("Over 250 servicemen lost in Donetsk direction in 24 hours - Russian Defense Ministry")  # UCDP GED 464115
    assert (lost_after.kind, lost_after.low) == ("killed", 250)
    assert casualties_of("More than 200 people lost their homes in the floods") == []


def test_casualties_without_a_figure_say_people_were_harmed(casualties_of):
    # UCDP GED 155428 and 218226: harm reported, no number, so no fatalities
    [harm] = casualties_of("Heavy casualties reported in escalating violence in E. Ukraine")
    assert (harm.kind, harm.low, harm.best, harm.high) == ("casualties", None, None, None)
    assert casualties_of("Ukraine reports first military casualties in 3 weeks")[0].group == "military"
    assert casualties_of("There were no casualties, the governor said") == []
    assert casualties_of("Casualty numbers used as a weapon in Ukraine crisis") == []


def test_a_count_of_attacks_times_or_mines_is_not_a_toll(casualties_of):
    # UCDP GED 246644, 308279 and 232730: the number of attacks beside the deaths is not the deaths
    found = casualties_of("Ukrainian troops shell DPR 18 times in 24 hours, two militiamen killed - command")
    assert [(c.kind, c.low) for c in found] == [("killed", 2)]
    found = casualties_of("One Ukrainian serviceman killed amid 23 enemy attacks in Donbas in past 24 hours - JFO HQ")
    assert [(c.kind, c.low) for c in found] == [("killed", 1)]
    found = casualties_of("Ukrainian military launch 300 mines on DPR, one man killed - agency")
    assert [(c.kind, c.low) for c in found] == [("killed", 1)]


def test_one_figure_for_killed_and_wounded_is_no_death_toll(casualties_of):
    # UCDP GED 464694: 100 is killed and wounded together
    [losses] = casualties_of("Losses of the Armed Forces of Ukraine in the Kupyansk direction per day amounted to 100 soldiers killed and wounded")
    assert (losses.kind, losses.low) == ("casualties", 100)


def test_deaths_in_another_clause_than_the_wounded_figure_are_read(casualties_of):
    # UCDP GED 303991: "one killed" after the wounded figure's clause
    found = casualties_of("Three DPR militias wounded, one killed in shelling by Kiev troops")
    assert {(c.kind, c.low) for c in found} == {("wounded", 3), ("killed", 1)}


@pytest.mark.parametrize("text, low", [
    # UCDP GED 324408, 466568 and 155306-like headlines: deaths said without a number
    ("Ambassadors of Europe, U.S. express condolences over death of commander of 128th Armed Forces brigade wounded in Donbas", 1),
    ("In memory of the civilian pilot, eco-activist and infantryman Gennady Kovshyk", 1),
    ("Soldiers still dying as Ukraine creeps towards ceasefire", 1),
    ("Death toll mounts in Ukraine despite truce", 1),
    ("Prison guards beat an inmate to death in Kherson.", 1),
])
def test_deaths_named_without_a_figure(casualties_of, text, low):
    [killed] = casualties_of(text)
    assert (killed.kind, killed.low) == ("killed", low)


@pytest.mark.parametrize("text", [
    "The nation mourns the death of the Queen.",
    "A concert in memory of her father was held in Lviv.",
    "He was sentenced to death in 2015.",
])
def test_deaths_outside_war_are_not_read_as_war_dead(casualties_of, text):
    assert casualties_of(text) == []


def test_the_wounded_who_die_are_dead(casualties_of):
    # UCDP GED 401598
    [died] = casualties_of("Two wounded Ukrainian soldiers die in hospital")
    assert (died.kind, died.low, died.group) == ("killed", 2, "military")
    kinds = {(c.kind, c.low) for c in casualties_of("Two wounded soldiers were evacuated, one died later")}
    assert ("wounded", 2) in kinds
