import ast
import json
import subprocess

import anthropic
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from mcp.server.fastmcp import FastMCP
from openai import OpenAI

client = OpenAI()
claude = anthropic.Anthropic()
mcp = FastMCP("devtools")
llm = ChatOpenAI(model="gpt-4o")

ALLOWED_COMMANDS = {"status": ["git", "status"], "log": ["git", "log", "-n", "20"]}


def generate_code(task):
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Write Python code only, no prose."},
            {"role": "user", "content": task},
        ],
    )
    code = resp.choices[0].message.content
    return code.strip().removeprefix("```python").removesuffix("```")


def solve(task):
    source = generate_code(task)
    scope = {}
    # ruleid: python-llm-output-to-code-execution
    exec(source, scope)
    return scope.get("result")


def suggest_fix(error_log):
    message = claude.messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=512,
        messages=[{"role": "user", "content": f"Give one shell command that fixes:\n{error_log}"}],
    )
    command = message.content[0].text.strip()
    # ruleid: python-llm-output-to-code-execution
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def run_command(command: str, cwd: str = ".") -> str:
    """Run a shell command in the project directory."""
    # ruleid: python-llm-output-to-code-execution
    result = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True)
    return result.stdout + result.stderr


def calculator_agent(question):
    prompt = ChatPromptTemplate.from_template("Turn this into a Python expression: {q}")
    chain = prompt | llm
    expression = chain.invoke({"q": question}).content
    # ruleid: python-llm-output-to-code-execution
    return eval(expression)


def handle_tool_calls(response):
    for call in response.choices[0].message.tool_calls:
        args = json.loads(call.function.arguments)
        if call.function.name == "shell":
            # ruleid: python-llm-output-to-code-execution
            subprocess.check_output(f"bash -lc '{args['cmd']}'", shell=True)


@mcp.tool()
def git(action: str) -> str:
    """Run an allowed git command."""
    if action not in ALLOWED_COMMANDS:
        return "unknown action"
    # ok: python-llm-output-to-code-execution
    return subprocess.run(ALLOWED_COMMANDS[action], capture_output=True, text=True).stdout


def parse_numbers(task):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Return a Python list of numbers for: {task}"}],
    )
    # ok: python-llm-output-to-code-execution
    return ast.literal_eval(resp.choices[0].message.content)


@mcp.tool()
def grep(pattern: str, path: str = ".") -> str:
    """Search files with grep (no shell)."""
    # ok: python-llm-output-to-code-execution
    return subprocess.run(["grep", "-rn", "--", pattern, path], capture_output=True, text=True).stdout


def summarize(text):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    summary = resp.choices[0].message.content
    # ok: python-llm-output-to-code-execution
    subprocess.run("notify-send 'summary ready'", shell=True)
    return summary
