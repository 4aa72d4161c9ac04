import os

from anthropic import Anthropic
from fastapi import FastAPI
from langchain_core.messages import HumanMessage, SystemMessage
from openai import OpenAI

from .settings import settings

app = FastAPI()
client = OpenAI()
claude = Anthropic()


@app.post("/support")
def support_chat(question: str):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            # ruleid: python-llm-secret-in-prompt
            {
                "role": "system",
                "content": f"You are a support bot. To look up orders call the API with key {os.environ['ORDERS_API_KEY']}.",
            },
            {"role": "user", "content": question},
        ],
    )
    return {"answer": response.choices[0].message.content}


@app.post("/support/safe")
def support_chat_safe(question: str):
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            # ok: python-llm-secret-in-prompt
            {"role": "system", "content": "You are a support bot. Use the lookup_order tool for order questions."},
            {"role": "user", "content": question},
        ],
    )
    return {"answer": response.choices[0].message.content}


@app.post("/db-assistant")
def db_assistant(question: str):
    system = f"Write SQL for Postgres. Connect with {settings.database_password} if you need to test it."
    # ruleid: python-llm-secret-in-prompt
    reply = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=system, messages=[{"role": "user", "content": question}])
    return {"sql": reply.content[0].text}


@app.post("/db-assistant/safe")
def db_assistant_safe(question: str):
    system = f"Write SQL for Postgres {settings.postgres_version}. Only SELECT statements."
    # ok: python-llm-secret-in-prompt
    reply = claude.messages.create(model="claude-sonnet-4-5", max_tokens=1024, system=system, messages=[{"role": "user", "content": question}])
    return {"sql": reply.content[0].text}


def build_messages(question: str):
    return [
        # ruleid: python-llm-secret-in-prompt
        SystemMessage(content="Use the GitHub token " + os.getenv("GITHUB_TOKEN", "") + " when calling the API."),
        # ok: python-llm-secret-in-prompt
        HumanMessage(content=f"{question} (answer in {os.getenv('APP_LANGUAGE', 'English')})"),
    ]
