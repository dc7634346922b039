"""`frontwatch serve` refuses bad arguments with one line naming them, never a traceback."""
from __future__ import annotations

import pytest

from frontwatch.cli import main as frontwatch


@pytest.mark.parametrize("args, words", [
    (["--port", "70000"], "70000 is outside 1..65535"),
    (["--port", "http"], "'http' is not a port number"),
])
def test_bad_port_is_an_argument_error(args, words, capsys):
    with pytest.raises(SystemExit) as stopped:
        frontwatch(["serve", *args])
    assert stopped.value.code == 2
    assert words in capsys.readouterr().err


def test_unusable_ledger_url_is_one_line(capsys):
    assert frontwatch(["serve", "--db", "mysql://127.0.0.1/ledger", "--port", "8123"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("frontwatch: error:") and "mysql" in err and "Traceback" not in err


def test_no_workers_is_refused(capsys):
    assert frontwatch(["serve", "--workers", "0", "--port", "8123"]) == 2
    assert "--workers 0" in capsys.readouterr().err
