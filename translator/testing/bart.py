"""A random-weight BART summariser laid out like sshleifer/distilbart-cnn-12-6.

Files: config.json, generation_config.json, model.safetensors, vocab.json,
merges.txt, tokenizer.json, tokenizer_config.json, special_tokens_map.json.
The byte-level BPE tokenizer is trained on a little English news prose, with
BART's special tokens in BART's places (<s>=0 <pad>=1 </s>=2 <unk>=3, <mask>
last). Only the weights are small and random; the layout and the code paths
that load, convert and run it are the real ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>"]
MASK_TOKEN = "<mask>"

ENGLISH_NEWS = """Despite widespread condemnation of Russia's actions during the war in Ukraine, \
Vladimir Putin still has some allies. Among them are representatives of Belarus, North Korea, \
Syria, Eritrea and Nicaragua. Iran, India, China, Uzbekistan and Armenia refrain from a negative \
assessment of Russia. Kazakhstan is among the countries that had good relations with Russia, but \
its attitude is slowly beginning to change.

Kazakhstan has recently begun to gradually distance itself from the policies pursued by Putin. \
"On many issues it has distanced itself from Russia and verbally criticised the war. The country \
fears that Russia may use force against it as well," says Tuomas Forsberg in an interview with \
the Finnish newspaper Ilta-Sanomat. Jussi Lassila, a researcher at the Finnish Institute of \
International Affairs, believes that Russia could offer protection if the position of the \
country's authoritarian leadership weakens as the democratic movement grows stronger.

There is no certainty about this, however, because according to Lassila, Kazakhstan can get help \
from China if needed. "A significant message from Kazakhstan is that it did not recognise the \
independence of the Donetsk and Luhansk People's Republics as part of Russia. Putin probably \
thought that Kazakhstan would support such issues without hesitation," the expert adds.

The president of Kazakhstan did not react enthusiastically to the proposal to join the Union State \
of Russia and Belarus. The idea was presented at the Eurasian Economic Union by Alexander \
Lukashenko. Kassym-Jomart Tokayev commented briefly on the situation. "I appreciate his joke. I do \
not think it is necessary, because there are other integration arrangements, above all the \
Eurasian Economic Union." The Kremlin noticed Kazakhstan's distancing and warned that the Union \
State has a much more advanced level of integration than the Eurasian Economic Union.

Officials in Astana said on Monday that the government would continue to trade with Moscow and \
Beijing. Analysts expect oil exports to rise this year, while prices for food and fuel remain \
high. The ministry of foreign affairs declined to comment on the report, saying only that talks \
would continue next week.
"""

# distilbart-cnn-12-6's generation config, with lengths made small for tests.
GENERATION_DEFAULTS: dict[str, Any] = {
    "num_beams": 4,
    "max_length": 40,  # 142 in the real model
    "min_length": 5,  # 56 in the real model
    "no_repeat_ngram_size": 3,
    "length_penalty": 2.0,
    "early_stopping": True,
}


def training_text() -> list[str]:
    """English news sentences the tokenizer is trained on, one per line."""
    lines: list[str] = []
    for paragraph in ENGLISH_NEWS.split("\n\n"):
        lines.extend(part.strip() for part in paragraph.replace(". ", ".\n").splitlines())
    return [line for line in lines if line]


def _train_vocabulary(bpe_vocab: int) -> tuple[dict[str, int], list[tuple[str, str]]]:
    from tokenizers import ByteLevelBPETokenizer

    trainer = ByteLevelBPETokenizer(add_prefix_space=False, trim_offsets=True)
    trainer.train_from_iterator(
        training_text(), vocab_size=bpe_vocab, min_frequency=2, special_tokens=SPECIAL_TOKENS, show_progress=False
    )
    model = json.loads(trainer.to_str())["model"]
    merges = [(str(a), str(b)) for a, b in (m.split(" ", 1) if isinstance(m, str) else m for m in model["merges"])]
    return {str(token): int(i) for token, i in model["vocab"].items()}, merges


def _write_tokenizer(out: Path, vocab: dict[str, int], merges: list[tuple[str, str]], max_length: int) -> None:
    from tokenizers import ByteLevelBPETokenizer
    from tokenizers.processors import RobertaProcessing

    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (out / "merges.txt").write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    tokenizer = ByteLevelBPETokenizer(vocab, merges, add_prefix_space=False, trim_offsets=True)
    tokenizer.add_special_tokens([*SPECIAL_TOKENS, MASK_TOKEN])
    tokenizer.post_processor = RobertaProcessing(("</s>", vocab["</s>"]), ("<s>", vocab["<s>"]), trim_offsets=True)
    tokenizer.save(str(out / "tokenizer.json"))
    specials = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": MASK_TOKEN,
    }
    (out / "special_tokens_map.json").write_text(json.dumps(specials, indent=2), encoding="utf-8")
    config = {
        "tokenizer_class": "BartTokenizer",
        "model_max_length": max_length,
        "add_prefix_space": False,
        "errors": "replace",
        "trim_offsets": True,
        **specials,
    }
    (out / "tokenizer_config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")


def build_bart(
    out_dir: str | Path,
    *,
    d_model: int = 16,
    encoder_layers: int = 1,
    decoder_layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    vocab_size: int | None = None,
    bpe_vocab: int = 600,
    max_position_embeddings: int = 1024,
    seed: int = 0,
    **generation: Any,
) -> Path:
    """Write a random-weight BART summariser to ``out_dir`` and return it.

    ``vocab_size`` pads vocab.json with unused tokens so the model has that many
    embeddings (50264 for distilbart-cnn-12-6's real shape); by default the
    vocabulary is just the trained pieces. ``generation`` overrides entries of
    generation_config.json (e.g. ``min_length=56, max_length=142``).
    """
    import torch
    from transformers import BartConfig, BartForConditionalGeneration
    from transformers import GenerationConfig as _GenerationConfig

    generation_config: Any = _GenerationConfig  # untyped in transformers

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    trained, merges = _train_vocabulary(bpe_vocab)
    vocab = {token: i for i, token in enumerate(SPECIAL_TOKENS)}
    for token, _ in sorted(trained.items(), key=lambda item: item[1]):
        vocab.setdefault(token, len(vocab))
    if vocab_size is not None:
        if vocab_size < len(vocab) + 1:
            raise ValueError(f"vocab_size {vocab_size} is smaller than the trained vocabulary ({len(vocab) + 1})")
        i = 0
        while len(vocab) < vocab_size - 1:
            vocab.setdefault(f"<unused{i}>", len(vocab))
            i += 1
    vocab[MASK_TOKEN] = len(vocab)
    _write_tokenizer(out, vocab, merges, max_position_embeddings)

    ids = {"pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2}
    # BART options the ctranslate2 converter reads; BartConfig takes them as extra keyword arguments
    settings: dict[str, Any] = dict(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=encoder_layers,
        decoder_layers=decoder_layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=max_position_embeddings,
        activation_function="gelu",
        scale_embedding=False,
        normalize_before=False,  # read by the ctranslate2 converter; transformers 5 may not set it
        normalize_embedding=True,
        add_final_layer_norm=False,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        architectures=["BartForConditionalGeneration"],
        **ids,
    )
    config = BartConfig(**settings)
    torch.manual_seed(seed)
    BartForConditionalGeneration(config).save_pretrained(out, safe_serialization=True)
    generation_config(
        **{**GENERATION_DEFAULTS, **generation},
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        **ids,
    ).save_pretrained(out)
    return out
