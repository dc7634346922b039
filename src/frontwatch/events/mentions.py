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
Any other sentence with a codebook trigger word, an act of war read from the parse (a verb or noun of
combat done by or to an armed party: "Kiev forces shell LPR", "inflicted fire damage", "tried to
counterattack") or a casualty figure goes to the classifier; a sentence the classifier calls non-conflict
(diplomacy, disaster, crime) yields no event unless it names fighting, and deaths in a disaster or an
accident with no act of war are not an event. The classifier's Agreement and Disrupted weapons use need
their own words telling of something done (an agreement made, kept or ended by parties to the conflict;
weapons seized, intercepted or defused): op-eds and analyses name agreements and weapons without any event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from frontwatch.events.actors import Actor, actor_class, actor_from_phrase, armed_class, find_actor_mentions, names_armed_party, state_forces_name
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
# What police and soldiers seize that is not ground: "officers seized nine pistols, 31 loaded magazines".
SEIZED_THINGS = {"weapon", "arm", "prisoner", "pistol", "rifle", "gun", "firearm", "explosive", "grenade", "cartridge", "magazine", "cache",
                 "drug", "cash", "document", "passport", "phone", "car", "truck", "property", "asset"}
RULE_VERBS = TERRITORY_VERBS | WITHDRAWAL_VERBS | DESTRUCTION_VERBS
WEAPON_CLASSES = ("Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon", "Suicide bomb",
                  "Remote explosive/landmine/IED", "Grenade")
TERRITORY_TYPES = ("Government regains territory", "Non-state actor overtakes territory")
# Sub-event types of political violence (Battles, Explosions/Remote violence, Violence against civilians).
VIOLENT_TYPES = ("Armed clash", "Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon", "Suicide bomb",
                 "Remote explosive/landmine/IED", "Grenade", "Attack", "Sexual violence", "Abduction/forced disappearance")
NOT_CONFLICT_CLASSES = ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME")
# Strategic developments the classifier may only read from their own words (see find_mentions).
WORD_BOUND_TYPES = ("Agreement", "Disrupted weapons use")
PROTEST_TYPES = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration")
# Where an explosion with nobody armed named is most likely an accident.
_INDUSTRIAL = re.compile(r"\b(plant|factory|warehouse|refinery|boiler|gas|chemicals?|fertili[sz]er|fireworks|ammonium|solvents?|pipeline|"
                         r"coal ?mine|mine shaft|reactor|tanker truck)\b", re.IGNORECASE)

# Acts of war read from the parse, for the words the codebook's trigger list misses ("shell" in the present,
# "lost", "hit", "inflicted fire damage", "tried to counterattack"): lemma -> the sub-event types it can be,
# the classifier's scores choosing among several. Most count only when an armed party does them or suffers
# them ("Russian troops struck Kherson Oblast", not "the recession hit exports"); INTRINSIC ones are
# acts of war by themselves.
_STRIKES = ("Shelling/artillery/missile attack", "Air/drone strike")
_BLASTS = ("Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Air/drone strike")
_DESTRUCTION = ("Armed clash", "Shelling/artillery/missile attack", "Air/drone strike")
COMBAT_VERBS = {"shell": _STRIKES[:1], "bombard": _STRIKES[:1], "bomb": _STRIKES, "strike": _STRIKES, "hit": _STRIKES,
                "destroy": _DESTRUCTION, "eliminate": _DESTRUCTION, "defeat": _DESTRUCTION, "inflict": _DESTRUCTION,
                "attack": ("Armed clash",), "counterattack": ("Armed clash",), "fight": ("Armed clash",), "ambush": ("Armed clash",),
                "storm": ("Armed clash",), "assault": ("Armed clash",), "repel": ("Armed clash",), "repulse": ("Armed clash",),
                "fire": ("Armed clash",), "shoot": ("Armed clash",),
                "knock": ("Armed clash",), "break": ("Armed clash",), "open": ("Armed clash",), "advance": ("Armed clash",),
                "capture": ("Armed clash",), "seize": ("Armed clash",), "violate": ("Armed clash",),
                "surround": ("Armed clash",), "encircle": ("Armed clash",), "besiege": ("Armed clash",), "blockade": ("Armed clash",)}
COMBAT_NOUNS = {"shelling": _STRIKES[:1], "bombardment": _STRIKES[:1], "strike": _STRIKES, "explosion": _BLASTS, "blast": _BLASTS,
                "attack": ("Armed clash",), "counterattack": ("Armed clash",), "battle": ("Armed clash",), "fighting": ("Armed clash",),
                "offensive": ("Armed clash",), "assault": ("Armed clash",), "breakthrough": ("Armed clash",), "advance": ("Armed clash",),
                "firefight": ("Armed clash",), "hostility": ("Armed clash",), "exchange": ("Armed clash",), "fire": ("Armed clash",),
                "violation": ("Armed clash",), "breach": ("Armed clash",)}
INTRINSIC_COMBAT = {"shell", "bombard", "shelling", "bombardment", "counterattack", "ambush", "firefight", "hostility", "explosion", "blast",
                    "exchange", "violation", "breach", "violate"}  # "exchange" only of fire, "violation" only of a ceasefire
# Positions taken in a fight are not ground that changes hands (ACLED codes a battle, not a territorial
# change): "Ukraine says it captured new positions in eastern Ukraine".
_FIGHTING_POSITIONS = {"position", "trench", "stronghold", "strongpoint"}
# A ceasefire broken is fire opened: "violate ceasefire eleven times", "ceasefire violations by Ukrainian troops".
CEASEFIRE_WORDS = {"ceasefire", "cease-fire", "truce", "silence"}
_CEASEFIRE = re.compile(r"\b(cease ?-? ?fire|truce|silence)\b", re.IGNORECASE)
# Encircling is a battle when armed forces do it to a place or an armed party, not police around protesters.
ENCIRCLEMENT_VERBS = {"surround", "encircle", "besiege", "blockade"}
# Verbs that need a particular object or particle to be acts of war: "opened fire", "inflicted fire damage",
# "knocked out the enemy", "break through".
_REQUIRED_OBJECTS = {"open": {"fire"}, "inflict": {"defeat", "damage", "loss", "casualty", "strike", "blow"}, "knock": {"out"},
                     "break": {"through"}, "capture": _FIGHTING_POSITIONS, "seize": _FIGHTING_POSITIONS, "violate": CEASEFIRE_WORDS}
# An attempt that failed was still a fight: "tried to counterattack", "stopped an attempt to break through".
ATTEMPT_HEADS = {"try", "attempt", "fail"}


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


# Past forms the small English model leaves unlemmatised ("retook" stays "retook", "took" becomes "take").
_PAST_FORMS = {"retook": "retake", "re-took": "retake", "retaken": "retake", "overtook": "overtake"}


def verb_lemma(token) -> str:
    lemma = token.lemma_.lower()
    return _PAST_FORMS.get(lemma, lemma)


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
        lemma = verb_lemma(token)
        if lemma in RULE_VERBS and is_unrealised(token):
            continue
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
    hits = trigger_hits(sentence.text)
    violent = [label for label in hits if label in VIOLENT_TYPES]
    acts = _combat_acts(sentence, hits)
    fighting = bool(violent or acts)
    if prediction.sub_event_type == NOT_CONFLICT and not casualty_found and not fighting:
        return []
    if not casualty_found and not acts and not has_conflict_trigger(sentence.text):
        return []
    if not fighting and not has_conflict_trigger(sentence.text) and (any(label in hits for label in NOT_CONFLICT_CLASSES)
                                                                     or _INDUSTRIAL.search(sentence.text)):
        return []  # deaths in a flood, a plant explosion or a robbery are not political violence
    scores = lambda label: prediction.scores.get(label, -np.inf)  # noqa: E731
    act_types = list(dict.fromkeys(label for _, labels in acts for label in labels))
    sub_event_type = prediction.sub_event_type
    if act_types and sub_event_type not in hits:
        # The classifier's class has no word in the sentence, the parse found an act of war: its class.
        sub_event_type = max(act_types, key=scores)
    elif sub_event_type == NOT_CONFLICT and violent:
        # Fighting words overrule a non-conflict reading ("fighting rages despite plane crash").
        sub_event_type = max(violent, key=scores)
    if sub_event_type in TERRITORY_TYPES + (NOT_CONFLICT,):
        # No verb of taking ground was found ("the liberated city" only describes it), or a casualty figure
        # the classifier did not type: the best class that the sentence can support.
        sub_event_type = max((label for label in prediction.scores if label not in TERRITORY_TYPES + (NOT_CONFLICT,)), key=scores)
    if sub_event_type in WORD_BOUND_TYPES and sentence.text.rstrip(" \"'”’)").endswith("?"):
        return []  # "But are NATO allies in agreement on the Russia-Ukraine crisis?" asks, it reports no agreement
    if sub_event_type in WORD_BOUND_TYPES and sub_event_type not in hits and not casualty_found:
        # The classifier's Agreement or Disrupted weapons use with none of its words in the sentence is read
        # from the topic, not from a report: op-eds and analyses talk like the news they discuss ("America
        # faces the momentous choice between engagement and retreat"). An act of war the sentence names is
        # what it reports, else nothing.
        if not violent and not act_types:
            return []
        sub_event_type = max(dict.fromkeys(violent + act_types), key=scores)
    if casualty_found and sub_event_type not in hits and sub_event_type not in act_types:
        # A toll with no word of the chosen class: violence against civilians when the dead are civilians
        # ("1,000 residents died"), else fighting.
        sub_event_type = "Attack" if casualty_group == "civilian" else "Armed clash"
    if casualty_found and sub_event_type in PROTEST_TYPES + ("Attack", "Armed clash") \
            and any(_tells_main_act(sentence, span) for span in _trigger_spans(sentence, "Excessive force against protesters", hits, acts)):
        # "Police opened fire on protesters ..., killing two": the codebook's lethal force against a demonstration,
        # named by its words in what the sentence tells, with people harmed. Not when the firing is another
        # day's background ("gathered on Sunday, undeterred by the bloodiest episode ... when security forces
        # opened fire on protesters, killing two": the gathering is the event).
        sub_event_type = "Excessive force against protesters"
    if is_unrealised(sentence.root) and not any(_presupposed(sentence, span) for span in _trigger_spans(sentence, sub_event_type, hits, acts)):
        return []  # "G7 should strengthen sanctions after missile strikes on Kyiv": the strikes happened
    # The trigger is the first word of the chosen class that reports something that happened (else the
    # sentence): the place nearest to it wins. People killed are a fact even "in an attempt to attack".
    candidates = _trigger_spans(sentence, sub_event_type, hits, acts)
    realised = [span for span in candidates if casualty_found or not _unrealised_span(sentence, span)]
    if sub_event_type == "Agreement":
        realised = [span for span in realised if _agreement_made(sentence, span)]
    elif sub_event_type == "Disrupted weapons use":
        realised = [span for span in realised if _disrupts_weapons(sentence, span, hits)]
    if candidates and not realised:
        # "in bloody battle to oust pro-Russian gunmen": the chosen word is only aimed at; another act happened.
        for label in dict.fromkeys(violent + act_types):
            realised = [span for span in _trigger_spans(sentence, label, hits, acts) if not _unrealised_span(sentence, span)]
            if realised:
                sub_event_type = label
                break
        else:
            if not casualty_found:
                return []
            # "Two soldiers killed in eastern Ukraine despite ceasefire": no agreement made, the deaths are the event.
            sub_event_type = "Attack" if casualty_group == "civilian" else "Armed clash"
    elif not candidates and not casualty_found:
        # No word of the chosen class: the sentence reports an event only if some act in it happened
        # ("Ukraine plans to retake Crimea" reports none).
        acled = set(load_ontology().sub_event_types)
        spans = [span for label in hits if label in acled for span in _trigger_spans(sentence, label, hits, acts)]
        if spans and all(_unrealised_span(sentence, span) for span in spans):
            return []
    start, end = realised[0] if realised else (sentence.start_char, sentence.end_char)
    return [Mention(sub_event_type, "classifier", start, end, prediction.score, actor1=_first_armed_actor(sentence, default_side))]


# What an agreement is, and the acts that make, keep or end one: a ceasefire announced, talks resumed, a
# deal reached, broken or withdrawn from is an event; one only named ("prohibited under the Minsk agreements",
# "the agreement was that ...", "a negotiated settlement") is not.
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "ceasefire", "cease-fire", "truce", "talk", "negotiation", "memorandum", "pact", "swap",
                   "exchange", "treaty", "settlement", "surrender"}
