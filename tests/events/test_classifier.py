"""The trained sub-event classifier on sentences it never saw (war reporting), and its cross-validated score."""
import warnings

import numpy as np
import pytest

from frontwatch.events.classifier import SubEventClassifier, read_training_data, territory_takers
from frontwatch.events.triggers import NOT_CONFLICT, keyword_label


@pytest.mark.parametrize("sentence, expected", [
    ("Russian forces shelled residential areas of Kharkiv with multiple rocket launchers overnight.", "Shelling/artillery/missile attack"),
    ("A Russian drone struck an energy facility in Odesa, the regional governor said.", "Air/drone strike"),
    ("Hundreds of people rallied peacefully in central Kyiv to demand the release of prisoners of war.", "Peaceful protest"),
    ("Police arrested three men suspected of spying for Russia in Zaporizhzhia.", "Arrests"),
    ("A landmine exploded under a tractor near Kherson, wounding the driver.", "Remote explosive/landmine/IED"),
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


def test_keyword_baseline_reads_the_codebook_words():
    assert keyword_label("A suicide bomber blew himself up at a checkpoint") == "Suicide bomb"
    assert keyword_label("The minister visited the embassy") == "DIPLO"
    assert keyword_label("Nothing of note") == NOT_CONFLICT


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
    assert f1_score(gold, predicted, labels=labels, average="weighted") >= 0.68
