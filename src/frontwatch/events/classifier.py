"""Sentence or snippet -> ACLED sub-event type, with a score per class.

The model is a pair of linear SVMs over five views of the text, trained on CASE 2021 task 2 (the only
labelled ACLED-style snippets in ../shared):
  * TF-IDF of lemmas where names, dates and numbers are replaced by their kind (the snippets use
    substituted fictitious names, so names carry no signal) and actor words by their ACLED actor class;
    a "who took the ground" token (state / non-state) from the parse, since that alone separates
    "Government regains territory" from "Non-state actor overtakes territory";
  * TF-IDF of character 2-5-grams of that same text (robust to spelling: "air strike", "airstrike",
    "air-strikes"; without the fictitious names, whose letters only add noise);
  * the counts of the codebook trigger words of each class (events.triggers);
  * who does violence to whom, by actor class, from the parse: the codebook separates "Excessive force
    against protesters" (police fire on protesters) from "Violent demonstration" (protesters stone the
    police), and "Attack" (armed men kill villagers) from "Armed clash" (two armed parties).
A demonstration the SVM calls peaceful becomes a violent one when its text tells of the participants' violence
(demonstration_rule: the codebook's line between Protests and Riots, which the few training snippets blur);
an "Attack" that names armed targets and no civilian is an armed clash (attack_rule: the codebook's Attack is
violence against unarmed people).
One SVM scores the 30 CASE classes, the other the 6 ACLED event types (+ the 5 non-ACLED classes); a class
scores its own value plus EVENT_TYPE_WEIGHT times its event type's, so that the evidence for "a protest"
or "a battle" is shared by the few snippets of each sibling class.
Training is deterministic (fixed seed, liblinear) and takes seconds, so the model is trained on first use
and cached in config.data_dir()/models; the cache key is a hash of the training data, the ontology, the
feature code and scikit-learn's version, so any change retrains. `train_model` is the training entry
point (`frontwatch train classifier`).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import pickle
import re
from pathlib import Path
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sklearn
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from frontwatch.config import data_dir, shared_dir
from frontwatch.errors import SetupError
from frontwatch.events.actors import actor_class
from frontwatch.events.ontology import load_ontology
from frontwatch.events.triggers import NOT_CONFLICT, trigger_counts

TRAINING_FILE = "eval/case2021/dev.tsv"
SEED = 13
SVM_C = 1.0
TRIGGER_WEIGHT = 0.5  # trigger counts (capped at 3) scaled to the size of the TF-IDF features; chosen by CV
TAKER_WEIGHT = 1.0
ROLE_WEIGHT = 0.25  # counts (capped at 2) of who does violence to whom; chosen by CV
EVENT_TYPE_WEIGHT = 0.5  # share of the event-type score in a sub-event type's score; chosen by CV

_ENTITY_PLACEHOLDER = {"GPE": "_place_", "LOC": "_place_", "FAC": "_place_", "PERSON": "_person_", "DATE": "_date_",
                       "TIME": "_date_", "CARDINAL": "_num_", "QUANTITY": "_num_", "NORP": "_norp_"}
# Verbs of taking ground: their subject decides between the two territorial sub-event types.
_TAKE_LEMMAS = {"capture", "seize", "take", "recapture", "retake", "regain", "liberate", "overrun", "control", "enter", "storm",
                "recover", "gain", "wrest", "free", "occupy", "clear", "push", "restore"}

# Verbs of violence or force, whose agent and patient the role features read.
_VIOLENCE_LEMMAS = {"shoot", "fire", "open", "kill", "beat", "attack", "injure", "wound", "hit", "assault", "use", "suppress",
                    "crush", "disperse", "throw", "hurl", "torch", "burn", "set", "stone", "smash", "loot", "vandalise",
                    "vandalize", "storm", "block", "clash"}
_ROLE_CLASSES = ("state", "nonstate", "protesters", "rioters", "civilians", None)  # None: no actor word
_ROLE_NAMES = ([f"agent:{kind}" for kind in _ROLE_CLASSES] + [f"patient:{kind}" for kind in _ROLE_CLASSES]
               + [f"{agent}>{patient}" for agent in _ROLE_CLASSES for patient in _ROLE_CLASSES])
_ROLE_INDEX = {name: index for index, name in enumerate(_ROLE_NAMES)}

# What makes a demonstration a riot in the codebook: violence, destruction or blockades by its participants
# ("clashed with police", "threw stones", "torched cars", "blocked the main road"). Not "non-violent", nor
# violence the crowd protests against ("demonstrations against gun violence").
_RIOT_CUES = re.compile(
    r"\b((?<!non-)(?<!non)violent(ly)?|violence (erupted|broke out|flared)|clash(ed|es)?|stones?|rocks|petrol bombs?|molotov\w*"
    r"|torch(ed|ing)|set (fire|ablaze)|vandali[sz]\w*|smash(ed|ing)|loot(ed|ing)?|barricad\w*|scuffl\w*|broke into|stormed|pelted"
    r"|threw|throwing|hurl(ed|ing)|riot(s|ed|ing|ers?)?|block(ed|ing) (off )?(the |a )?(main )?(roads?|streets?|highways?|traffic|entrances?|bridges?))\b",
    re.IGNORECASE)

# Armed targets (forces, fighters, their posts) and civilian ones, for attack_rule. Not actors.ACTOR_CLASSES:
# its non-state words name the attackers as often as the attacked ("gunmen killed ..."), and its state words
# include the "authorities" that investigate.
_ARMED_TARGETS = re.compile(r"\b(soldiers?|troops?|army|military|security forces|police(men)?|officers|servicem[ae]n|militants|rebels|fighters"
                            r"|insurgents|checkpoints?|base|positions?|convoy|patrol)\b", re.IGNORECASE)
_CIVILIAN_TARGETS = re.compile(r"\b(civilians?|villagers?|residents?|people|passengers|worshippers|farmers|women|children|students|shoppers"
                               r"|market\w*)\b", re.IGNORECASE)


@dataclass
class Prediction:
    sub_event_type: str  # an ACLED sub-event type, or NOT_CONFLICT
    score: float  # the winning margin squashed to 0..1
    scores: dict[str, float]  # decision value of each ACLED sub-event type and of NOT_CONFLICT


def normalise(doc) -> str:
    """Lemma text of a spaCy Doc or Span with names, numbers and actors replaced by their kind."""
    words = []
    for token in doc:
        if token.is_punct or token.is_space:
            continue
        if token.ent_type_ in _ENTITY_PLACEHOLDER:
            if token.ent_iob_ == "B" or token.i == doc[0].i:
                words.append(_ENTITY_PLACEHOLDER[token.ent_type_])
            continue
        if token.like_num:
            words.append("_num_")
            continue
        words.append(token.lemma_.lower())
        kind = actor_class(token.text)
        if kind:
            words.append(f"_actor_{kind}_")
    words.extend(f"_taken_by_{kind}_" for kind in territory_takers(doc))
    return " ".join(words)


def territory_takers(doc) -> list[str]:
    """Actor classes of whoever takes ground in the text ("rebels seized", "captured by the army")."""
    takers = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in _TAKE_LEMMAS:
            continue
        passive = any(child.dep_ in ("nsubjpass", "auxpass") for child in token.children)
        if passive:
            heads = [grandchild for child in token.children if child.dep_ == "agent" for grandchild in child.children]
        else:
            heads = [child for child in token.children if child.dep_ == "nsubj"]
        if not heads and token.dep_ in ("xcomp", "conj", "advcl") and token.head.pos_ == "VERB":
            heads = [child for child in token.head.children if child.dep_ == "nsubj"]  # "troops moved in and captured"
        for head in heads:
            kind = noun_phrase_actor_class(head)
            if kind in ("state", "nonstate"):
                takers.append(kind)
    return takers


def violence_roles(doc) -> list[str]:
    """For each verb of violence: the actor class of its agent ("agent:state"), of its patient
    ("patient:protesters") and the pair ("state>protesters"). "Police opened fire on protesters, killing
    two" gives state>protesters twice; "Protesters threw stones at police" gives protesters>state."""
    roles = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in _VIOLENCE_LEMMAS:
            continue
        agents, patients = [], []
        for child in token.children:
            if child.dep_ == "nsubj":
                agents.append(child)
            elif child.dep_ == "agent":  # "were shot by police"
                agents.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
            elif child.dep_ in ("dobj", "nsubjpass"):
                patients.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("on", "at", "into", "against"):  # "fired on the crowd"
                patients.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
        if not agents and token.dep_ in ("advcl", "xcomp", "conj"):  # "police opened fire, killing two"
            agents = [child for child in token.head.children if child.dep_ == "nsubj"]
        agent_kinds = [noun_phrase_actor_class(agent) for agent in agents]
        patient_kinds = [noun_phrase_actor_class(patient) for patient in patients]
        roles.extend(f"agent:{kind}" for kind in agent_kinds)
        roles.extend(f"patient:{kind}" for kind in patient_kinds)
        roles.extend(f"{agent}>{patient}" for agent in agent_kinds for patient in patient_kinds)
    return roles


