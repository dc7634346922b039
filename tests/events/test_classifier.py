"""The trained sub-event classifier on sentences it never saw (war reporting), its cross-validated score,
the codebook trigger words, the model cache key and `frontwatch train classifier`."""
import pickle
import re
import shutil
import warnings

import numpy as np
import pytest

from frontwatch.cli import main
from frontwatch.config import shared_dir
from frontwatch.events.classifier import (SubEventClassifier, attack_rule, demonstration_rule, model_path, read_training_data, territory_takers, train_model,
                                         violence_roles)
from frontwatch.events.triggers import NOT_CONFLICT, keyword_label, trigger_hits


@pytest.mark.parametrize("sentence, expected", [
    ("Russian forces shelled residential areas of Kharkiv with multiple rocket launchers overnight.", "Shelling/artillery/missile attack"),
    ("A Russian drone struck an energy facility in Odesa, the regional governor said.", "Air/drone strike"),
    ("Hundreds of people rallied peacefully in central Kyiv to demand the release of prisoners of war.", "Peaceful protest"),
    ("Police arrested three men suspected of spying for Russia in Zaporizhzhia.", "Arrests"),
    ("A landmine exploded under a tractor near Kherson, wounding the driver.", "Remote explosive/landmine/IED"),
    ("Ukrainian police found a cache of weapons and ammunition left by Russian troops in a village near Izium.", "Disrupted weapons use"),
    ("Russian troops established checkpoints and a command post in the occupied town of Kupiansk.", "Headquarters or base established"),
    ("Police used tear gas and water cannon to disperse protesters in Tbilisi.", "Protest with intervention"),
])
def test_war_sentences_get_their_acled_type(nlp, classifier, sentence, expected):
    [prediction] = classifier.predict([nlp(sentence)])
    assert prediction.sub_event_type == expected
    assert 0 <= prediction.score <= 1 and len(prediction.scores) == 26  # 25 ACLED types + not conflict


def test_non_conflict_text_is_not_an_acled_event(nlp, classifier):
    [prediction] = classifier.predict([nlp("A magnitude 6.1 earthquake struck off the coast, damaging hundreds of homes.")])
    assert prediction.sub_event_type == NOT_CONFLICT


def test_who_takes_ground_is_read_from_the_parse(nlp):
    assert territory_takers(nlp("Ukrainian troops liberated Izyum on September 10.")) == ["state"]
    assert territory_takers(nlp("The village was captured by rebels after heavy fighting.")) == ["nonstate"]
    assert territory_takers(nlp("Houthi fighters seized the district centre.")) == ["nonstate"]


def test_who_does_violence_to_whom_is_read_from_the_parse(nlp):
    assert violence_roles(nlp("Police opened fire on protesters in Kherson, killing two demonstrators.")).count("state>protesters") == 2
    assert "protesters>state" in violence_roles(nlp("Protesters threw stones at police and set cars on fire in the city centre."))
    assert "nonstate>civilians" in violence_roles(nlp("Gunmen killed 14 villagers in an attack on a market."))


def test_a_demonstration_that_turns_violent_is_a_riot(nlp, classifier):
    """The SVM alone calls the first one peaceful (the march outweighs the stones); the codebook calls it a riot."""
    rioting = nlp("Supporters of the opposition marched through Minsk, and some protesters threw stones at shop windows.")
    assert demonstration_rule("PEACE_PROTEST", rioting) == "VIOL_DEMONSTR"
    assert classifier.predict([rioting])[0].sub_event_type == "Violent demonstration"
    assert classifier.predict_labels([rioting]) == ["VIOL_DEMONSTR"]
    peaceful = nlp("Thousands of students held a non-violent march in Dhaka against gun violence.")
    assert classifier.predict([peaceful])[0].sub_event_type == "Peaceful protest"
    assert demonstration_rule("PEACE_PROTEST", peaceful) == "PEACE_PROTEST"


def test_an_attack_on_armed_men_alone_is_an_armed_clash(nlp):
    """CASE 2021 dev snippet (gold ARMED_CLASH), and the attackers named as subject are no target."""
    on_police = nlp("Gunmen stormed a police training center Monday in Pakistan's restive Baluchistan province and detonated "
                    "explosive vests, killing at least 41 police trainees, authorities said")
    assert attack_rule("ATTACK", on_police) == "ARMED_CLASH"
    assert attack_rule("ATTACK", nlp("Russian soldiers shot a cyclist in Bucha.")) == "ATTACK"
    assert attack_rule("ATTACK", nlp("Militants attacked an army checkpoint and a market, killing four civilians.")) == "ATTACK"


def test_keyword_baseline_reads_the_codebook_words():
    assert keyword_label("A suicide bomber blew himself up at a checkpoint") == "Suicide bomb"
    assert keyword_label("The minister visited the embassy") == "DIPLO"
    assert keyword_label("Nothing of note") == NOT_CONFLICT


