"""The English model is loaded only when its weights match the published hashes."""
import shutil

import pytest

from frontwatch.errors import SetupError
from frontwatch.nlp.spacy_setup import load_english, verify_weights


def test_the_installed_model_verifies_and_tags_entities():
    nlp = load_english()
    doc = nlp("Ukrainian troops liberated Izyum on September 10.")
    assert any(ent.label_ == "DATE" and ent.text == "September 10" for ent in doc.ents)


def test_a_tampered_weight_file_is_refused(tmp_path):
    model_dir = load_english().path
    copy = tmp_path / "model"
    shutil.copytree(model_dir, copy)
    with (copy / "ner" / "model").open("r+b") as handle:
        handle.seek(100)
        byte = handle.read(1)
        handle.seek(100)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(SetupError, match="ner/model"):
        verify_weights(copy)


def test_a_missing_weight_file_is_refused(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(load_english().path, copy)
    (copy / "tagger" / "model").unlink()
    with pytest.raises(SetupError, match="tagger/model is missing"):
        verify_weights(copy)
