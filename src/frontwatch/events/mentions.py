"""Event mentions in one sentence: general trigger rules over the parse, the trained classifier otherwise.

Rules (from ACLED's codebook definitions) handle what a bag-of-words model cannot see:
  * taking ground — who takes it decides the type: the state's own forces -> "Government regains
    territory"; a non-state group, or a state's forces on another state's soil -> "Non-state actor
    overtakes territory" (ACLED has no "foreign state takes territory" type; external forces are not the
    government of the location). The decision needs the location's country, so it is finished in
    assemble.py; here the mention keeps the verb, the taker and the places taken.
  * withdrawal without anyone named as taking over -> "Change to group/activity" (a change in a group's
    posture); with a new holder named -> "Non-violent transfer of territory".
  * destroying or looting property with no weapon named -> "Looting/property destruction" (destruction
    by shelling or air strike is coded by the weapon).
Any other sentence with a codebook trigger word or a casualty figure goes to the classifier; a sentence
the classifier calls non-conflict (diplomacy, disaster, crime) yields no event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from frontwatch.events.actors import Actor, actor_class, actor_from_phrase, find_actor_mentions, state_forces_name
from frontwatch.events.classifier import Prediction
from frontwatch.events.ontology import load_ontology
from frontwatch.events.triggers import NOT_CONFLICT, trigger_hits

TERRITORY_VERBS = {"liberate", "recapture", "retake", "regain", "reclaim", "capture", "seize", "overrun", "occupy", "enter",
                   "storm", "take", "free", "win", "wrest"}
# Verbs that say the ground goes back to whoever held it before: without a named taker, that is the state.
RECONQUEST_VERBS = {"liberate", "recapture", "retake", "regain", "reclaim", "free", "win"}
WITHDRAWAL_VERBS = {"withdraw", "retreat", "pull", "abandon", "flee", "evacuate"}
DESTRUCTION_VERBS = {"destroy", "demolish", "raze", "burn", "torch", "loot", "plunder", "pillage", "ransack", "steal", "vandalize",
                     "vandalise", "blow"}
# Objects of "destroy" that make it a fight or an interception, not property destruction.
MILITARY_OBJECTS = {"tank", "drone", "missile", "aircraft", "helicopter", "plane", "jet", "artillery", "howitzer", "launcher", "vehicle",
                    "position", "unit", "soldier", "troop", "depot", "ammunition", "equipment", "warship", "ship", "boat", "defense",
                    "defence", "radar", "rocket", "weapon"}
RULE_VERBS = TERRITORY_VERBS | WITHDRAWAL_VERBS | DESTRUCTION_VERBS
WEAPON_CLASSES = ("Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon", "Suicide bomb",
                  "Remote explosive/landmine/IED", "Grenade")
TERRITORY_TYPES = ("Government regains territory", "Non-state actor overtakes territory")
# Sub-event types of political violence (Battles, Explosions/Remote violence, Violence against civilians).
VIOLENT_TYPES = ("Armed clash", "Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon", "Suicide bomb",
                 "Remote explosive/landmine/IED", "Grenade", "Attack", "Sexual violence", "Abduction/forced disappearance")


@dataclass
class Mention:
    sub_event_type: str  # final for most rules; for "territory" mentions, assemble.py settles GRT vs NSAOT
    rule: str  # "territory", "withdrawal", "destruction", "classifier"
    start: int  # the trigger word(s)
    end: int
    score: float
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    verb: Optional[str] = None
    object_tokens: list = field(default_factory=list)  # tokens the act is done to (places taken, things destroyed)


def find_mentions(sentence, prediction: Prediction, casualty_found: bool, default_side: Optional[str],
                  casualty_group: Optional[str] = None) -> list[Mention]:
    """Mentions in a spaCy sentence Span. `prediction` is the classifier's view of the sentence;
    `casualty_found` says the sentence reports people killed or wounded (`casualty_group`: "civilian",
    "military" or None); `default_side` resolves "its troops" / "our forces" to the speaker's side."""
    weapon_named = any(label in WEAPON_CLASSES for label in trigger_hits(sentence.text))
    mentions = []
    for token in sentence:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":  # "the liberated city" describes, not reports
            continue
        if token.lemma_.lower() in RULE_VERBS and is_unrealised(token):
            continue
        lemma = token.lemma_.lower()
        if lemma in TERRITORY_VERBS and _takes_ground(token):
            mentions.append(_territory_mention(token, default_side))
        elif lemma in WITHDRAWAL_VERBS and _is_withdrawal(token):
            mentions.append(_withdrawal_mention(token, default_side))
        elif lemma in DESTRUCTION_VERBS and not weapon_named and _destroys_property(token):
            mentions.append(Mention("Looting/property destruction", "destruction", token.idx, token.idx + len(token.text), 0.8,
                                    actor1=_subject_actor(token, default_side), verb=lemma, object_tokens=_objects(token)))
    mentions = [mention for mention in mentions if mention is not None]
    if mentions:
        return mentions
    violent = [label for label in trigger_hits(sentence.text) if label in VIOLENT_TYPES]
    if prediction.sub_event_type == NOT_CONFLICT and not casualty_found and not violent:
        return []
    if not casualty_found and not has_conflict_trigger(sentence.text):
        return []
    sub_event_type = prediction.sub_event_type
    if sub_event_type == NOT_CONFLICT and violent:
        # Fighting words overrule a non-conflict reading ("fighting rages despite plane crash").
        sub_event_type = max(violent, key=lambda label: prediction.scores.get(label, -np.inf))
    if sub_event_type in TERRITORY_TYPES + (NOT_CONFLICT,):
        # No verb of taking ground was found ("the liberated city" only describes it), or a casualty figure
        # the classifier did not type: the best class that the sentence can support.
        sub_event_type = max((label for label in prediction.scores if label not in TERRITORY_TYPES + (NOT_CONFLICT,)),
                             key=prediction.scores.get)
    if casualty_found and sub_event_type not in trigger_hits(sentence.text):
        # A toll with no word of the chosen class: violence against civilians when the dead are civilians
        # ("1,000 residents died"), else fighting.
        sub_event_type = "Attack" if casualty_group == "civilian" else "Armed clash"
    # The trigger is the first word of the chosen class (else the sentence): the place nearest to it wins.
    spans = trigger_hits(sentence.text).get(sub_event_type)
    start, end = (sentence.start_char + spans[0][0], sentence.start_char + spans[0][1]) if spans else (sentence.start_char, sentence.end_char)
    trigger = sentence.doc.char_span(start, end, alignment_mode="expand") if spans else None
    governing = trigger.root if trigger is not None else sentence.root
    while governing.pos_ not in ("VERB", "AUX") and governing.head.i != governing.i:
        governing = governing.head  # "a rocket attack on the city" -> the verb that reports it
    if is_unrealised(sentence.root) or (not casualty_found and is_unrealised(governing)):
        return []  # people killed are a fact even "in an attempt to attack"
    return [Mention(sub_event_type, "classifier", start, end, prediction.score, actor1=_first_armed_actor(sentence, default_side))]


