"""A random-weight MarianMT model laid out like Helsinki-NLP/opus-mt-pl-en.

Files: config.json, generation_config.json, model.safetensors, source.spm,
target.spm, vocab.json, tokenizer_config.json. The SentencePiece model is
trained on the seed article plus a little English, so the tokenizer behaves
like the real one on Polish text; only the weights are small and random.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

ENGLISH = """Kazakhstan is distancing itself from Russia.
Despite widespread condemnation of Russia's actions during the war in Ukraine, Vladimir Putin still has some allies.
The country fears that Russia may use force against it as well, says Tuomas Forsberg.
The president of Kazakhstan did not react enthusiastically to the proposal.
I appreciate his joke. I do not think it is necessary.
The Kremlin noticed the distancing and warned that the Union State has a much more advanced level of integration.
"""

FALLBACK_POLISH = """Kazachstan dystansuje się od Rosji.
Prezydent Kazachstanu odcina się od Łukaszenki.
Według ekspertów Rosja może użyć siły wobec sojusznika.
"""


def training_text() -> list[str]:
    lines: list[str] = []
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            lines.extend(path.read_text(encoding="utf-8").splitlines())
    lines.extend(FALLBACK_POLISH.splitlines())
    lines.extend(ENGLISH.splitlines())
    out: list[str] = []
    for line in lines:
        out.extend(part.strip() for part in line.replace(". ", ".\n").splitlines())
    return [line for line in out if line]


def build_marian(
    out_dir: str | Path,
    *,
    d_model: int = 16,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    vocab_size: int | None = None,
    spm_vocab: int = 400,
    max_position_embeddings: int = 512,
    num_beams: int = 6,
    max_length: int = 512,
    seed: int = 0,
) -> Path:
    """Write a random-weight Marian model to ``out_dir`` and return it.

    ``vocab_size`` pads vocab.json with unused pieces up to that size (63430 for
    opus-mt-pl-en's real shape); by default the vocabulary is just the trained pieces.
    """
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig as _GenerationConfig
    from transformers import MarianConfig, MarianMTModel

    generation_config: Any = _GenerationConfig  # untyped in transformers

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_text()),
        model_writer=proto,
        vocab_size=spm_vocab,
        model_type="unigram",
        character_coverage=1.0,
        bos_id=-1,
        eos_id=1,
        unk_id=2,
        pad_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    (out / "source.spm").write_bytes(proto.getvalue())
    (out / "target.spm").write_bytes(proto.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    if vocab_size is not None:
        i = 0
        while len(vocab) < vocab_size - 1:
            vocab.setdefault(f"▁unused{i}", len(vocab))
            i += 1
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "source_lang": "pl",
                "target_lang": "en",
                "model_max_length": 512,
                "separate_vocabs": False,
                "tokenizer_class": "MarianTokenizer",
            }
        ),
        encoding="utf-8",
    )
    pad = len(vocab) - 1
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_position_embeddings,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True,
        architectures=["MarianMTModel"],
    )
    torch.manual_seed(seed)
    MarianMTModel(config).save_pretrained(out, safe_serialization=True)
    generation_config(
        num_beams=num_beams,
        max_length=max_length,
        bad_words_ids=[[pad]],
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
    ).save_pretrained(out)
    return out
