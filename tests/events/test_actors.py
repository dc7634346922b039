import pytest

from frontwatch.events.actors import actor_class, actor_from_phrase, find_actor_mentions, names_armed_party


@pytest.mark.parametrize("phrase, name, side", [
    ("Ukrainian troops", "Military Forces of Ukraine (2019-)", "UA"),
    ("the Russian occupiers", "Military Forces of Russia (2000-)", "RU"),
    ("Russia's Ministry of Defence", "Military Forces of Russia (2000-)", "RU"),
    ("Belarusian army units", "Military Forces of Belarus (1994-)", "BY"),
])
def test_state_forces_get_acled_names_and_iso_sides(phrase, name, side):
    actor = actor_from_phrase(phrase, country_of_event="UA")
    assert (actor.name, actor.side, actor.actor_class) == (name, side, "state")


def test_foreign_forces_are_external_and_own_forces_state():
    assert actor_from_phrase("Russian troops", country_of_event="UA").inter == 8
    assert actor_from_phrase("Ukrainian troops", country_of_event="UA").inter == 1


def test_civilians_and_non_state_groups():
    civilians = actor_from_phrase("local residents", country_of_event="UA")
    assert (civilians.name, civilians.side, civilians.inter) == ("Civilians (Ukraine)", "civilians", 7)
    wagner = actor_from_phrase("Wagner mercenaries")
    assert (wagner.name, wagner.actor_class, wagner.side) == ("Wagner", "nonstate", "unknown")
    assert actor_class("rebel fighters") == "nonstate"
    assert actor_class("peaceful protesters") == "protesters"
    assert actor_from_phrase("the weather") is None


def test_mentions_in_a_sentence_of_the_sample(sample_text):
    sentence = next(line for line in sample_text.splitlines() if line.startswith("Ukraine’s General Staff"))
    actors = find_actor_mentions(sentence)
    sides = [(actor.side, actor.actor_class) for actor in actors]
    assert ("UA", "state") in sides  # Ukraine's General Staff
    assert ("RU", "state") in sides  # Russian troops
    assert all(sentence[actor.start:actor.end].strip() for actor in actors)


@pytest.mark.parametrize("phrase", ["Officers", "prison guards", "university security guards", "local authorities"])
def test_officers_guards_and_authorities_are_the_state(phrase):
    assert actor_class(phrase) == "state"


def test_the_authorities_are_no_armed_party_by_their_name():
    # "Authorities say they heard additional small blasts at the flooded chemical plant" (CASE 2021) is no act of war
    assert not names_armed_party("Authorities")
    assert names_armed_party("border guards") and names_armed_party("police officers")
