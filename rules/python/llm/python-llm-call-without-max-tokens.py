from fastapi import FastAPI
from openai import AsyncOpenAI, OpenAI
from pydantic import BaseModel

app = FastAPI()
client = OpenAI()
aclient = AsyncOpenAI()
GENERATION_DEFAULTS = {"max_completion_tokens": 400, "temperature": 0.2}


class Ask(BaseModel):
    question: str


@app.post("/ask")
def ask(body: Ask):
    # ruleid: python-llm-call-without-max-tokens
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": body.question}],
    )
    return {"answer": response.choices[0].message.content}


@app.post("/ask/safe")
def ask_safe(body: Ask):
    # ok: python-llm-call-without-max-tokens
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": body.question[:4000]}],
        max_completion_tokens=500,
        timeout=30,
    )
    return {"answer": response.choices[0].message.content}


@app.post("/summarize")
async def summarize(body: Ask) -> dict:
    # ruleid: python-llm-call-without-max-tokens
    response = await aclient.responses.create(model="gpt-4o-mini", input=f"Summarize: {body.question}")
    return {"summary": response.output_text}


@app.post("/summarize/safe")
async def summarize_safe(body: Ask) -> dict:
    # ok: python-llm-call-without-max-tokens
    response = await aclient.responses.create(model="gpt-4o-mini", input=body.question, max_output_tokens=300)
    return {"summary": response.output_text}


@app.post("/rewrite")
def rewrite(body: Ask):
    # ruleid: python-llm-call-without-max-tokens
    response = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": body.question}], temperature=0.7)
    return {"text": response.choices[0].message.content}


def nightly_report(rows: list[str]) -> str:
    # ok: python-llm-call-without-max-tokens
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "\n".join(rows)}])
    return response.choices[0].message.content
