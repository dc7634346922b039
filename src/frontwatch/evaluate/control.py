"""`frontwatch eval control`: settlement control changes derived from the headline corpora, scored
against Wikipedia's "held by" transitions (../shared/eval/control/wikipedia_control_transitions_dev.csv).

A derived change matches a gold transition when the settlement is the same (same GeoNames record, or
within 5 km of Wikipedia's coordinates), the new status is the same (UA / RU / contested), and our date
is within 3 days of the gold date. Gold date: Wikipedia's `as_of` when it is a day no earlier than
14 days before the scrape (`snapshot_date`) and not after it; otherwise (`as_of` empty, a month only, or a
stale date carried over from an older edit) the scrape date, which lags the change by a day or more.

Edits that the next edit of the same settlement undoes within the matching window (Wikipedia's edit wars:
Kharkiv Ukraine -> Contested -> Ukraine on 3-4 March 2022) are left out of the gold.

Recall counts the transitions reachable from the corpora: a sentence of some item dated within the matching
window names the settlement (any GeoNames spelling) and uses a control word; a town named only in news of
shelling or evacuations reports no change. Only items with a control word go through the pipeline.
Precision counts our changes on settlements that Wikipedia's table tracks (an edit of the file names the place
with a control status, even an edit left out of the gold such as Kharkiv's reverted one; its own record, or a
record of the same name within 5 km), dated in the months the gold covers; changes elsewhere cannot be
judged and are only counted. The baseline (any headline saying "liberated"/"captured" next to a settlement
-> a change that day) is measured in the same run on the same pipeline outputs.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import pickle
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from frontwatch.config import SOURCE_ROOT, data_dir, gazetteer_path, shared_dir
from frontwatch.control.settlements import haversine_km, load_settlements
from frontwatch.control.statements import find_statements
from frontwatch.control.statuses import RU, UA, status_of_side
from frontwatch.control.timeline import derive_changes
from frontwatch.errors import InputError
from frontwatch.evaluate.report import f1, print_table
from frontwatch.geo.names import normalize
from frontwatch.ingest.readers import read_file
from frontwatch.model import ControlChange, ExtractionResult, RawDocument

MATCH_KM = 5.0
MATCH_DAYS = 3
AS_OF_MAX_LAG_DAYS = 14
CORPORA = ("ruwa_headlines_dev.csv", "cnn_liveblog_headlines_dev.csv")
# The pipeline stages whose code decides what the cached outputs are.
PIPELINE_CODE = ("model.py", "pipeline.py", "ingest", "nlp", "geo", "events")
# Items without any of these stems cannot hold a control statement; only the others go through the
# pipeline. Broader than the statement rules on purpose, so that tuning those does not re-run the pipeline.
CANDIDATE_WORDS = re.compile(
    r"\b(?:liberat|captur|seiz|retak|retook|recaptur|regain|reclaim|free|occup|de-?occup|control|enter|withdr|retreat"
    r"|pull|fle[de]|abandon|los[et]|fight|battl|clash|struggl|combat|storm|assault|siege|besieg|encircl|surround"
    r"|contest|fall|fell|took|tak|hostilit|flag|bank|held|overr|firefight|street|embattl|victor|clear|push|drove|driv|oust"
    r"|kick|advanc|ced(?:e|es|ed|ing)\b)", re.IGNORECASE)


def add_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, help="transitions CSV (default: ../shared/eval/control/wikipedia_control_transitions_dev.csv)")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="headline CSV (repeatable; default: both headline corpora in ../shared/corpus)")
    parser.add_argument("--limit", type=int, help="read only the first N items of each corpus (quick checks)")
    parser.add_argument("--no-cache", action="store_true", help="re-run the pipeline even when cached outputs exist")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print N false positives and misses")


@dataclass
class GoldTransition:
    name: str
    from_status: Optional[str]
    to_status: str
    date: dt.date
    date_source: str  # "as_of" or "snapshot"
    latitude: Optional[float]
    longitude: Optional[float]
    geonameid: Optional[int]
    line: int


def run(args) -> int:
    gold_path = args.gold or shared_dir() / "eval" / "control" / "wikipedia_control_transitions_dev.csv"
    corpora = args.corpus or [shared_dir() / "corpus" / name for name in CORPORA]
    gold, skipped, followed = load_gold(gold_path)
    started = time.perf_counter()
    items, results = [], []
    for corpus in corpora:
        corpus_items = read_corpus(corpus, args.limit)
        items.extend(corpus_items)
        results.extend(pipeline_outputs(corpus, corpus_items, args.limit, use_cache=not args.no_cache))
    pipeline_seconds = time.perf_counter() - started
    started = time.perf_counter()
    statements = [statement for result in results for statement in find_statements(result)]
    changes = derive_changes(statements)
    derive_seconds = time.perf_counter() - started
    baseline = baseline_changes(results)

    reachable = reachable_transitions(gold, items)
    gold_months = {(g.date.year, g.date.month) for g in gold}
    tracked = _tracked_places(followed)

    print(f"gold: {len(gold)} control transitions in {gold_path.name} ({skipped} relabellings, non-control labels, reverted edits or same-day repeats left out; "
          f"{sum(g.date_source == 'as_of' for g in gold)} dated by as_of, the rest by snapshot_date); "
          f"{len(reachable)} reachable: named with a control word in a sentence of a corpus item within {MATCH_DAYS} days ({len(items)} items)")
    print(f"pipeline: {len(results)} items with a control word, {pipeline_seconds:.1f} s (outputs cached under data_dir()); "
          f"control derivation {derive_seconds:.2f} s: {len(statements)} statements -> {len(changes)} changes")
    rows = []
    for label, candidates in (("frontwatch (all changes)", changes),
                              ("frontwatch (confirmed only)", [c for c in changes if c.status == "confirmed"]),
                              ("baseline: liberated/captured headline", baseline)):
        judged = [c for c in candidates if (c.date.year, c.date.month) in gold_months and _is_tracked(c, tracked)]
        score = score_changes(judged, reachable)
        rows.append([label, len(candidates), len(judged), score.true_positives, score.precision, score.recall,
                     f1(score.precision, score.recall), score.median_date_error, score.median_date_error_as_of])
        if args.show_errors and label.startswith("frontwatch (all"):
            _show_errors(score, args.show_errors)
    print_table("Control changes vs Wikipedia transitions (reachable gold)",
                ["system", "changes", "judged", "matched", "precision", "recall", "F1", "median |date error| (days)",
                 "same, as_of-dated gold"], rows)
    return 0


def load_gold(path: Path) -> tuple[list[GoldTransition], int, list[GoldTransition]]:
    """Control transitions (relabellings such as "Donetsk PR -> Russia", non-control labels, edits undone
    within the matching window and repeats of the same change on the same day left out), how many rows were
    left out, and every edit that names a control status on either side: the settlements the table follows,
    including those whose only edits were relabellings or an edit war (Kharkiv, 3-4 March 2022)."""
    if not path.exists():
        raise InputError(str(path), "gold transitions file not found")
    transitions, followed, skipped, seen = [], [], 0, set()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"snapshot_date", "name", "from", "to", "as_of", "lat", "lon"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(str(path), f"not a transitions CSV: no column {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            before, after = status_of_side(row["from"]), status_of_side(row["to"])
            try:
                snapshot = dt.date.fromisoformat(row["snapshot_date"])
            except (TypeError, ValueError):
                raise InputError(str(path), f"line {line}: snapshot_date {row['snapshot_date']!r} is not a YYYY-MM-DD day") from None
            as_of = _parse_as_of(row["as_of"])
            use_as_of = as_of is not None and snapshot - dt.timedelta(days=AS_OF_MAX_LAG_DAYS) <= as_of <= snapshot
            latitude, longitude = _float(row["lat"]), _float(row["lon"])
            if before is None and after is None:
                skipped += 1
                continue
            transition = GoldTransition(row["name"], before, after or before, as_of if use_as_of else snapshot,
                                        "as_of" if use_as_of else "snapshot", latitude, longitude,
                                        _gold_geonameid(row["name"], latitude, longitude), line)
            followed.append(transition)
            if after is None or before == after:
                skipped += 1
                continue
            transitions.append(transition)
    unreverted = _without_reverted_edits(transitions)
    kept = []
    for transition in unreverted:
        key = (transition.geonameid or transition.name, transition.to_status, transition.date)
        if key not in seen:  # an edit war (RU, contested, RU "as of" one day) is one change, not two
            seen.add(key)
            kept.append(transition)
    return kept, skipped + len(transitions) - len(kept), followed


def _without_reverted_edits(transitions: list[GoldTransition]) -> list[GoldTransition]:
    """Leave out an edit that the next edit of the same settlement undid within the matching window
    (Kharkiv Ukraine -> Contested on 3 March 2022, back on the 4th): Wikipedia's edit wars, no change of
    control that any report could match."""
    by_place: dict[object, list[GoldTransition]] = defaultdict(list)
    for transition in transitions:
        by_place[transition.geonameid or transition.name].append(transition)
    reverted: set[int] = set()
    for history in by_place.values():
        history.sort(key=lambda t: t.line)  # the scrapes' order
        for first, second in zip(history, history[1:]):
            if first.line in reverted:
                continue
            undone = (first.from_status is not None and second.to_status == first.from_status
                      and second.from_status == first.to_status)
            if undone and abs((second.date - first.date).days) <= MATCH_DAYS:
                reverted.update((first.line, second.line))
    return [t for t in transitions if t.line not in reverted]


def _float(value: str) -> Optional[float]:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _parse_as_of(value: str) -> Optional[dt.date]:
    value = (value or "").replace("\xa0", " ").strip()
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _gold_geonameid(name: str, latitude: Optional[float], longitude: Optional[float]) -> Optional[int]:
    """The GeoNames settlement Wikipedia means: same name within 5 km, else the nearest within 5 km."""
    if latitude is None or longitude is None:
        return None
    settlements = load_settlements()
    distances = settlements.distances_km(latitude, longitude)
    near = np.flatnonzero(distances <= MATCH_KM)
    if not len(near):
        return None
    key = normalize(name)
    same_name = [i for i in near if key in {normalize(n) for n in [settlements.name[i], *settlements.alternate_names[i].split(",")] if n}]
    pool = same_name or list(near)
    return int(settlements.geonameid[min(pool, key=lambda i: distances[i])])


def _distance_km(change: ControlChange, gold: GoldTransition) -> float:
    if gold.latitude is None or gold.longitude is None:
        return 0.0
    return float(haversine_km(change.latitude, change.longitude, gold.latitude, gold.longitude))


def _same_place(change: ControlChange, gold: GoldTransition) -> bool:
    if gold.geonameid is not None and change.geonameid == gold.geonameid:
        return True
    if gold.latitude is not None and gold.longitude is not None:
        return _distance_km(change, gold) <= MATCH_KM
    return normalize(change.name) == normalize(gold.name)


@dataclass
class Score:
    true_positives: int
    precision: float
    recall: float
    median_date_error: Optional[float]
    median_date_error_as_of: Optional[float]  # against Wikipedia's own date only (the scrape date lags)
    false_positives: list
    misses: list


def score_changes(changes: list[ControlChange], gold: list[GoldTransition]) -> Score:
    """One-to-one matching, closest dates first; at equal dates the same GeoNames record, then the nearer
    settlement (two villages 1 km apart both changing hands on one day match their own records)."""
    pairs = []
    for i, change in enumerate(changes):
        for j, transition in enumerate(gold):
            gap = abs((change.date - transition.date).days)
            if gap <= MATCH_DAYS and change.to_status == transition.to_status and _same_place(change, transition):
                pairs.append((gap, change.geonameid != transition.geonameid, _distance_km(change, transition), i, j))
    used_changes, used_gold, errors, as_of_errors = set(), set(), [], []
    for gap, _, _, i, j in sorted(pairs):
        if i in used_changes or j in used_gold:
            continue
        used_changes.add(i)
        used_gold.add(j)
        errors.append(gap)
        if gold[j].date_source == "as_of":
            as_of_errors.append(gap)
    matched = len(used_changes)
    precision = matched / len(changes) if changes else 0.0
    recall = len(used_gold) / len(gold) if gold else 0.0
    return Score(matched, precision, recall, statistics.median(errors) if errors else None,
                 statistics.median(as_of_errors) if as_of_errors else None,
                 [c for i, c in enumerate(changes) if i not in used_changes],
                 [g for j, g in enumerate(gold) if j not in used_gold])


def _tracked_places(gold: list[GoldTransition]) -> list[GoldTransition]:
    seen, unique = set(), []
    for transition in gold:
        key = (transition.geonameid, transition.name)
        if key not in seen:
            seen.add(key)
            unique.append(transition)
    return unique


def _is_tracked(change: ControlChange, tracked: list[GoldTransition]) -> bool:
    """Does Wikipedia's table follow this settlement? Its own record, or a record of the same name within 5 km;
    another village within 5 km of a tracked town (Kokhanivka by Kalynivske) is one the table cannot judge."""
    return any(change.geonameid == transition.geonameid
               or (_same_place(change, transition) and (transition.geonameid is None or _shares_name(change, transition)))
               for transition in tracked)


def _shares_name(change: ControlChange, gold: GoldTransition) -> bool:
    settlements = load_settlements()
    index = settlements.index_of.get(change.geonameid)
    names = {change.name} if index is None else {settlements.name[index], *settlements.alternate_names[index].split(",")}
    return normalize(gold.name) in {normalize(name) for name in names if name}


def reachable_transitions(gold: list[GoldTransition], items: list[RawDocument]) -> list[GoldTransition]:
    """Transitions that some corpus item dated within the matching window reports: a sentence of it names
    the settlement (any GeoNames spelling, or Wikipedia's) and uses a control word. Read from the text, not
    from our geoparser: a place the geoparser misses is our miss. A name in a sentence about shelling or
    evacuation ("Rocket strikes kill 11 in Kharkiv") reports no change of control."""
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    for item in items:
        if item.published and item.text:
            by_day[item.published].extend(normalize(sentence) for sentence in _SENTENCE_BREAK.split(item.text)
                                          if CANDIDATE_WORDS.search(sentence))
    reachable = []
    for transition in gold:
        pattern = _name_pattern(transition)
        days = [transition.date + dt.timedelta(days=offset) for offset in range(-MATCH_DAYS, MATCH_DAYS + 1)]
        if any(pattern.search(text) for day in days for text in by_day.get(day, ())):
            reachable.append(transition)
    return reachable


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def _name_pattern(transition: GoldTransition) -> re.Pattern:
    names = {normalize(transition.name)}
    if transition.geonameid is not None:
        settlements = load_settlements()
        index = settlements.index_of[transition.geonameid]
        names |= {normalize(n) for n in [settlements.name[index], *settlements.alternate_names[index].split(",")]
                  if n and re.fullmatch(r"[A-Za-z'’ʼ -]+", n)}
    names.discard("")
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


_BASELINE_VERB = re.compile(r"\b(liberat\w*|captur\w*)\b", re.IGNORECASE)


def baseline_changes(results: list[ExtractionResult]) -> list[ControlChange]:
    """Any item whose text says "liberated"/"captured" -> each settlement it names changes hands that day
    (liberated -> UA, captured -> RU)."""
    settlements = load_settlements()
    found: dict[tuple[int, str, dt.date], ControlChange] = {}
    for result in results:
        verb = _BASELINE_VERB.search(result.article.text)
        day = result.article.published
        if not verb or day is None:
            continue
        to_status = UA if verb.group(1).lower().startswith("liberat") else RU
        for place in result.places:
            if not place.geonameid or int(place.geonameid) not in settlements.index_of:
                continue
            key = (int(place.geonameid), to_status, day)
            if key not in found:
                found[key] = ControlChange(int(place.geonameid), place.name or place.text, float(place.latitude),
                                           float(place.longitude), day, None, to_status, "claimed", 0.5,
                                           [result.article.source or result.id])
    return list(found.values())


def _show_errors(score: Score, limit: int) -> None:
    print("false positives:")
    for change in score.false_positives[:limit]:
        quote = change.evidence[0]["quote"][:140] if change.evidence else ""
        print(f"  {change.date} {change.name} -> {change.to_status} [{change.status}] {quote}")
    print("misses:")
    for transition in score.misses[:limit]:
        print(f"  {transition.date} ({transition.date_source}) {transition.name} -> {transition.to_status} (line {transition.line})")


def read_corpus(corpus: Path, limit: Optional[int]) -> list[RawDocument]:
    if not corpus.exists():
        raise InputError(str(corpus), "corpus file not found")
    items = []
    for item in read_file(corpus):
        if isinstance(item, Exception):
            continue  # a malformed row: the eval scores what can be read
        items.append(item)
        if limit and len(items) >= limit:
            break
    return items


def pipeline_outputs(corpus: Path, items: list[RawDocument], limit: Optional[int], use_cache: bool = True) -> list[ExtractionResult]:
    """The pipeline's results for the items that use a control word at all (the others cannot give a
    control statement), cached under data_dir() by corpus and by the code of the stages."""
    cache = data_dir() / "cache" / "eval-control" / f"{corpus.stem}-{_cache_key(corpus, limit)}.pickle"
    if use_cache and cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    from frontwatch.pipeline import shared_pipeline

    wanted = [item for item in items if CANDIDATE_WORDS.search(item.text or "")]
    results = [result for result in shared_pipeline().pipe(wanted) if isinstance(result, ExtractionResult)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(results, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(cache)
    return results


def _cache_key(corpus: Path, limit: Optional[int]) -> str:
    digest = hashlib.sha256()
    stat = corpus.stat()
    digest.update(f"{corpus.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{limit}:{CANDIDATE_WORDS.pattern}".encode())
    gazetteer = gazetteer_path()  # a rebuilt gazetteer changes the places, whatever the code
    if gazetteer.exists():
        gazetteer_stat = gazetteer.stat()
        digest.update(f"{gazetteer_stat.st_size}:{gazetteer_stat.st_mtime_ns}".encode())
    package = SOURCE_ROOT / "src" / "frontwatch"
    for name in PIPELINE_CODE:
        path = package / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]