@pytest.mark.parametrize("snippet, sub_event_type", [  # CASE 2021 dev snippets whose words the codebook names
    ("Two firearms and several rounds of ammunitions were seized during the incident.", "Disrupted weapons use"),
    ("The Afghan Special Forces destroyed large caches of weapons and Improvised Explosive Devices during an operation in Ghazni.",
     "Disrupted weapons use"),
    ("Turkish forces have set up a new observation post in the rebel-held province of Idlib", "Headquarters or base established"),
    ("The Belarusian authorities violently suppressed peaceful protest, detaining and arresting thousands of people.",
     "Excessive force against protesters"),
    ("Heavy clashes broke out between police and Palestinian protesters on Saturday night outside the Lions Gate",
     "Violent demonstration"),
    ("Several activists have been detained during unsanctioned protests in the Russian cities of Yekaterinburg and Saint Petersburg",
     "Protest with intervention"),
    ("Yemeni government forces seized control of the southern coastal city of Shoqra", "Non-state actor overtakes territory"),
])
def test_codebook_trigger_words(snippet, sub_event_type):
    assert sub_event_type in trigger_hits(snippet)


def test_an_attack_on_a_depot_is_no_disrupted_weapons_use():
    assert "Disrupted weapons use" not in trigger_hits("Russian gunners destroyed the ammunition depot of the Armed Forces of Ukraine")


def test_training_is_reproducible(nlp):
    texts, labels = read_training_data()
    docs = list(nlp.pipe(texts[:150]))
    sentences = [nlp("Russian forces shelled residential areas of Kharkiv overnight."), nlp("Police arrested three men in Odesa.")]
    first, second = train_model(docs, labels[:150]), train_model(docs, labels[:150])
    assert np.array_equal(first.decision_values(sentences), second.decision_values(sentences))


def test_model_cache_key_follows_the_training_data(tmp_path, monkeypatch):
    """A changed training file gives another model file name, so a stale model is never loaded."""
    current = model_path()
    shared = tmp_path / "shared"
    shutil.copytree(shared_dir() / "ontology", shared / "ontology")
    (shared / "eval" / "case2021").mkdir(parents=True)
    rows = (shared_dir() / "eval" / "case2021" / "dev.tsv").read_bytes().splitlines(keepends=True)
    (shared / "eval" / "case2021" / "dev.tsv").write_bytes(b"".join(rows[:-1]))
    monkeypatch.setenv("FRONTWATCH_SHARED", str(shared))
    assert model_path().parent == current.parent and model_path() != current
    (shared / "eval" / "case2021" / "dev.tsv").write_bytes(b"".join(rows))
    assert model_path() == current


def test_train_command_writes_a_working_model(tmp_path, capsys, nlp):
    output = tmp_path / "classifier.pickle"
    assert main(["train", "classifier", "--output", str(output), "--folds", "2"]) == 0
    printed = capsys.readouterr().out
    assert str(output) in printed and "2-fold CV: weighted F1 0." in printed
    with output.open("rb") as handle:
        model = pickle.load(handle)
    [prediction] = model.predict([nlp("A Russian drone struck an energy facility in Odesa, the regional governor said.")])
    assert prediction.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("arguments, message", [
    (["--output", "{tmp}"], "is a directory"),
    (["--output", "{tmp}/missing/dir/model.pickle", "--folds", "1"], "at least 2 folds"),
])
def test_train_command_refuses_bad_options(tmp_path, capsys, arguments, message):
    assert main(["train", "classifier", *[argument.format(tmp=tmp_path) for argument in arguments]]) == 2
    error = capsys.readouterr().err
    assert error.startswith("frontwatch: error:") and message in error and "Traceback" not in error


@pytest.mark.slow
def test_cross_validated_weighted_f1_beats_the_keyword_baseline(nlp):
    """3-fold CV on CASE 2021 dev (the full 5-fold report is `frontwatch eval case2021`)."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold
    from frontwatch.events.ontology import load_ontology
    texts, gold = read_training_data()
    gold = np.array(gold)
    docs = list(nlp.pipe(texts))
    predicted = np.empty(len(gold), dtype=object)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        splits = list(StratifiedKFold(3, shuffle=True, random_state=13).split(texts, gold))
    for train, test in splits:
        model = SubEventClassifier().fit([docs[i] for i in train], gold[train])
        predicted[test] = model.predict_labels([docs[i] for i in test])
    labels = sorted(load_ontology().case_code_of.values())
    assert f1_score(gold, predicted, labels=labels, average="weighted") >= 0.72


@pytest.mark.slow
def test_eval_prints_the_spread_over_fold_splits(capsys):
    """One fold split's score is one draw: the report gives the spread over several, the first being --seed's."""
    assert main(["eval", "case2021", "--folds", "2", "--repeats", "3", "--worst", "1"]) == 0
    printed = capsys.readouterr().out
    [line] = [line for line in printed.splitlines() if line.startswith("weighted F1 (25) over 3 fold splits (seeds 13-15)")]
    mean, sd, low, high = (float(value) for value in re.findall(r"\d\.\d{3}", line))
    assert 0.6 < low <= mean <= high < 0.9 and 0 < sd < high - low
    assert main(["eval", "case2021", "--repeats", "0"]) == 2
    assert "--repeats 0" in capsys.readouterr().err
