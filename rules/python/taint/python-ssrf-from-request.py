import urllib.request
from urllib.parse import urlparse

import httpx
import requests
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}
GITHUB_API = "https://api.github.com"


def fetch_preview(link):
    headers = {"User-Agent": "preview-bot/1.0"}
    # ruleid: python-ssrf-from-request
    resp = requests.get(link, headers=headers, timeout=10)
    return resp.text[:500]


@app.route("/preview")
def preview():
    url = request.args.get("url")
    return jsonify(snippet=fetch_preview(url))


@app.route("/webhook/test", methods=["POST"])
def webhook_test():
    payload = request.get_json()
    target = payload["callback_url"]
    # ruleid: python-ssrf-from-request
    r = requests.post(target, json={"ping": True}, timeout=5)
    return jsonify(status=r.status_code)


@api.get("/proxy")
async def proxy(image_url: str):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        # ruleid: python-ssrf-from-request
        resp = await client.get(image_url)
    return resp.content


@app.route("/import")
def import_feed():
    feed = request.args["feed"]
    full = feed if feed.startswith("http") else "https://" + feed
    # ruleid: python-ssrf-from-request
    with urllib.request.urlopen(full) as fh:
        return fh.read()


@app.route("/preview/safe")
def preview_safe():
    url = request.args.get("url", "")
    host = urlparse(url).hostname
    if host not in ALLOWED_HOSTS:
        abort(400)
    # ok: python-ssrf-from-request
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return resp.text


@app.route("/users/<username>/repos")
def repos(username):
    # ok: python-ssrf-from-request
    resp = requests.get(f"https://api.github.com/users/{username}/repos", timeout=5)
    return jsonify(resp.json())


@app.route("/orgs/<org>")
def org(org):
    # ok: python-ssrf-from-request
    resp = httpx.get(f"{GITHUB_API}/orgs/{org}", timeout=5)
    return jsonify(resp.json())


@app.route("/status")
def status():
    verbose = request.args.get("verbose")
    # ok: python-ssrf-from-request
    resp = requests.get("https://status.example.com/api/v2/status.json", timeout=5)
    return jsonify(resp.json() if verbose else {"ok": resp.ok})


@app.route("/docs")
def docs():
    page = request.args.get("page", "")
    if not page.startswith("https://docs.example.com/"):
        abort(400)
    # ok: python-ssrf-from-request
    return requests.get(page, timeout=5).text


@app.route("/avatar")
def avatar():
    src = request.args.get("src", "")
    if not src.startswith("http"):
        abort(400)
    # ruleid: python-ssrf-from-request
    data = requests.get(src, timeout=5).content
    return data, 200, {"Content-Type": "image/png"}


@app.route("/sync")
def sync():
    full = request.args.get("full") == "1"
    upstream = requests.get("https://config.example.com/v1/endpoints", timeout=5)
    next_page = upstream.headers.get("X-Next-Page")
    # ok: python-ssrf-from-request
    more = requests.get(next_page, timeout=5) if full and next_page else None
    return jsonify(first=upstream.json(), more=more.json() if more else None)


import httpx
from fastapi import APIRouter, Request

api = APIRouter()


@api.post("/proxy/models")
async def proxy_models(http_request: Request, idx: str):
    # the app's own configuration, read through the request object
    base = http_request.app.state.config.OPENAI_API_BASE_URL
    async with httpx.AsyncClient() as client:
        # ok: python-ssrf-from-request
        r = await client.get(f"{base}/models")
        # ruleid: python-ssrf-from-request
        r2 = await client.get(http_request.query_params.get("next"))
    return r.json()


@api.get("/proxy/{url_idx}/models")
async def proxy_models_by_index(http_request: Request, url_idx: str):
    # The index from the request selects one of the configured upstreams.
    url = http_request.app.state.config.OPENAI_API_BASE_URLS[url_idx]
    async with httpx.AsyncClient() as client:
        # ok: python-ssrf-from-request
        r = await client.get(f"{url}/models")
    upstreams = {"a": "https://a.example.com", "b": "https://b.example.com"}
    base = upstreams.get(http_request.query_params.get("upstream"))
    # ok: python-ssrf-from-request
    requests.get(base, timeout=5)
    return r.json()


@app.route("/proxy/list")
def proxy_from_list():
    # The list itself comes from the request: the selected URL is attacker data.
    urls = request.get_json()["urls"]
    # ruleid: python-ssrf-from-request
    requests.get(urls[int(request.args.get("i", "0"))], timeout=5)
    # ruleid: python-ssrf-from-request
    requests.get(request.args.getlist("u")[0], timeout=5)
    return "ok"


from mlflow.server.handlers import _get_tracking_store


@api.get("/runs/{run_id}/artifact-proxy")
async def artifact_proxy(run_id: str):
    # The run looked up by id carries the stored artifact URI, not the caller's string.
    run = _get_tracking_store().get_run(run_id)
    # ok: python-ssrf-from-request
    requests.get(run.info.artifact_uri, timeout=5)
    # A transformer keeps the argument's taint.
    target = "https://artifacts.example.com/{}".format(run_id)
    # ruleid: python-ssrf-from-request
    requests.get("https://{}".format(run_id), timeout=5)
    return target


@app.route("/gateway")
def gateway():
    target_uri = get_tracking_uri()
    gateway_path = request.args.get("gateway_path")
    # The request only chooses the path under a base URL the server picked.
    # ok: python-ssrf-from-request
    return requests.get(f"{target_uri}/{gateway_path}").content


@app.route("/gateway2")
def gateway2():
    base = request.args.get("base")
    # ruleid: python-ssrf-from-request
    return requests.get(f"{base}/{request.args.get('p')}").content
