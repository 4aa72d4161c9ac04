"""A data-analysis agent: asks the model for pandas code and runs it."""

import subprocess

import pandas as pd

from llm_client import complete, token_count


def analyze(df: pd.DataFrame, question: str):
    code = complete(f"Columns: {list(df.columns)}. Write pandas code assigning `result` for: {question}")
    scope = {"df": df, "pd": pd}
    # ruleid: python-llm-output-to-code-execution
    exec(code, scope)
    return scope["result"]


def fix_environment(error_text: str):
    fix = complete(f"Give a single shell command that fixes this error:\n{error_text}")
    # ruleid: python-llm-output-to-code-execution
    subprocess.run(fix, shell=True, check=False)


def report_size(question: str):
    n = token_count(question)
    # ok: python-llm-output-to-code-execution
    subprocess.run(f"echo {n} tokens >> /var/log/agent.log", shell=True)