AGREEMENT_ACTS = {"reach", "sign", "conclude", "agree", "announce", "declare", "broker", "strike", "seal", "hold", "start", "begin", "resume",
                  "join", "accept", "approve", "extend", "renew", "violate", "break", "collapse", "suspend", "withdraw", "take", "enter",
                  "end", "complete", "carry", "conduct"}
# Verbs that report their complement as done: "is said to have taken place", "was reported to have ended".
REPORTED_AS = {"say", "report", "believe", "confirm", "understand", "know", "think"}
# Who can agree in the codebook's sense: states, their leaders and armed parties (not "we agreed to conduct
# interviews", "The Post agreed to withhold", "an analyst agreed with that assessment").
_AGREEING_PARTIES = re.compile(r"\b(government|president|leader|side|parties|authorities|kremlin|minist\w+)s?\b", re.IGNORECASE)


def _agreeing_party(phrase: str) -> bool:
    return names_armed_party(phrase, as_subject=True) or bool(_AGREEING_PARTIES.search(phrase))


def _agreement_made(sentence, span: tuple[int, int]) -> bool:
    """The agreement word at `span` reports an agreement made, kept or ended by parties to the conflict."""
    trigger = sentence.doc.char_span(span[0], span[1], alignment_mode="expand")
    if trigger is None:
        return True
    token = trigger.root
    if token.dep_ == "amod":
        return False  # "a negotiated settlement", "agreed lists"
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        if lemma == "agree":
            # "agreed that ...", "agreed with that assessment": an opinion shared, not a deal between parties.
            partners = [" ".join(t.text for t in child.subtree) for child in token.children if child.dep_ == "prep" and child.lower_ == "with"]
            if any(child.dep_ == "ccomp" for child in token.children) or any(not _agreeing_party(partner) for partner in partners):
                return False
            if any(child.dep_ == "nsubjpass" for child in token.children) or token.dep_ == "acl":
                return True  # "a corridor had been agreed on with Russia", "Three humanitarian corridors agreed for March 30"
            subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON" and subject.ent_type_ not in ("PERSON", "ORG", "NORP") \
                    and actor_class(subject.text) is None:
                return True  # what was agreed, as the subject: "Three humanitarian corridors agreed for March 30"
            phrase = _subject_phrase(token)
            return phrase is not None and _agreeing_party(phrase)
        if lemma == "sign":
            return any(t.lemma_.lower() in AGREEMENT_NOUNS for t in _objects(token))
        return True
    head = token
    while head.dep_ in ("compound", "pobj", "prep", "conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.i == token.i:
        head = token.head
    if verb_lemma(head) in REPORTED_AS:  # "a prisoner swap ... is said to have taken place": reported as done
        act = next((child for child in head.children if child.dep_ == "xcomp"), None)
        return act is not None and verb_lemma(act) in AGREEMENT_ACTS and not any(child.dep_ == "neg" for child in act.children) \
            and not is_unrealised(head)
    return head.pos_ in ("VERB", "AUX") and verb_lemma(head) in AGREEMENT_ACTS and not is_unrealised(head)


def _disrupts_weapons(sentence, span: tuple[int, int], hits: dict) -> bool:
    """ "Air defence" names a capability ("Ukraine needs air defense systems"), not an interception, and
    "dismantling" disrupts weapons only when weapons are named ("dismantling a humanities program")."""
    word = sentence.doc.text[span[0]:span[1]].lower()
    if re.fullmatch(r"air defen[cs]e", word):
        return False
    return not word.startswith("dismantl") or any(label in hits for label in WEAPON_CLASSES)


def _trigger_spans(sentence, label: str, hits: dict, acts: list) -> list[tuple[int, int]]:
    """Document offsets of the words of class `label` in the sentence: trigger words, then acts of war."""
    spans = [(sentence.start_char + start, sentence.start_char + end) for start, end in hits.get(label, ())]
    spans += [(token.idx, token.idx + len(token.text)) for token, labels in acts if label in labels]
    return sorted(set(spans))


def _tells_main_act(sentence, span: tuple[int, int]) -> bool:
    """The words at `span` belong to the sentence's main clause (or what its speaker says), not to a
    subordinate clause about something else ("... after guards opened fire", "the day when police fired")."""
    trigger = sentence.doc.char_span(span[0], span[1], alignment_mode="expand")
    token = trigger.root if trigger is not None else sentence.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    while token.head.i != token.i:
        if token.dep_ not in ("conj", "ccomp"):
            return False
        token = token.head
    return True


def _unrealised_span(sentence, span: tuple[int, int]) -> bool:
    """The verb that reports the words at `span` ("a rocket attack on the city" -> its verb) did not happen,
    unless it was an attempt: a failed attack was still a fight."""
    if _presupposed(sentence, span):
        return False  # "sends tanks to fight rebels in airport battle": the battle is a given
    trigger = sentence.doc.char_span(span[0], span[1], alignment_mode="expand")
    governing = trigger.root if trigger is not None else sentence.root
    while governing.pos_ not in ("VERB", "AUX") and governing.head.i != governing.i:
        governing = governing.head
        if governing.lemma_.lower() in IRREALIS_NOUNS:
            return True  # "the risk of a Russian army attack"
    if governing.lemma_.lower() in WANT_VERBS and trigger is not None:
        wanted = trigger.root
        while wanted.dep_ in ("compound", "conj", "amod") and wanted.head.i != wanted.i:
            wanted = wanted.head
        if wanted.dep_ == "dobj":
            return True  # "Ukraine needs air defense systems and artillery ammunition": weapons wanted, not used
    return is_unrealised(governing) and not _attempted(governing)


def _presupposed(sentence, span: tuple[int, int]) -> bool:
    """An act named by a noun after "in", "after", "amid"... is taken as given ("in airport battle")."""
    trigger = sentence.doc.char_span(span[0], span[1], alignment_mode="expand")
    if trigger is None:
        return False
    noun = trigger.root
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in PRESUPPOSING_PREPOSITIONS \
        and not any(child.lemma_.lower() in UNREALISED_MODIFIERS for child in noun.children)


def _attempted(verb) -> bool:
    """ "tried to counterattack", "an attempt to attack": the complement of an attempt that was made."""
    head = verb.head
    return verb.dep_ in ("xcomp", "acl") and head.i != verb.i and head.lemma_.lower() in ATTEMPT_HEADS \
        and not any(child.dep_ == "neg" for child in verb.children) and (head.pos_ != "VERB" or not is_unrealised(head))


def _combat_acts(sentence, hits: Optional[dict] = None) -> list[tuple[object, tuple[str, ...]]]:
    """Tokens that report an act of war, each with the sub-event types it can be (see COMBAT_VERBS)."""
    hits = trigger_hits(sentence.text) if hits is None else hits
    acts = []
    for token in sentence:
        lemma = _combat_lemma(token)
        if token.pos_ == "VERB" and lemma in COMBAT_VERBS:
            labels = COMBAT_VERBS[lemma]
            required = _REQUIRED_OBJECTS.get(lemma)
            if required and not any(child.lemma_.lower() in required for child in token.children if child.dep_ in ("dobj", "prt", "prep")) \
                    and not (lemma in ("capture", "seize") and any(names_armed_party(" ".join(t.text for t in obj.subtree)) for obj in _objects(token))):
                continue  # fighters taken prisoner were fought: "Militants from Ukraine's unit Azov capture three DPR servicemen"
            if any(child.dep_ in ("prt", "advmod") and child.lower_ == "back" for child in token.children):
                continue  # "Russia strikes back at US, expels diplomats": retaliation in words
            if lemma in ENCIRCLEMENT_VERBS and any(actor_class(" ".join(t.text for t in obj.subtree)) in ("protesters", "rioters", "civilians")
                                                   for obj in _objects(token)):
                continue  # "police surrounded the protesters"
            if lemma in INTRINSIC_COMBAT or _armed_parties(token) or _military_objects(token):
                acts.append((token, labels))
        elif token.pos_ in ("NOUN", "PROPN") and lemma in COMBAT_NOUNS:
            if token.dep_ == "compound" or any(child.lemma_.lower() in UNREALISED_MODIFIERS for child in token.children):
                continue  # "attack helicopters", "a possible attack"
            if lemma == "exchange" and not any(t.lower_ == "fire" for t in token.subtree):
                continue
            if lemma in ("violation", "breach") and not _CEASEFIRE.search(" ".join(t.text for t in [*token.subtree, token.head])):
                continue  # "breach of contract"
            if lemma == "advance" and token.head.lower_ == "in" and not list(token.children):
                continue  # "in advance"
            if lemma in ("explosion", "blast", "fire") and (_accidental(sentence.text, hits) or _accidental(_surroundings(sentence))):
                continue  # "fire broke out", "blasts at the plant"
            if lemma in INTRINSIC_COMBAT or _armed_parties(token) or (token.head.i != token.i and _armed_parties(token.head)) \
                    or (lemma == "strike" and _aimed_at_a_target(token)):
                acts.append((token, COMBAT_NOUNS[lemma]))
    return acts


def _combat_lemma(token) -> str:
    """The lemma, or the singular of a plural the lemmatiser kept as it is (a capitalised "Exchanges of fire")."""
    lemma = token.lemma_.lower()
    if lemma not in COMBAT_VERBS and lemma not in COMBAT_NOUNS and lemma.endswith("s") and lemma[:-1] in COMBAT_NOUNS:
        return lemma[:-1]
    return lemma


def _accidental(text: str, hits: Optional[dict] = None) -> bool:
    """Disaster, crime or industrial words and no weapon or fighting word: an explosion or fire there is an accident."""
    hits = trigger_hits(text) if hits is None else hits
    return (any(label in hits for label in NOT_CONFLICT_CLASSES) or bool(_INDUSTRIAL.search(text))) \
        and not any(label in hits for label in VIOLENT_TYPES)


def _surroundings(sentence, reach: int = 80) -> str:
    """The sentence's paragraph, at most `reach` tokens on either side of it (a paragraph can be a whole page)."""
    doc = sentence.doc
    window = doc[max(0, sentence.start - reach):min(len(doc), sentence.end + reach)]
    text, offset = window.text, sentence.start_char - window.start_char
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset + len(sentence.text))
    return text[start:end if end >= 0 else len(text)]


