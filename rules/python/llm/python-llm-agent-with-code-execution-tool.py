import autogen
from fastapi import FastAPI
from langchain.agents import AgentType, initialize_agent, load_tools
from langchain_community.tools import DuckDuckGoSearchRun, ShellTool
from langchain_core.tools import tool
from langchain_experimental.tools import PythonREPLTool
from langchain_openai import ChatOpenAI

from .reports import revenue_for

app = FastAPI()
llm = ChatOpenAI(model="gpt-4o", temperature=0)


@app.post("/analyst")
def analyst(question: str):
    # ruleid: python-llm-agent-with-code-execution-tool
    tools = [PythonREPLTool(), DuckDuckGoSearchRun()]
    agent = initialize_agent(tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)
    return {"answer": agent.run(question)}


@tool
def monthly_revenue(year: int, month: int) -> float:
    """Revenue in EUR for one calendar month."""
    return revenue_for(year, month)


@app.post("/analyst/safe")
def analyst_safe(question: str):
    # ok: python-llm-agent-with-code-execution-tool
    tools = [monthly_revenue, DuckDuckGoSearchRun()]
    agent = initialize_agent(tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)
    return {"answer": agent.run(question)}


@app.post("/ops")
def ops_assistant(task: str):
    # ruleid: python-llm-agent-with-code-execution-tool
    tools = load_tools(["terminal", "requests_get"], llm=llm, allow_dangerous_tools=True)
    # ruleid: python-llm-agent-with-code-execution-tool
    tools.append(ShellTool())
    agent = initialize_agent(tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)
    return {"result": agent.run(task)}


@app.post("/search")
def search_assistant(task: str):
    # ok: python-llm-agent-with-code-execution-tool
    tools = load_tools(["ddg-search", "wikipedia"], llm=llm)
    agent = initialize_agent(tools, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)
    return {"result": agent.run(task)}


def build_coder():
    assistant = autogen.AssistantAgent("coder", llm_config={"model": "gpt-4o"})
    # ruleid: python-llm-agent-with-code-execution-tool
    runner = autogen.UserProxyAgent("runner", code_execution_config={"work_dir": "scratch", "use_docker": False})
    return assistant, runner


def build_coder_sandboxed():
    assistant = autogen.AssistantAgent("coder", llm_config={"model": "gpt-4o"})
    # ok: python-llm-agent-with-code-execution-tool
    runner = autogen.UserProxyAgent("runner", code_execution_config={"work_dir": "scratch", "use_docker": "python:3.12-slim"})
    return assistant, runner
