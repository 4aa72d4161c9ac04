import pandas as pd
from fastapi import FastAPI
from langchain_community.agent_toolkits.openapi.toolkit import RequestsToolkit
from langchain_community.utilities.requests import TextRequestsWrapper
from langchain_community.vectorstores import FAISS
from langchain_experimental.agents import create_csv_agent, create_pandas_dataframe_agent
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from pydantic import BaseModel

app = FastAPI()
llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
embeddings = OpenAIEmbeddings()
sales = pd.read_csv("data/sales.csv")


class Question(BaseModel):
    question: str


@app.post("/analytics/ask")
def ask_data(q: Question):
    # ruleid: python-langchain-dangerous-option-enabled
    agent = create_pandas_dataframe_agent(
        llm,
        sales,
        verbose=True,
        allow_dangerous_code=True,
    )
    return {"answer": agent.invoke(q.question)["output"]}


@app.post("/analytics/ask-csv")
def ask_csv(q: Question, path: str):
    # ruleid: python-langchain-dangerous-option-enabled
    agent = create_csv_agent(llm, path, allow_dangerous_code=True)
    return {"answer": agent.invoke(q.question)["output"]}


@app.post("/analytics/ask-safe")
def ask_data_safe(q: Question):
    # ok: python-langchain-dangerous-option-enabled
    agent = create_pandas_dataframe_agent(llm, sales, verbose=True, allow_dangerous_code=False)
    return {"answer": agent.invoke(q.question)["output"]}


def load_index(index_dir: str):
    # ruleid: python-langchain-dangerous-option-enabled
    return FAISS.load_local(index_dir, embeddings, allow_dangerous_deserialization=True)


def build_index(docs):
    # ok: python-langchain-dangerous-option-enabled
    store = FAISS.from_documents(docs, embeddings)
    store.save_local("faiss_index")
    return store


def http_tools():
    # ruleid: python-langchain-dangerous-option-enabled
    return RequestsToolkit(requests_wrapper=TextRequestsWrapper(headers={}), allow_dangerous_requests=True).get_tools()


@app.get("/search")
def search(query: str):
    # ok: python-langchain-dangerous-option-enabled
    store = FAISS.load_local("faiss_index", embeddings)
    return [d.page_content for d in store.similarity_search(query, k=4)]