MODALS = {"should", "could", "would", "may", "might", "must", "can", "will", "shall", "ought"}
# Verbs whose complement has not happened (yet): "tried to capture", "plans to retake", "failed to take".
UNREALISED_HEADS = {"try", "attempt", "plan", "intend", "want", "aim", "hope", "seek", "threaten", "prepare", "fail", "need",
                    "vow", "pledge", "promise", "order", "urge", "call", "propose", "consider", "expect", "refuse", "deny"}
SUPPLY_VERBS = {"provide", "supply", "deliver", "sell", "buy", "produce", "manufacture", "request"}


def is_unrealised(verb) -> bool:
    """A verb that does not report something that happened: modal, infinitive, conditional, negated, the
    complement of an aim ("failed to capture"), or about supplying weapons ("provide cruise missiles")."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and (child.lemma_.lower() in MODALS or child.tag_ == "TO"):
            return True
        if child.dep_ == "mark" and child.lemma_.lower() in ("if", "unless", "whether"):
            return True
        if child.dep_ == "neg":
            return True
    if verb.lemma_.lower() in SUPPLY_VERBS:
        return True
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp", "acl") and head.i != verb.i and head.lemma_.lower() in UNREALISED_HEADS


def has_conflict_trigger(text: str) -> bool:
    """A codebook trigger word of an ACLED class (not of the diplomacy / disaster / crime classes)."""
    acled_classes = set(load_ontology().sub_event_types)
    return any(label in acled_classes for label in trigger_hits(text))


def could_report_event(sentence, deadly: bool) -> bool:
    """Cheap gate before the classifier: a casualty figure, a rule verb or a codebook trigger word."""
    return deadly or any(token.lemma_.lower() in RULE_VERBS for token in sentence) or has_conflict_trigger(sentence.text)


def _takes_ground(token) -> bool:
    lemma = token.lemma_.lower()
    children = list(token.children)
    particles = {child.lower_ for child in children if child.dep_ == "prt"}
    objects = [child for child in children if child.dep_ in ("dobj", "nsubjpass")]
    if lemma == "take":
        return "over" in particles or "back" in particles or any(child.lemma_.lower() == "control" for child in objects)
    if lemma == "win":
        return "back" in particles
    # "captured 200 soldiers", "seized weapons": people and things are not ground.
    for child in objects:
        if actor_class(child.text) in ("state", "nonstate", "civilians") or child.lemma_.lower() in MILITARY_OBJECTS | {"weapon", "arm", "prisoner"}:
            return False
    if lemma == "enter":
        subject = _subject_phrase(token)
        return subject is not None and actor_class(subject) in ("state", "nonstate")
    return True


def _is_withdrawal(token) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "pull" and not any(child.dep_ == "prt" and child.lower_ in ("out", "back") for child in token.children):
        return False
    subject = _subject_phrase(token)
    return subject is not None and actor_class(subject) in ("state", "nonstate")


def _destroys_property(token) -> bool:
    objects = _objects(token)
    words = {t.lemma_.lower() for obj in objects for t in [obj, *obj.children] if t.dep_ in ("compound", "amod") or t is obj}
    return bool(objects) and not words & MILITARY_OBJECTS


def _objects(token) -> list:
    """Direct objects (or passive subjects) of a verb with their conjuncts: "entered Volchansk and Velyky Burluk"."""
    heads = [child for child in token.children if child.dep_ in ("dobj", "nsubjpass", "attr")]
    if heads:  # the parser often hangs the second of two coordinated objects on the verb ("entered A and B")
        heads += [child for child in token.children if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN")]
    heads += [grandchild for child in token.children if child.dep_ == "prep" and child.lower_ in ("of", "from", "into", "in")
              for grandchild in child.children if grandchild.dep_ == "pobj"]
    found = []
    for head in heads:
        found.append(head)
        found.extend(conj for conj in head.conjuncts)
    return found


def _subject_phrase(token) -> Optional[str]:
    for child in token.children:
        if child.dep_ == "nsubj":
            return " ".join(t.text for t in child.subtree)
        if child.dep_ == "agent":
            return " ".join(t.text for t in child.subtree)
    if token.dep_ in ("xcomp", "conj", "advcl", "ccomp") and token.head.i != token.i:
        return _subject_phrase(token.head) if token.dep_ != "ccomp" else None
    return None


def _subject_actor(token, default_side: Optional[str]) -> Optional[Actor]:
    phrase = _subject_phrase(token)
    if not phrase:
        return None
    subject = next((child for child in token.children if child.dep_ in ("nsubj", "agent")), token)
    actor = actor_from_phrase(phrase, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
    return _with_side(actor, phrase, default_side)


def _with_side(actor: Optional[Actor], phrase: str, default_side: Optional[str]) -> Optional[Actor]:
    """ "its troops", "our forces": a state actor with no nationality belongs to the speaker's side."""
    if actor is None or actor.actor_class != "state" or actor.side != "unknown" or not default_side:
        return actor
    if default_side in ("civilians", "unknown") or not any(word in phrase.lower().split() for word in ("its", "our", "their", "we")):
        return actor
    return Actor(state_forces_name(default_side), default_side, "state", 1, actor.start, actor.end)


