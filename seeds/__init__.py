"""The bundled default corpus: five news articles on the 2022-23 protests in Peru."""
