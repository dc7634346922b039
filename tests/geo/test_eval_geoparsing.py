"""The geoparsing scorer on the LGL gold set: demonym spans are told apart from names."""
from frontwatch.config import shared_dir
from frontwatch.evaluate.geoparsing import Score, mark_demonyms, read_corpus


def test_demonyms_in_the_gold_are_counted_apart(nlp, geoparse):
    articles = read_corpus(shared_dir() / "eval" / "geoparsing" / "lgl.xml")
    article = next(a for a in articles if any(a.text[t.start:t.end] == "Sudanese" for t in a.toponyms))
    doc = nlp(article.text)
    mark_demonyms(article, doc)
    kinds = {article.text[t.start:t.end]: t.demonym for t in article.toponyms}
    assert kinds["Sudanese"] is True and kinds["Egypt"] is False
    score = Score()
    score.add(geoparse(article.text), article.toponyms)
    assert score.demonyms == sum(t.demonym for t in article.toponyms) > 0
    assert score.names_recall() > score.true_positive / score.gold  # no demonym is taken for a place