def territory_rule(case_label: str, doc) -> str:
    """Who took the ground decides between the two territorial types when the parse names the taker."""
    if case_label not in ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"):
        return case_label
    takers = set(territory_takers(doc))
    if takers == {"state"}:
        return "GOV_REGAINS_TERIT"
    if takers == {"nonstate"}:
        return "NON_STATE_ACTOR_OVERTAKES_TER"
    return case_label


def demonstration_rule(case_label: str, doc) -> str:
    """A "peaceful" demonstration whose text tells of rioting is a violent demonstration. Measured on CASE 2021
    dev (5-fold CV over the fold splits of seeds 13-23): weighted F1 mean 0.755 -> 0.761, higher on all 11 splits;
    the SVM alone sends a quarter of the violent demonstrations to peaceful protest."""
    if case_label == "PEACE_PROTEST" and _RIOT_CUES.search(doc.text):
        return "VIOL_DEMONSTR"
    return case_label


def attack_rule(case_label: str, doc) -> str:
    """An "Attack" whose text names armed targets and no civilian ("gunmen stormed a police training centre,
    killing 41 police trainees") is an armed clash. Measured on CASE 2021 dev (5-fold CV over the fold splits
    of seeds 13-23, after demonstration_rule): weighted F1 mean 0.761 -> 0.767, higher on all 11 splits."""
    if case_label == "ATTACK" and not _CIVILIAN_TARGETS.search(doc.text) and _names_armed_target(doc):
        return "ARMED_CLASH"
    return case_label


