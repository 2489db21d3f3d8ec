"""Corpus reading: finding files, decoding, the formats (text, Markdown, HTML, e-mail, mbox, PDF),
titles, front matter, stable document ids.
"""
