import os

from huggingface_hub import snapshot_download
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

REVISION = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf"


def load_classifier():
    # ruleid: python-huggingface-unpinned-revision
    tokenizer = AutoTokenizer.from_pretrained("distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    # ok: python-huggingface-unpinned-revision
    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert/distilbert-base-uncased-finetuned-sst-2-english", revision=REVISION
    )
    return tokenizer, model


def load_local_classifier():
    # ok: python-huggingface-unpinned-revision
    return AutoModelForSequenceClassification.from_pretrained("./models/sentiment")


def build_ner():
    # ruleid: python-huggingface-unpinned-revision
    return pipeline("ner", model="dslim/bert-base-NER", aggregation_strategy="simple")


def build_embedder():
    # ruleid: python-huggingface-unpinned-revision
    return SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")


def fetch_weights() -> str:
    # ok: python-huggingface-unpinned-revision
    return snapshot_download("mistralai/Mistral-7B-Instruct-v0.3", revision=os.environ["MISTRAL_REVISION"])
