"""PDF documents: the text layer page by page with page numbers kept (show, search hits, the
reader), and the PDFs that cannot be read (no text layer, encrypted, damaged, hostile) skipped
with a one-line reason in bounded time and memory. The PDFs are written by the tests."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from index.cli import main
from index.reading.corpus import read_file, scan
from index.reading.pdf_text import PdfSkipped, read_pdf


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def page_stream(lines: list[str]) -> bytes:
    """A content stream writing ``lines`` in Helvetica, one under the other."""
    shown = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
    return f"BT /F1 11 Tf 72 720 Td 14 TL {shown} ET".encode("latin-1")


def make_pdf(
    pages: list[bytes],
    info: dict[str, str] | None = None,
    compress: bool = False,
    count: int | None = None,
) -> bytes:
    """A PDF with one page per content stream (Flate-compressed when ``compress``), its xref
    table written with the real offsets; ``count``: the page count the page tree states."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(
        f"<< /Type /Pages /Kids [{kids}] /Count {count or len(pages)} >>".encode("latin-1")
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for number, content in enumerate(pages):
        contents = 5 + 2 * number
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % contents
        )
        body = zlib.compress(content) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(body), flate, body))
    trailer_info = ""
    if info:
        entries = " ".join(f"/{key} ({_escape(value)})" for key, value in info.items())
        objects.append(f"<< {entries} >>".encode("latin-1"))
        trailer_info = f" /Info {len(objects)} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{trailer_info} >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


TWO_PAGES = [
    page_stream(
        [
            "Annual report on water rights",
            "The ministry received 412 complaints from farmers in Cusco.",
        ]
    ),
    page_stream(
        [
            "Findings",
            "Maria Quispe, the inspector, visited the reservoir at Sibinacocha.",
        ]
    ),
]
INFO = {"Title": "Water rights report", "Author": "Ana Beltran", "CreationDate": "D:20230105"}


def test_two_pages_of_text_keep_their_page_numbers() -> None:
    pdf = read_pdf(make_pdf(TWO_PAGES, INFO))
    assert [pdf.text[page.start : page.end].split("\n")[0] for page in pdf.pages] == [
        "Annual report on water rights",
        "Findings",
    ]
    assert "412 complaints" in pdf.text[pdf.pages[0].start : pdf.pages[0].end]
    assert "Sibinacocha" in pdf.text[pdf.pages[1].start : pdf.pages[1].end]
    assert (pdf.title, pdf.author, pdf.created) == (
        "Water rights report",
        "Ana Beltran",
        "2023-01-05",
    )


def pdf_corpus(tmp_path: Path, files: dict[str, bytes]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, raw in files.items():
        (corpus / name).write_bytes(raw)
    return corpus


def cli(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--corpus", str(corpus), "--index-dir", str(corpus.parent / "index")])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_pdf_is_a_document_with_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = pdf_corpus(tmp_path, {"report.pdf": make_pdf(TWO_PAGES, INFO, compress=True)})
    code, out, err = cli(capsys, corpus, "index")
    assert code == 0 and "added 1" in out and "skipped 0" in out, err
    code, out, _ = cli(capsys, corpus, "show", "report", "--json")
    shown = json.loads(out)
    assert shown["title"] == "Water rights report"
    assert (shown["author"], shown["published"], shown["published_basis"]) == (
        "Ana Beltran",
        "2023-01-05",
        "metadata",
    )
    pages = shown["pages"]
    assert len(pages) == 2
    assert shown["text"][pages[1][0] :].startswith("Findings")
    # No passage crosses a page.
    for start, end in shown["passages"]:
        assert any(p_start <= start and end <= p_end for p_start, p_end in pages)
    code, out, _ = cli(capsys, corpus, "search", "Sibinacocha", "--json")
    hit = json.loads(out)["hits"][0]
    assert (hit["doc"], hit["page"]) == ("report", 2)
    code, out, _ = cli(capsys, corpus, "search", "complaints", "--json")
    assert json.loads(out)["hits"][0]["page"] == 1
    code, out, _ = cli(capsys, corpus, "search", "Sibinacocha")
    assert out.split("\n")[0].endswith("  p. 2")
    code, out, _ = cli(capsys, corpus, "show", "report")
    assert out.index("— p. 1 —") < out.index("412 complaints") < out.index("— p. 2 —")
    assert out.index("— p. 2 —") < out.index("Sibinacocha")
    # The inspector named on page 2 is an entity, found by the entity filter.
    code, out, _ = cli(capsys, corpus, "search", "reservoir", "--entity", "Maria Quispe", "--json")
    assert code == 0 and json.loads(out)["hits"][0]["page"] == 2


def test_without_a_title_the_first_line_with_words_is_the_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numbered = page_stream(["1", "2", "3", "IN THE SUPREME COURT OF THE UNITED STATES", "4"])
    corpus = pdf_corpus(tmp_path, {"transcript.pdf": make_pdf([numbered])})
    cli(capsys, corpus, "index")
    code, out, _ = cli(capsys, corpus, "show", "transcript", "--json")
    assert json.loads(out)["title"] == "IN THE SUPREME COURT OF THE UNITED STATES"


def test_text_files_have_no_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = pdf_corpus(tmp_path, {"note.txt": b"A note\n\nThe reservoir at Sibinacocha.\n"})
    cli(capsys, corpus, "index")
    code, out, _ = cli(capsys, corpus, "search", "Sibinacocha", "--json")
    assert json.loads(out)["hits"][0]["page"] is None


def encrypted(raw: bytes) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(raw))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of spaces."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    raw = make_pdf([b"X"])
    # Swap the one stream for the bomb (the xref offsets are wrong afterwards: pypdf
    # rebuilds them, as it must for many real files).
    head, _, tail = raw.partition(b"<< /Length 1 >>\nstream\nX\nendstream")
    return (
        head
        + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
        + body
        + b"\nendstream"
        + tail
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (make_pdf([b"0 0 m 100 100 l S", b"0 0 m 50 50 l S"]), "no text layer (scanned?)"),
        (encrypted(make_pdf(TWO_PAGES)), "encrypted PDF (needs a password)"),
        (b"%PDF-1.4\n" + b"\x00garbage" * 200, "unreadable PDF"),
        (b"<html>not a pdf</html>", "not a PDF (no %PDF header)"),
        (make_pdf(TWO_PAGES)[:300], "unreadable PDF"),
    ],
    ids=["no-text", "encrypted", "garbage", "not-pdf", "truncated"],
)
def test_unreadable_pdfs_are_skipped_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(PdfSkipped) as skipped:
        read_pdf(raw)
    message = str(skipped.value)
    assert message.startswith(reason) and "\n" not in message and len(message) < 160