def _armed_parties(token) -> bool:
    """Someone armed does or suffers the act: its subject, agent, object or the object of its preposition."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent", "dobj", "prep", "poss", "compound", "amod", "pobj"):
            phrase = " ".join(t.text for t in child.subtree)
            if names_armed_party(phrase, as_subject=child.dep_ in ("nsubj", "agent", "poss", "compound", "amod")):
                return True
    # "Border guards stopped an attempt to break through": the subject of the verb the act hangs from.
    head = token
    while head.dep_ in ("xcomp", "conj", "acl", "dobj") and head.head.i != head.i:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            subject = next((child for child in head.children if child.dep_ == "nsubj"), None)
            return subject is not None and names_armed_party(" ".join(t.text for t in subject.subtree), as_subject=True)
    return False


def _aimed_at_a_target(token) -> bool:
    """ "strikes on Druzhkivka", "missile strike", "strikes on enemy positions": a strike with a weapon or at a
    place or a military target (not "a strike on Monday", "went on strike against the law")."""
    if token.head.lower_ == "on":
        return False
    if any(child.dep_ in ("compound", "amod") and child.lemma_.lower() in WEAPON_WORDS for child in token.children):
        return True
    targets = [grandchild for child in token.children if child.dep_ == "prep" and child.lower_ in ("on", "against")
               for grandchild in child.children if grandchild.dep_ == "pobj"]
    # A proper name is a place more often than not here: the tagger calls rare towns ORG ("strikes on Druzhkivka").
    return any(target.ent_type_ in ("GPE", "LOC", "FAC") or target.pos_ == "PROPN" and target.ent_type_ not in ("DATE", "TIME", "PERSON", "NORP")
               or target.lemma_.lower() in MILITARY_OBJECTS
               or names_armed_party(" ".join(t.text for t in target.subtree)) for target in targets)


def _military_objects(token) -> bool:
    return any(t.lemma_.lower() in MILITARY_OBJECTS for obj in _objects(token) for t in [obj, *obj.children]
               if t is obj or t.dep_ in ("compound", "amod"))


MODALS = {"should", "could", "would", "may", "might", "must", "can", "will", "shall", "ought"}
# Verbs whose complement has not happened (yet): "tried to capture", "plans to retake", "failed to take".
UNREALISED_HEADS = {"try", "attempt", "plan", "intend", "want", "aim", "hope", "seek", "threaten", "prepare", "fail", "need",
                    "vow", "pledge", "promise", "order", "urge", "call", "propose", "consider", "expect", "refuse", "deny", "wish",
                    "demand", "ask"}
# Modifiers of an act that has not happened (yet): "a possible attack", "the planned offensive".
UNREALISED_MODIFIERS = {"possible", "potential", "imminent", "planned", "hypothetical", "future", "feared", "prospective"}
# Prepositions that take an act as given, whatever the verb they hang from: "in the battle", "after shelling",
# "a mission into the explosion", "sanctions over the strike".
PRESUPPOSING_PREPOSITIONS = {"in", "after", "during", "following", "despite", "amid", "amidst", "since", "into", "over"}
# Weapons that make a strike an attack: "missile strike", "air strike".
WEAPON_WORDS = {"missile", "air", "drone", "rocket", "artillery", "airstrike", "bomb", "mortar", "precision", "retaliatory"}
# Nouns whose complement has not happened: "the risk of an attack", "threat of an offensive".
IRREALIS_NOUNS = {"risk", "threat", "fear", "possibility", "prospect", "danger", "warning", "likelihood", "scenario", "chance",
                  "hope", "plan", "goal", "aim", "ambition", "intention"}
# Verbs whose object is wanted, not used: "needs artillery ammunition".
WANT_VERBS = {"need", "want", "lack", "seek", "request"}
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
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() in IRREALIS_NOUNS:
        return True  # "Ukraine's chances for retaking territory", "the plan of capturing Kyiv"
    return verb.dep_ in ("xcomp", "ccomp", "acl") and head.i != verb.i and head.lemma_.lower() in UNREALISED_HEADS


def has_conflict_trigger(text: str) -> bool:
    """A codebook trigger word of an ACLED class (not of the diplomacy / disaster / crime classes)."""
    acled_classes = set(load_ontology().sub_event_types)
    return any(label in acled_classes for label in trigger_hits(text))


def could_report_event(sentence, deadly: bool) -> bool:
    """Cheap gate before the classifier: a casualty figure, a rule verb, a word of combat or a codebook trigger word."""
    return deadly or any(verb_lemma(token) in RULE_VERBS | COMBAT_VERBS.keys() | COMBAT_NOUNS.keys() for token in sentence) \
        or has_conflict_trigger(sentence.text)


def _takes_ground(token) -> bool:
    lemma = verb_lemma(token)
    children = list(token.children)
    particles = {child.lower_ for child in children if child.dep_ == "prt"}
    objects = [child for child in children if child.dep_ in ("dobj", "nsubjpass")]
    if lemma == "take":
        return "over" in particles or "back" in particles or any(child.lemma_.lower() == "control" for child in objects)
    if lemma == "win":
        return "back" in particles
    # "captured 200 soldiers", "seized weapons": people and things are not ground.
    for child in objects:
        if actor_class(child.text) in ("state", "nonstate", "civilians") or child.lemma_.lower() in MILITARY_OBJECTS | SEIZED_THINGS:
            return False
    if lemma == "enter":
        subject = _subject_phrase(token)
        return subject is not None and armed_class(subject) in ("state", "nonstate")
    return True


def _is_withdrawal(token) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "pull" and not any(child.dep_ == "prt" and child.lower_ in ("out", "back") for child in token.children):
        return False
    subject = _subject_phrase(token)
    return subject is not None and armed_class(subject) in ("state", "nonstate")


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
    lemma = verb_lemma(token)
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