def _names_armed_target(doc) -> bool:
    """An armed-target word outside every subject and by-agent: the attackers themselves ("Russian soldiers
    shot a cyclist") are no target."""
    attackers = {token.i for child in doc if child.dep_ in ("nsubj", "agent") for token in child.subtree}
    for match in _ARMED_TARGETS.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(token.i in attackers for token in span):
            return True
    return False


def codebook_rules(case_label: str, doc) -> str:
    """The SVM's label after the codebook's lines that the few training snippets blur."""
    return attack_rule(demonstration_rule(case_label, doc), doc)


def noun_phrase_actor_class(head) -> str | None:
    """Actor class of the noun phrase headed by `head`: its modifiers first ("rebel forces", "Houthi
    fighters"), then the head noun ("Syrian army and allied fighters" is the army)."""
    modifiers = " ".join(child.text for child in head.children if child.dep_ in ("compound", "amod", "poss", "nmod"))
    if modifiers and actor_class(modifiers) == "nonstate":
        return "nonstate"
    return actor_class(head.text) or (actor_class(modifiers) if modifiers else None)


class SubEventClassifier:
    def __init__(self):
        self.word_vectoriser = TfidfVectorizer(sublinear_tf=True)
        self.char_vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.svm = LinearSVC(C=SVM_C, class_weight="balanced", random_state=SEED)
        self.event_type_svm = LinearSVC(C=SVM_C, class_weight="balanced", random_state=SEED)
        self.event_type_column: np.ndarray | None = None  # per class of self.svm: its column in event_type_svm

    def _features(self, docs, fit: bool):
        normalised = [normalise(doc) for doc in docs]
        if fit:
            words, chars = self.word_vectoriser.fit_transform(normalised), self.char_vectoriser.fit_transform(normalised)
        else:
            words, chars = self.word_vectoriser.transform(normalised), self.char_vectoriser.transform(normalised)
        triggers = np.minimum(np.array([trigger_counts(doc.text) for doc in docs], dtype=float), 3) * TRIGGER_WEIGHT
        takers = np.array([[min(takers.count(kind), 2) for kind in ("state", "nonstate")]
                           for takers in map(territory_takers, docs)], dtype=float) * TAKER_WEIGHT
        roles = np.zeros((len(docs), len(_ROLE_NAMES)))
        for row, doc in enumerate(docs):
            for role in violence_roles(doc):
                roles[row, _ROLE_INDEX[role]] += 1
        roles = np.minimum(roles, 2) * ROLE_WEIGHT
        return hstack([words, chars, csr_matrix(triggers), csr_matrix(takers), csr_matrix(roles)]).tocsr()

    def fit(self, docs, labels: Sequence[str]) -> "SubEventClassifier":
        labels = list(labels)
        features = self._features(docs, fit=True)
        self.svm.fit(features, labels)
        group_of = {label: _event_type_group(label) for label in self.svm.classes_}
        self.event_type_svm.fit(features, [group_of[label] for label in labels])
        column = {group: index for index, group in enumerate(self.event_type_svm.classes_)}
        self.event_type_column = np.array([column[group_of[label]] for label in self.svm.classes_])
        return self

    def decision_values(self, docs) -> np.ndarray:
        """One row per Doc/Span, one column per class of self.svm: its score plus its event type's share."""
        features = self._features(docs, fit=False)
        sub_event = np.atleast_2d(self.svm.decision_function(features))
        event_type = np.atleast_2d(self.event_type_svm.decision_function(features))
        return sub_event + EVENT_TYPE_WEIGHT * event_type[:, self.event_type_column]

    def predict_labels(self, docs) -> list[str]:
        """Raw training labels (CASE 2021 codes) for each Doc/Span."""
        if not docs:
            return []
        labels = self.svm.classes_[np.argmax(self.decision_values(docs), axis=1)]
        return [codebook_rules(territory_rule(label, doc), doc) for label, doc in zip(labels, docs)]

    def predict(self, docs) -> list[Prediction]:
        """ACLED sub-event types; the five non-conflict CASE classes become NOT_CONFLICT."""
        if not docs:
            return []
        ontology = load_ontology()
        predictions = []
        for row, doc in zip(self.decision_values(docs), docs):
            scores: dict[str, float] = {}
            for label, value in zip(self.svm.classes_, row):  # the five non-ACLED classes share one name: keep their best
                name = _acled_name(label, ontology)
                scores[name] = max(scores.get(name, -np.inf), float(value))
            order = np.argsort(row)[::-1]
            best = _acled_name(codebook_rules(self.svm.classes_[order[0]], doc), ontology)
            margin = float(row[order[0]] - row[order[1]])
            predictions.append(Prediction(best, float(1 / (1 + np.exp(-3 * margin))), scores))
        return predictions


