import pytest

from frontwatch.errors import SetupError
from frontwatch.events import ontology


def test_acled_vocabulary_is_read_exactly():
    vocabulary = ontology.load_ontology()
    assert len(vocabulary.sub_event_types) == 25
    assert len(set(vocabulary.event_type_of.values())) == 6
    assert vocabulary.event_type_of["Shelling/artillery/missile attack"] == "Explosions/Remote violence"
    assert vocabulary.event_type_of["Government regains territory"] == "Battles"
    assert vocabulary.inter_codes[7] == "Civilians"


def test_case2021_labels_map_both_ways():
    vocabulary = ontology.load_ontology()
    for sub_event, code in vocabulary.case_code_of.items():
        assert vocabulary.sub_event_of_case(code) == sub_event
    assert vocabulary.sub_event_of_case("DIPLO") is None
    with pytest.raises(KeyError):
        vocabulary.sub_event_of_case("NO_SUCH_LABEL")


def test_missing_ontology_file_is_a_setup_error(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWATCH_SHARED", str(tmp_path))
    ontology.load_ontology.cache_clear()
    try:
        with pytest.raises(SetupError, match="acled-event-types.json"):
            ontology.load_ontology()
    finally:
        monkeypatch.undo()
        ontology.load_ontology.cache_clear()
