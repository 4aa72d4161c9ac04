import markdown
import nh3
from django.http import HttpResponse
from flask import Flask, jsonify, render_template, request
from markupsafe import Markup, escape
from openai import OpenAI

app = Flask(__name__)
client = OpenAI()


def ask(question):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content


@app.route("/ask", methods=["POST"])
def ask_page():
    answer = ask(request.form["question"])
    answer_html = markdown.markdown(answer)
    # ruleid: python-llm-output-to-html
    safe_html = Markup(answer_html)
    return render_template("answer.html", answer=safe_html)


@app.route("/summary")
def summary():
    text = ask("Summarize today's news")
    # ruleid: python-llm-output-to-html
    return f"<article class='summary'>{text}</article>"


def django_answer(request):
    resp = client.responses.create(model="gpt-4o-mini", input=request.GET["q"])
    body = "<div class='answer'>" + resp.output_text + "</div>"
    # ruleid: python-llm-output-to-html
    return HttpResponse(body)


@app.route("/ask/safe", methods=["POST"])
def ask_safe():
    answer = ask(request.form["question"])
    clean = nh3.clean(markdown.markdown(answer))
    # ok: python-llm-output-to-html
    safe_html = Markup(clean)
    return render_template("answer.html", answer=safe_html)


@app.route("/summary/safe")
def summary_safe():
    text = ask("Summarize today's news")
    # ok: python-llm-output-to-html
    return f"<article class='summary'>{escape(text)}</article>"


@app.route("/api/ask", methods=["POST"])
def api_ask():
    answer = ask(request.json["question"])
    # ok: python-llm-output-to-html
    return jsonify(answer=answer)
