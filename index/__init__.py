"""Text to searchable index: article parsing, Vietnamese text layer, chunks, figures, BM25, dense and fusion."""