def test_skipped_pdfs_are_listed_and_the_rest_indexed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = pdf_corpus(
        tmp_path,
        {
            "scan.pdf": make_pdf([b"0 0 m 100 100 l S"]),
            "locked.pdf": encrypted(make_pdf(TWO_PAGES)),
            "report.pdf": make_pdf(TWO_PAGES),
        },
    )
    code, out, err = cli(capsys, corpus, "index")
    assert code == 0 and "added 1" in out and "Traceback" not in err
    assert "skipped scan.pdf: no text layer (scanned?)" in out
    assert "skipped locked.pdf: encrypted PDF (needs a password)" in out


def test_a_zip_bomb_pdf_is_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    corpus = pdf_corpus(tmp_path, {"bomb.pdf": zip_bomb(200)})
    (source,), _ = scan(corpus)
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(Exception) as skipped:
            list(read_file(source).documents)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(skipped.value).startswith("unreadable PDF")
    assert peak < 120 * 1024 * 1024  # the stream stops at 16 MB; 200 MB unbounded
    assert time.perf_counter() - began < 30


def test_a_lying_page_count_and_a_time_limit(tmp_path: Path) -> None:
    pdf = read_pdf(make_pdf(TWO_PAGES, count=10**9))
    assert len(pdf.pages) == 2
    with pytest.raises(PdfSkipped, match="took longer than"):
        read_pdf(make_pdf(TWO_PAGES), max_seconds=0.0)


def test_ligatures_are_written_out_and_blank_runs_folded() -> None:
    from index.reading.pdf_text import clean_page

    assert clean_page("\ufb01led   \n\n\n\n\ufb02at\x1b") == "filed\n\nflat\u241b"


def test_search_does_not_import_the_pdf_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = pdf_corpus(tmp_path, {"report.pdf": make_pdf(TWO_PAGES)})
    cli(capsys, corpus, "index")
    check = (
        "import sys\nfrom tui.main import main\n"
        "code = main(sys.argv[1:])\n"
        "print('LOADED', sorted(m for m in ('pypdf', 'textual', 'rich') if m in sys.modules),"
        " file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, "search", "Sibinacocha", "--json"]
        + ["--corpus", str(corpus), "--index-dir", str(tmp_path / "index")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert json.loads(result.stdout)["hits"][0]["page"] == 2
    assert "LOADED []" in result.stderr


@pytest.mark.parametrize("size", [(120, 35), (80, 24)], ids=["120x35", "80x24"])
async def test_the_reader_says_the_page_of_the_current_hit(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from textual.widgets import Static

    from conftest import screen_of, settle
    from index.api import Collection
    from tui.app import QuipuApp
    from tui.widgets.document_reader import DocumentReader
    from tui.widgets.search_box import SearchBox

    corpus = pdf_corpus(tmp_path, {"report.pdf": make_pdf(TWO_PAGES, INFO)})
    app = QuipuApp(Collection(corpus, tmp_path / "index"), show_timings=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        box = screen_of(pilot).query_one(SearchBox)
        box.value = "Sibinacocha"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = screen_of(pilot).query_one(DocumentReader)
        assert reader.document is not None and reader.current == 0
        assert str(reader.border_subtitle) == "hit 1/1 · p. 2"
        shown = [str(widget.render()) for widget in reader.query(Static).results(Static)]
        assert any(text.startswith("— p. 2 —\nFindings") for text in shown)
        assert any("2 pages" in text for text in shown)


def test_pages_and_characters_past_the_limits_are_left_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.reading import pdf_text

    monkeypatch.setattr(pdf_text, "MAX_PAGES", 1)
    pdf = read_pdf(make_pdf(TWO_PAGES))
    assert len(pdf.pages) == 1 and pdf.warnings == ("only the first 1 of 2 pages are indexed",)
    monkeypatch.setattr(pdf_text, "MAX_PAGES", 3000)
    monkeypatch.setattr(pdf_text, "MAX_TEXT_CHARS", 40)
    pdf = read_pdf(make_pdf(TWO_PAGES))
    assert len(pdf.text) == 40 and pdf.warnings[0].startswith("text truncated at 40 characters")


def test_a_page_that_never_ends_is_cut_by_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    def stuck(*args: object, **kwargs: object) -> str:
        time.sleep(30)
        return ""

    monkeypatch.setattr(pypdf.PageObject, "extract_text", stuck)
    began = time.perf_counter()
    with pytest.raises(PdfSkipped, match="took longer than 1 s"):
        read_pdf(make_pdf(TWO_PAGES), max_seconds=1.0)
    assert time.perf_counter() - began < 5
