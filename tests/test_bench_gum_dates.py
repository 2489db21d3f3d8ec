"""bench.gum_dates reads GUM's XML (a file written here, in GUM's layout) into a text and its
gold dates."""

from __future__ import annotations

from pathlib import Path

from bench.gum_dates import gold_value, read_document

SAMPLE = """<text id="GUM_news_ferry" type="news" dateCreated="2019-06-04" title="Ferry late">
<head>
<s type="frag">
Ferry\tNP\tferry
late\tJJ\tlate
</s>
</head>
<p>
<s type="frag">
<date when="2019-06-04">
Tuesday\tNP\tTuesday
,\t,\t,
June\tNP\tJune
4\tCD\t4
,\t,\t,
2019\tCD\t2019
</date>
</s>
<s type="decl">
The\tDT\tthe
ferry\tNN\tferry
<w>
did\tVVD\tdo
n't\tRB\tnot
</w>
sail\tVV\tsail
<date from="2019-05-26" to="2019-06-02">
last\tJJ\tlast
week\tNN\tweek
</date>
(\t(\t(
for\tIN\tfor
<date notBefore="2019-05-21" notAfter="2019-06-04">
two\tCD\ttwo
weeks\tNNS\tweek
</date>
)\t)\t)
.\tSENT\t.
</s>
</p>
</text>
"""


def test_a_gum_document_becomes_its_text_and_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "GUM_news_ferry.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    article = read_document(path)
    assert article is not None
    assert article.dct == "2019-06-04"
    assert article.text == (
        "Ferry late\n\nTuesday, June 4, 2019 The ferry didn't sail last week (for two weeks).\n"
    )
    spans = [(article.text[t.start : t.end], t.type, t.value) for t in article.gold]
    assert spans == [
        ("Tuesday, June 4, 2019", "DATE", "2019-06-04"),
        ("last week", "DATE", "2019-W22"),  # GUM's Sunday-to-Sunday week, as TimeML's
        ("two weeks", "DURATION", "2019-05-21/2019-06-04"),
    ]


def test_gold_values() -> None:
    assert gold_value({"when": "2015-09-21"}) == ("DATE", "2015-09-21")
    assert gold_value({"when": "2010-09-04T22:30:00"}) == ("TIME", "2010-09-04T22:30:00")
    assert gold_value({"from": "2016-09-03", "to": "2016-09-04"}) == ("DATE", "2016-W35-WE")
    assert gold_value({"from": "2012-06", "to": "2012-08"}) == ("DATE", "2012-SU")
    assert gold_value({"from": "1930-01-01", "to": "1939-12-31"}) == ("DATE", "193")
    assert gold_value({"from": "2012-06-01", "to": "2012-08-31"}) == ("DATE", "2012-SU")
    assert gold_value({"from": "1900-01-01", "to": "1999-12-31"}) == ("DATE", "19")
    late = ("DATE", "2013-09-15/2013-09-30")  # not a month's third as TimeML's: as it is
    assert gold_value({"from": "2013-09-15", "to": "2013-09-30"}) == late
    assert gold_value({"notBefore": "1994"}) == ("DURATION", "1994/")
    assert gold_value({"rend": "bold"}) is None


def test_a_date_between_the_heading_and_the_first_paragraph_is_a_line_of_its_own(
    tmp_path: Path,
) -> None:
    xml = (
        '<text id="GUM_interview_x" dateCreated="2007-09-19">\n<head>\n<s>\nTalk\tNN\ttalk\n'
        '</s>\n</head>\n<s type="frag">\n<date when="2007-09-19">\nWednesday\tNP\tW\n,\t,\t,\n'
        "September\tNP\tS\n19\tCD\t19\n,\t,\t,\n2007\tCD\t2007\n</date>\n</s>\n<p>\n<s>\n"
        "Hi\tUH\thi\n.\tSENT\t.\n</s>\n</p>\n</text>\n"
    )
    path = tmp_path / "GUM_interview_x.xml"
    path.write_text(xml, encoding="utf-8")
    article = read_document(path)
    assert article is not None
    assert article.text == "Talk\n\nWednesday, September 19, 2007\n\nHi.\n"
