"""The GUM scorer reads WebAnno TSV as GUM writes it and scores what it should."""

from __future__ import annotations

from pathlib import Path

from bench.gum_entities import proper_nouns, read_tsv, score

TSV = """#FORMAT=WebAnno TSV 3.2

#Text=President Ana Ruiz visited Lima .
1-1\t0-9\tPresident\tperson[1]\tnew[1]\t_\tAna_Ruiz[1]\t_\t_\t
1-2\t10-13\tAna\tperson[1]\tnew[1]\t_\tAna_Ruiz[1]\t_\t_\t
1-3\t14-18\tRuiz\tperson[1]\tnew[1]\t_\tAna_Ruiz[1]\t_\t_\t
1-4\t19-26\tvisited\t_\t_\t_\t_\t_\t_\t
1-5\t27-31\tLima\tplace\tnew\t_\tLima\t_\t_\t
1-6\t32-33\t.\t_\t_\t_\t_\t_\t_\t

#Text=The city welcomed Bo .
2-1\t34-37\tThe\tplace[2]\tgiv[2]\t_\tLima[2]\t_\t_\t
2-2\t38-42\tcity\tplace[2]\tgiv[2]\t_\tLima[2]\t_\t_\t
2-3\t43-51\twelcomed\t_\t_\t_\t_\t_\t_\t
2-4\t52-54\tBo\tperson\tnew\t_\t_\t_\t_\t
2-5\t55-56\t.\t_\t_\t_\t_\t_\t_\t
"""
XML = "\n".join(
    "\t".join(t)
    for t in [("<s>",), ("President", "NP"), ("Ana", "NP"), ("Ruiz", "NP"), ("visited", "VVD"),
              ("Lima", "NP"), (".", "SENT"), ("</s>",), ("The", "DT"), ("city", "NN"),
              ("welcomed", "VVD"), ("Bo", "NP"), (".", "SENT")]
)  # fmt: skip


def test_mentions_their_names_and_the_scores(tmp_path: Path) -> None:
    (tmp_path / "d.tsv").write_text(TSV)
    (tmp_path / "d.xml").write_text(XML)
    document = read_tsv(tmp_path / "d.tsv", proper_nouns(tmp_path / "d.xml"))
    assert document.text[27:31] == "Lima" and document.text[52:54] == "Bo"
    named = [(m.kind, document.text[m.name[0] : m.name[1]], m.identity)
             for m in document.mentions if m.name]  # fmt: skip
    assert named == [
        ("person", "President Ana Ruiz", "Ana_Ruiz"),
        ("place", "Lima", "Lima"),
        ("person", "Bo", None),
    ]
    found = {
        "d": [
            {"type": "PERSON", "start": 10, "end": 18},  # right type, inside the name
            {"type": "ORG", "start": 27, "end": 31},  # wrong type
            {"type": "PERSON", "start": 52, "end": 54},  # a name GUM did not link
            {"type": "PLACE", "start": 38, "end": 42},  # "city": no name at all
        ]
    }
    report = score([document], found)
    assert report["PERSON"]["gold"] == 1 and report["PERSON"]["found"] == 1
    assert report["PERSON"]["lenient"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert report["PERSON"]["strict"]["precision"] == 0.0  # "Ana Ruiz" is not the whole name
    assert report["PLACE"]["lenient"]["recall"] == 0.0 and report["PLACE"]["found"] == 1
    assert report["ALL"]["found"] == 3 and report["ALL"]["lenient"]["precision"] == 0.333