def _event_type_group(case_label: str) -> str:
    """ACLED event type of a CASE label; each non-ACLED class is a group of its own."""
    ontology = load_ontology()
    sub_event = ontology.sub_event_of_case(case_label)
    return ontology.event_type_of[sub_event] if sub_event else case_label


def _acled_name(case_label: str, ontology) -> str:
    return ontology.sub_event_of_case(case_label) or NOT_CONFLICT


def read_training_data() -> tuple[list[str], list[str]]:
    path = shared_dir() / TRAINING_FILE
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except FileNotFoundError as exc:
        raise SetupError(f"{path}: CASE 2021 training snippets are missing (set FRONTWATCH_SHARED)") from exc
    if not rows or "EventSnippet" not in rows[0] or "SubType" not in rows[0]:
        raise SetupError(f"{path}: expected columns id, EventSnippet, SubType")
    return [row["EventSnippet"] for row in rows], [row["SubType"] for row in rows]


def train_model(docs=None, labels: Sequence[str] | None = None) -> SubEventClassifier:
    """Train on all CASE 2021 dev snippets (deterministic: fixed seed, same data -> same model); `docs` and
    `labels` are the snippets already parsed, for a caller that also cross-validates on them."""
    if docs is None:
        from frontwatch.nlp.spacy_setup import load_english
        texts, labels = read_training_data()
        docs = list(load_english().pipe(texts))
    return SubEventClassifier().fit(docs, labels)


def model_path() -> Path:
    """Where the trained model is cached. The file name is a hash of everything the model depends on:
    the training data, the ontology, the code that makes the features (this module, the trigger words,
    the actor words, the ontology reader) and scikit-learn's version (pickles do not cross versions), so a
    change to any of them retrains instead of loading a stale model."""
    from frontwatch.events import actors, ontology, triggers
    digest = hashlib.sha256()
    for data_file in (TRAINING_FILE, ontology.ONTOLOGY_FILE):
        try:
            digest.update((shared_dir() / data_file).read_bytes())
        except FileNotFoundError as exc:
            raise SetupError(f"{shared_dir() / data_file}: missing, the classifier cannot be trained (set FRONTWATCH_SHARED)") from exc
    for module in (__file__, triggers.__file__, actors.__file__, ontology.__file__):
        digest.update(Path(module).read_bytes())
    digest.update(sklearn.__version__.encode())
    return data_dir() / "models" / f"subevent-{digest.hexdigest()[:16]}.pickle"


def save_model(model: SubEventClassifier, path: Path | None = None) -> Path:
    """Write atomically (a concurrent reader never sees half a file) to `path`, by default the cache that
    load_classifier reads, whose models of older data or code are then removed."""
    target = path or model_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(model, handle)
    temporary.replace(target)
    if path is None:
        for stale in target.parent.glob("subevent-*.pickle"):
            if stale != target:
                stale.unlink(missing_ok=True)
    return target


@functools.lru_cache(maxsize=1)
def load_classifier() -> SubEventClassifier:
    """The trained classifier: from the cache, else trained now (a few seconds) and cached."""
    path = model_path()
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)
    model = train_model()
    save_model(model)
    return model
