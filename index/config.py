"""Index and retrieval settings that change what is built or how results are fused."""

from __future__ import annotations

from dataclasses import asdict, dataclass

MODES = ("bm25", "dense", "hybrid")
TOKENIZERS = ("vietnamese", "whitespace")
FUSIONS = ("rrf", "weighted")


@dataclass(frozen=True)
class IndexConfig:
    """How chunks are cut, how BM25 tokenises and how the two retrievers are fused."""

    window: int = 1                 # sentences per chunk
    stride: int = 1                 # sentences between chunk starts
    tokenizer: str = "vietnamese"   # "vietnamese" (syllables + bigrams, two fields) or "whitespace" (ablation)
    fusion: str = "weighted"        # "weighted" (min-max normalised scores) or "rrf"
    rrf_k: int = 60
    dense_weight: float = 0.5       # weighted fusion: share of the dense score
    folded_weight: float = 0.6      # accented queries: weight of the folded-field BM25 next to the accented one
    overfetch: int = 4              # each side returns k * overfetch (at least 20) before fusion
    bm25_k1: float = 1.2
    bm25_b: float = 0.4             # sentences vary little in length; full length normalisation over-rewards short ones
    context_lexical: float = 0.2    # share of a sentence's BM25 score taken from its whole paragraph
    context_dense: float = 0.3      # share of a sentence's cosine taken from its paragraph's mean vector

    def __post_init__(self) -> None:
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"tokenizer {self.tokenizer!r} is not one of {', '.join(TOKENIZERS)}")
        if self.fusion not in FUSIONS:
            raise ValueError(f"fusion {self.fusion!r} is not one of {', '.join(FUSIONS)}")
        if self.window < 1 or self.stride < 1:
            raise ValueError("window and stride must be at least 1")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError("dense_weight must be between 0 and 1")

    def chunking_key(self) -> dict:
        """The settings that change the passages stored on disk."""
        return {"window": self.window, "stride": self.stride}

    def saved_index_key(self) -> dict:
        """The settings that change a saved search index: the passages, and the tokens its BM25 postings hold (an
        ablation on whitespace tokens keeps its own index instead of rebuilding the default one each run)."""
        return {**self.chunking_key(), "tokenizer": self.tokenizer}

    def to_dict(self) -> dict:
        return asdict(self)
