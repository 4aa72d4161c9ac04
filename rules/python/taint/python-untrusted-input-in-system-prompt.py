import anthropic
from fastapi import FastAPI
from flask import Flask, jsonify, request
from google import genai
from google.genai import types
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from openai import OpenAI
from pydantic import BaseModel

app = Flask(__name__)
api = FastAPI()
client = OpenAI()
claude = anthropic.Anthropic()
gemini = genai.Client()
llm = ChatOpenAI(model="gpt-4o-mini")

SYSTEM_PROMPT = "You are a support assistant for Acme. Answer only questions about Acme products."
TONES = {"friendly": "Be warm and casual.", "formal": "Be concise and formal."}


class ChatRequest(BaseModel):
    message: str
    persona: str = "assistant"
    tone: str = "friendly"


def build_system_prompt(company, extra):
    base = f"You are a support bot for {company}."
    if extra:
        base += " Additional rules: " + extra
    return base


@app.route("/chat", methods=["POST"])
def chat():
    body = request.get_json()
    system = build_system_prompt(body.get("company", "Acme"), body.get("rules"))
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            # ruleid: python-untrusted-input-in-system-prompt
            {"role": "system", "content": system},
            {"role": "user", "content": body["message"]},
        ],
    )
    return jsonify(answer=resp.choices[0].message.content)


@api.post("/assistant")
async def assistant(req: ChatRequest):
    persona = f"You are {req.persona}. Stay in character."
    msg = claude.messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=1024,
        # ruleid: python-untrusted-input-in-system-prompt
        system=persona,
        messages=[{"role": "user", "content": req.message}],
    )
    return {"answer": msg.content[0].text}


@app.route("/summarize", methods=["POST"])
def summarize():
    style = request.form.get("style", "bullet points")
    prompt = ChatPromptTemplate.from_messages(
        [
            # ruleid: python-untrusted-input-in-system-prompt
            ("system", "Summarize the text as " + style),
            ("human", "{text}"),
        ]
    )
    chain = prompt | llm
    return jsonify(summary=chain.invoke({"text": request.form["text"]}).content)


@app.route("/translate", methods=["POST"])
def translate():
    data = request.get_json()
    instructions = "Translate the user's text into %s." % data["language"]
    # ruleid: python-untrusted-input-in-system-prompt
    messages = [SystemMessage(content=instructions), HumanMessage(content=data["text"])]
    return jsonify(text=llm.invoke(messages).content)


@app.route("/gemini", methods=["POST"])
def gemini_chat():
    q = request.get_json()
    config = types.GenerateContentConfig(
        # ruleid: python-untrusted-input-in-system-prompt
        system_instruction=f"Answer as {q['role']}",
    )
    resp = gemini.models.generate_content(model="gemini-2.0-flash", contents=q["text"], config=config)
    return jsonify(text=resp.text)


@app.route("/chat/safe", methods=["POST"])
def chat_safe():
    body = request.get_json()
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            # ok: python-untrusted-input-in-system-prompt
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": body["message"]},
        ],
    )
    return jsonify(answer=resp.choices[0].message.content)


@api.post("/assistant/safe")
async def assistant_safe(req: ChatRequest):
    if req.tone not in TONES:
        return {"error": "unknown tone"}
    system = SYSTEM_PROMPT + " " + TONES[req.tone]
    msg = claude.messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=1024,
        # ok: python-untrusted-input-in-system-prompt
        system=system,
        messages=[{"role": "user", "content": req.message}],
    )
    return {"answer": msg.content[0].text}


@app.route("/translate/safe", methods=["POST"])
def translate_safe():
    data = request.get_json()
    # ok: python-untrusted-input-in-system-prompt
    messages = [SystemMessage(content="Translate the user's text into French."), HumanMessage(content=data["text"])]
    return jsonify(text=llm.invoke(messages).content)


@app.route("/count", methods=["POST"])
def count_tokens():
    data = request.get_json()
    n = len(data["text"])
    system = f"The user's text has {n} characters. Reply with a one-line summary."
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        # ok: python-untrusted-input-in-system-prompt
        messages=[{"role": "system", "content": system}, {"role": "user", "content": data["text"]}],
    )
    return jsonify(summary=resp.choices[0].message.content)


@api.post("/chats/{chat_id}/continue")
async def continue_chat(chat_id: str, req: ChatRequest):
    # The id only selects a saved chat; its system prompt is stored data, not this request.
    chat = await get_chat_by_id(chat_id)
    system = chat.params.get("system") or SYSTEM_PROMPT
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        # ok: python-untrusted-input-in-system-prompt
        messages=[{"role": "system", "content": system}, {"role": "user", "content": req.message}],
    )
    return {"answer": resp.choices[0].message.content}


@api.post("/chats/{chat_id}/persona")
async def chat_persona(chat_id: str, req: ChatRequest):
    chat = await Chats.get_chat_by_id(chat_id)
    system = f"{chat.params.get('system', SYSTEM_PROMPT)} Speak as {req.persona}."
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        # ruleid: python-untrusted-input-in-system-prompt
        messages=[{"role": "system", "content": system}, {"role": "user", "content": req.message}],
    )
    return {"answer": resp.choices[0].message.content}


class TokenManager:
    def get_token(self, user_id, session_id):
        # answers with the manager's own data (`self`), not with the session id
        return self._refresh(None)

    def _refresh(self, session):
        return None

    def persona_line(self, user_id, persona):
        return f"Speak as {persona} to user {user_id}."


def session_token(req):
    sid = req.cookies.get("sid")
    return req.app.state.tokens.get_token(1, sid)


@app.route("/assistant/token", methods=["POST"])
def assistant_with_token():
    token = session_token(request)
    data = request.get_json()
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        # ok: python-untrusted-input-in-system-prompt
        messages=[{"role": "system", "content": f"Tools use token {token}."}, {"role": "user", "content": data["text"]}],
    )
    return jsonify(answer=resp.choices[0].message.content)


@app.route("/assistant/persona", methods=["POST"])
def assistant_with_persona():
    data = request.get_json()
    line = current_app.tokens.persona_line(1, data["persona"])
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        # ruleid: python-untrusted-input-in-system-prompt
        messages=[{"role": "system", "content": line}, {"role": "user", "content": data["text"]}],
    )
    return jsonify(answer=resp.choices[0].message.content)
