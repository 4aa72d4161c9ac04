from datasets import load_dataset
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

MODEL_ID = "acme-labs/chat-13b"


def load_chat_model():
    # ruleid: python-huggingface-trust-remote-code
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID, trust_remote_code=True)
    # ruleid: python-huggingface-trust-remote-code
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID, trust_remote_code=True, device_map="auto")
    return tokenizer, model


def load_chat_model_safe():
    # ok: python-huggingface-trust-remote-code
    tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
    # ok: python-huggingface-trust-remote-code
    model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", device_map="auto")
    return tokenizer, model


def load_pinned_model():
    # ok: python-huggingface-trust-remote-code
    return AutoModelForCausalLM.from_pretrained(
        MODEL_ID, trust_remote_code=True, revision="4b8e1f0c2d9a7e6b5c3f1a0e9d8c7b6a5f4e3d2c"
    )


def build_embedder():
    # ruleid: python-huggingface-trust-remote-code
    return SentenceTransformer("nomic-ai/nomic-embed-text-v1.5", trust_remote_code=True)


def build_summarizer():
    # ruleid: python-huggingface-trust-remote-code
    return pipeline("summarization", model="acme-labs/summarizer", trust_remote_code=True)


def load_eval_set():
    # ruleid: python-huggingface-trust-remote-code
    return load_dataset("acme-labs/eval-suite", split="test", trust_remote_code=True)
