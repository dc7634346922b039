"""The two scorers on their real gold sets: the targets of issue 4 hold, and bad set-ups fail cleanly."""
import pytest

from frontwatch.cli import main
from frontwatch.config import shared_dir
from frontwatch.evaluate import dates as date_eval
from frontwatch.evaluate import quantities as quantity_eval

TEMPEVAL = shared_dir() / "eval" / "dates" / "tempeval3"


def test_timeml_reader_keeps_gold_spans_aligned():
    documents = date_eval.load_documents(TEMPEVAL / date_eval.SETS["platinum"])
    assert len(documents) == 20
    assert sum(len(document.gold) for document in documents) == 96
    for document in documents:
        for expression in document.gold:
            assert document.text[expression.start:expression.end] == expression.text


@pytest.mark.parametrize("start, end, value", [
    ("2013-03-22", "2013-03-22", "2013-03-22"), ("2013-03-18", "2013-03-24", "2013-W12"),
    ("2012-06-01", "2012-08-31", "2012-SU"), ("2012-12-01", "2012-12-10", "2012-12"),
    ("2013-01-01", "2013-03-31", "2013-Q1"), ("2011-01-01", "2011-04-30", "2011"),
    ("1990-01-01", "1999-12-31", "199"),
])
def test_timex_values(start, end, value):
    import datetime as dt
    assert date_eval.timex_value(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == value


def test_date_value_accuracy_meets_the_target_and_beats_dateparser(nlp):
    documents = date_eval.load_documents(TEMPEVAL / date_eval.SETS["platinum"])
    from frontwatch.nlp.dates import find_dates
    docs = list(nlp.pipe(document.text for document in documents))

    def frontwatch(document, index):
        mentions, _ = find_dates(docs[index], document.created)
        return [date_eval.Expression(m.start, m.end, m.text, date_eval.timex_value(m.date_start, m.date_end))
                for m in mentions if m.kind != "duration"]

    ours, _ = date_eval.score(documents, frontwatch)
    baseline, _ = date_eval.score(documents, date_eval.dateparser_baseline)
    precision, recall, _, _, accuracy, value_f1 = ours
    assert accuracy >= 0.85
    assert precision >= 0.85 and recall >= 0.7
    assert value_f1 > baseline[5]


@pytest.mark.slow  # ~6 s idle, >10 s on a busy machine: quantulum3 over 101 sentences
def test_quantity_accuracy_meets_the_target(nlp):
    from frontwatch.nlp.quantities import find_quantities
    sentences, gold = quantity_eval.load_gold(shared_dir() / "eval" / "quantities" / "quantulum3" / "quantities.json")
    predicted = [[(q.value, quantity_eval.OUR_UNITS.get(q.unit, q.unit)) for q in find_quantities(doc)]
                 for doc in nlp.pipe(sentences)]
    accuracy, precision, _ = quantity_eval.score(gold, predicted)
    assert accuracy >= 0.90 and precision >= 0.90


def test_eval_dates_command_prints_both_systems(capsys):
    assert main(["eval", "dates"]) == 0
    printed = capsys.readouterr().out
    assert "frontwatch" in printed and "dateparser.search_dates" in printed and "value accuracy" in printed


@pytest.mark.parametrize("task", ["dates", "quantities"])
def test_missing_gold_is_a_clear_error(task, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FRONTWATCH_SHARED", str(tmp_path))
    assert main(["eval", task]) == 2
    error = capsys.readouterr().err
    assert str(tmp_path) in error and "Traceback" not in error