def _territory_mention(token, default_side: Optional[str]) -> Mention:
    lemma = token.lemma_.lower()
    taker = _subject_actor(token, default_side)
    if taker is not None and taker.actor_class not in ("state", "nonstate"):
        taker = None
    provisional = "Government regains territory" if (lemma in RECONQUEST_VERBS and (taker is None or taker.actor_class == "state")) \
        else "Non-state actor overtakes territory"
    return Mention(provisional, "territory", token.idx, token.idx + len(token.text), 0.85, actor1=taker, verb=lemma,
                   object_tokens=_objects(token))


def _withdrawal_mention(token, default_side: Optional[str]) -> Mention:
    actor = _subject_actor(token, default_side)
    return Mention("Change to group/activity", "withdrawal", token.idx, token.idx + len(token.text), 0.7, actor1=actor,
                   verb=token.lemma_.lower(), object_tokens=_objects(token))


def _first_armed_actor(sentence, default_side: Optional[str]) -> Optional[Actor]:
    """The subject of the sentence's main verb when it is an armed actor, else the first armed actor named."""
    root = sentence.root
    actor = _subject_actor(root, default_side) if root.pos_ in ("VERB", "AUX") else None
    if actor is not None and actor.actor_class in ("state", "nonstate"):
        return actor
    for candidate in find_actor_mentions(sentence.text, sentence.start_char):
        if candidate.actor_class in ("state", "nonstate"):
            return _with_side(candidate, sentence.text[candidate.start - sentence.start_char:candidate.end - sentence.start_char], default_side)
    return None
