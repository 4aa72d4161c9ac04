import json
import sqlite3

from langchain_openai import ChatOpenAI
from mcp.server.fastmcp import FastMCP
from openai import OpenAI
from sqlalchemy import create_engine, text

client = OpenAI()
llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
mcp = FastMCP("analytics")
engine = create_engine("postgresql://app@db/app")

SCHEMA = "orders(id, user_id, status, total, created_at)"
REPORTS = {
    "revenue_by_day": "SELECT date(created_at), sum(total) FROM orders WHERE user_id = ? GROUP BY 1",
    "open_orders": "SELECT id, total FROM orders WHERE user_id = ? AND status = 'open'",
}


def text_to_sql(question):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"Translate questions into SQLite SQL. Schema: {SCHEMA}"},
            {"role": "user", "content": question},
        ],
    )
    sql = resp.choices[0].message.content.strip().strip("`")
    return sql


def answer(question):
    query = text_to_sql(question)
    conn = sqlite3.connect("app.db")
    # ruleid: python-llm-output-to-sql
    rows = conn.execute(query).fetchall()
    return rows


def answer_with_langchain(question):
    sql = llm.invoke(f"Write one PostgreSQL query for: {question}. Schema: {SCHEMA}").content
    with engine.connect() as conn:
        # ruleid: python-llm-output-to-sql
        return conn.execute(text(sql)).fetchall()


@mcp.tool()
def run_query(sql: str) -> str:
    """Run a SQL query against the analytics database."""
    conn = sqlite3.connect("analytics.db")
    cur = conn.cursor()
    # ruleid: python-llm-output-to-sql
    cur.execute(sql)
    return json.dumps(cur.fetchall())


def filter_orders(user_id, request_text):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Give a SQL WHERE clause for: {request_text}"}],
    )
    where = resp.choices[0].message.content
    conn = sqlite3.connect("app.db")
    # ruleid: python-llm-output-to-sql
    return conn.execute("SELECT * FROM orders WHERE user_id = ? AND " + where, (user_id,)).fetchall()


@mcp.tool()
def run_report(report: str, user_id: int) -> str:
    """Run one of the predefined reports."""
    if report not in REPORTS:
        return "unknown report"
    conn = sqlite3.connect("app.db")
    # ok: python-llm-output-to-sql
    return json.dumps(conn.execute(REPORTS[report], (user_id,)).fetchall())


@mcp.tool()
def orders_with_status(status: str, user_id: int) -> str:
    """List the user's orders with a given status."""
    conn = sqlite3.connect("app.db")
    # ok: python-llm-output-to-sql
    rows = conn.execute("SELECT id, total FROM orders WHERE user_id = ? AND status = ?", (user_id, status)).fetchall()
    return json.dumps(rows)


def classify(question):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Reply with the name of the report for: {question}"}],
    )
    choice = resp.choices[0].message.content.strip()
    conn = sqlite3.connect("app.db")
    # ok: python-llm-output-to-sql
    conn.execute("INSERT INTO audit(question, answer) VALUES (?, ?)", (question, choice))
    return choice


def store_prediction(clf, features, order_id):
    label = clf.predict([features])[0]
    conn = sqlite3.connect("app.db")
    # ok: python-llm-output-to-sql
    conn.execute(f"UPDATE orders SET risk = '{label}' WHERE id = {int(order_id)}")
