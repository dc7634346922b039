"""`frontwatch eval boilerplate`: the token scorer and a short run over real Zyte pages."""
import pytest

from frontwatch.cli import main
from frontwatch.evaluate.boilerplate import Score


def test_token_scores_count_repeated_tokens():
    score = Score()
    score.add("Izium was retaken. Izium Izium advertisement", "Izium was retaken by Ukraine")
    # predicted 6 tokens, gold 5; overlap: izium 1, was 1, retaken 1
    assert score.precision == [pytest.approx(3 / 6)]
    assert score.recall == [pytest.approx(3 / 5)]
    score.add("", "gold body")
    assert score.empty == 1 and score.precision[-1] == 0.0
    row = score.row("system")
    assert row[1] == 2 and row[2] == pytest.approx(0.25) and row[6] == 1


def test_eval_command_prints_ours_and_the_baselines(capsys):
    assert main(["eval", "boilerplate", "--limit", "4"]) == 0
    output = capsys.readouterr().out
    assert "Zyte benchmark (4 pages)" in output
    for system in ("trafilatura (default)", "trafilatura favor_precision", "frontwatch (trafilatura + filter)"):
        line = next(line for line in output.splitlines() if system in line)
        cells = [cell.strip() for cell in line.split("│") if cell.strip()]
        assert cells[1] == "4"
        assert 0.5 < float(cells[4]) <= 1.0  # F1 on real pages: a broken extractor scores near 0
