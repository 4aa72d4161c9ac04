//! `mamori review` end to end against a local, hand-written mimic of the GitHub REST API
//! (HTTP/1.1 on 127.0.0.1): paginated pull-request files, a 429 with `retry-after`, review
//! and issue comments. Also `--format github`. No test talks to the internet.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

const TOKEN: &str = "ghs_test_token_123";

const RULES: &str = r#"rules:
  - id: test-os-system
    message: os.system runs `$CMD` through a shell
    severity: ERROR
    languages: [python]
    metadata:
      cwe: ["CWE-78: OS Command Injection"]
      confidence: HIGH
    patterns:
      - pattern: os.system($CMD)
      - pattern-not: os.system("...")
  - id: test-yaml-load
    message: yaml.load can build arbitrary objects
    severity: WARNING
    languages: [python]
    metadata:
      cwe: ["CWE-502: Deserialization of Untrusted Data"]
      confidence: HIGH
    pattern: yaml.load($X)
    fix: yaml.safe_load($X)
"#;

const APP: &str = "import os\nimport yaml\n\ndef run(cmd, stream):\n    os.system(cmd)\n    data = yaml.load(stream)\n    return data\n";
const APP_PATCH: &str = "@@ -0,0 +1,7 @@\n+import os\n+import yaml\n+\n+def run(cmd, stream):\n+    os.system(cmd)\n+    data = yaml.load(stream)\n+    return data";
const OTHER: &str = "import os\nos.system(a)\nx = 1\ny = 2\n";
const OTHER_PATCH: &str = "@@ -1,3 +1,4 @@\n import os\n os.system(a)\n x = 1\n+y = 2";

#[derive(Debug, Clone)]
struct Req {
    method: String,
    path: String,
    auth: String,
    body: Value,
}

#[derive(Default)]
struct State {
    requests: Vec<Req>,
    review_comments: Vec<Value>,
    issue_comments: Vec<Value>,
    sent_429: bool,
    port: u16,
}

/// Method, target, lower-cased headers and body.
type Raw = (String, String, HashMap<String, String>, Vec<u8>);

fn read_request(stream: &mut TcpStream) -> Option<Raw> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let mut body = Vec::new();
    if let Some(len) = headers
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok())
    {
        body.resize(len, 0);
        reader.read_exact(&mut body).ok()?;
    } else if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let n = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    Some((method, target, headers, body))
}

fn respond(stream: &mut TcpStream, status: u16, extra: &[(&str, String)], body: &Value) {
    let text = body.to_string();
    let reason = match status {
        200 => "OK",
        201 => "Created",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        text.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
}

fn handle(stream: &mut TcpStream, state: &Arc<Mutex<State>>) {
    let Some((method, target, headers, body)) = read_request(stream) else {
        return;
    };
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let mut st = state.lock().unwrap();
    st.requests.push(Req {
        method: method.clone(),
        path: target.clone(),
        auth: headers.get("authorization").cloned().unwrap_or_default(),
        body: body.clone(),
    });
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let page = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .unwrap_or("1")
        .to_owned();
    let port = st.port;
    match (method.as_str(), path) {
        ("GET", "/repos/octo/app/pulls/1/files") => {
            if !st.sent_429 {
                st.sent_429 = true;
                drop(st);
                return respond(
                    stream,
                    429,
                    &[("retry-after", "1".into())],
                    &json!({"message": "API rate limit exceeded"}),
                );
            }
            drop(st);
            if page == "1" {
                let link = format!(
                    "<http://127.0.0.1:{port}/repos/octo/app/pulls/1/files?per_page=100&page=2>; rel=\"next\", \
                     <http://127.0.0.1:{port}/repos/octo/app/pulls/1/files?per_page=100&page=2>; rel=\"last\""
                );
                respond(
                    stream,
                    200,
                    &[("Link", link)],
                    &json!([
                        {"filename": "app.py", "status": "added", "patch": APP_PATCH},
                        {"filename": "gone.py", "status": "removed"}
                    ]),
                );
            } else {
                respond(
                    stream,
                    200,
                    &[],
                    &json!([{"filename": "other.py", "status": "modified", "patch": OTHER_PATCH}]),
                );
            }
        }
        ("GET", "/repos/octo/app/pulls/1/comments") => {
            let list = Value::Array(st.review_comments.clone());
            drop(st);
            respond(stream, 200, &[], &list);
        }
        ("GET", "/repos/octo/app/issues/1/comments") => {
            let mut list = vec![json!({"id": 7, "body": "LGTM from a human"})];
            list.extend(st.issue_comments.clone());
            drop(st);
            respond(stream, 200, &[], &Value::Array(list));
        }
        ("POST", "/repos/octo/app/pulls/1/reviews") => {
            for c in body["comments"].as_array().cloned().unwrap_or_default() {
                st.review_comments.push(c);
            }
            drop(st);
            respond(stream, 200, &[], &json!({"id": 55, "state": "COMMENTED"}));
        }
        ("POST", "/repos/octo/app/issues/1/comments") => {
            let id = 100 + st.issue_comments.len() as u64 + 1;
            let c = json!({"id": id, "body": body["body"]});
            st.issue_comments.push(c.clone());
            drop(st);
            respond(stream, 201, &[], &c);
        }
        ("PATCH", p) if p.starts_with("/repos/octo/app/issues/comments/") => {
            let id: u64 = p.rsplit('/').next().unwrap().parse().unwrap();
            for c in &mut st.issue_comments {
                if c["id"] == id {
                    c["body"] = body["body"].clone();
                }
            }
            drop(st);
            respond(stream, 200, &[], &json!({"id": id}));
        }
        _ => {
            drop(st);
            respond(stream, 404, &[], &json!({"message": "Not Found"}));
        }
    }
}

/// Starts the mimic; returns its base URL and state.
fn server() -> (String, Arc<Mutex<State>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let state = Arc::new(Mutex::new(State {
        port,
        ..State::default()
    }));
    let s = Arc::clone(&state);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let s = Arc::clone(&s);
            std::thread::spawn(move || handle(&mut stream, &s));
        }
    });
    (format!("http://127.0.0.1:{port}"), state)
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("rules")).unwrap();
    std::fs::write(d.join("rules/test.yaml"), RULES).unwrap();
    std::fs::write(d.join("app.py"), APP).unwrap();
    std::fs::write(d.join("other.py"), OTHER).unwrap();
    std::fs::write(d.join("untouched.py"), "import os\nos.system(z)\n").unwrap();
    dir
}

fn mamori(args: &[&str], cwd: &Path, token: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mamori"));
    c.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_TOKEN")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_EVENT_PATH")
        .env_remove("GITHUB_API_URL");
    if let Some(t) = token {
        c.env("GITHUB_TOKEN", t);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn review_args(api: &str) -> Vec<String> {
    [
        "review",
        "--config",
        "rules",
        "--repo",
        "octo/app",
        "--pr",
        "1",
        "--api-url",
        api,
        "--fail-on",
        "none",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

#[test]
fn review_posts_inline_comments_suggestion_and_summary_then_updates_idempotently() {
    let p = project();
    let (api, state) = server();
    let args = review_args(&api);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // First run.
    let o = mamori(&args, p.path(), Some(TOKEN));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN), "token leaked");
    assert!(err.contains("retrying in 1 s"), "{err}");
    assert!(err.contains("2 new inline comment(s)"), "{err}");

    let reqs = state.lock().unwrap().requests.clone();
    assert!(reqs.iter().all(|r| r.auth == format!("Bearer {TOKEN}")));
    let files: Vec<&Req> = reqs.iter().filter(|r| r.path.contains("/files")).collect();
    assert_eq!(files.len(), 3, "429, page 1, page 2: {files:?}");
    assert!(files[2].path.ends_with("page=2"));
    let reviews: Vec<&Req> = reqs
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/pulls/1/reviews"))
        .collect();
    assert_eq!(reviews.len(), 1);
    let review = &reviews[0].body;
    assert_eq!(review["event"], "COMMENT");
    let comments = review["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{review:#}");
    let by_line = |l: u64| comments.iter().find(|c| c["line"] == l).unwrap();
    let shell = by_line(5);
    assert_eq!(shell["path"], "app.py");
    assert_eq!(shell["side"], "RIGHT");
    let body = shell["body"].as_str().unwrap();
    assert!(body.contains("`test-os-system`"), "{body}");
    assert!(body.contains("CWE-78"), "{body}");
    assert!(body.contains("<!-- mamori:fp="), "{body}");
    let yaml = by_line(6)["body"].as_str().unwrap();
    assert!(
        yaml.contains("```suggestion\n    data = yaml.safe_load(stream)\n```"),
        "{yaml}"
    );
    // The finding on an unchanged line of other.py and the untouched file are not inline.
    assert!(comments.iter().all(|c| c["path"] == "app.py"));

    let summaries: Vec<&Req> = reqs
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/issues/1/comments"))
        .collect();
    assert_eq!(summaries.len(), 1);
    let summary = summaries[0].body["body"].as_str().unwrap();
    assert!(summary.starts_with("<!-- mamori-summary -->"), "{summary}");
    assert!(summary.contains("`other.py:2`"), "{summary}");
    assert!(
        !summary.contains("untouched.py"),
        "only the pull request's files are scanned: {summary}"
    );

    // Second run (a new push with the same code): no duplicate inline comment, the summary
    // comment is updated in place.
    state.lock().unwrap().requests.clear();
    let o = mamori(&args, p.path(), Some(TOKEN));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("0 new inline comment(s), 2 already commented"));
    let reqs = state.lock().unwrap().requests.clone();
    assert!(
        !reqs.iter().any(|r| r.path.ends_with("/reviews")),
        "no second review: {reqs:?}"
    );
    let patches: Vec<&Req> = reqs.iter().filter(|r| r.method == "PATCH").collect();
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[0].path, "/repos/octo/app/issues/comments/101");
    assert!(
        !reqs
            .iter()
            .any(|r| r.method == "POST" && r.path.ends_with("/issues/1/comments"))
    );
    assert_eq!(state.lock().unwrap().issue_comments.len(), 1);
}

#[test]
fn review_dry_run_prints_payloads_and_writes_nothing() {
    let p = project();
    let (api, state) = server();
    let mut args = review_args(&api);
    args.push("--dry-run".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = mamori(&args, p.path(), Some(TOKEN));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("\"path\": \"/repos/octo/app/pulls/1/reviews\""),
        "{out}"
    );
    assert!(out.contains("```suggestion"), "{out}");
    assert!(out.contains("<!-- mamori-summary -->"), "{out}");
    let reqs = state.lock().unwrap().requests.clone();
    assert!(reqs.iter().all(|r| r.method == "GET"), "{reqs:?}");
}

#[test]
fn review_explains_missing_token_and_api_errors() {
    let p = project();
    let (api, _state) = server();
    let args = review_args(&api);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = mamori(&args, p.path(), None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no token: set GITHUB_TOKEN"),
        "{}",
        text(&o.stderr)
    );

    let mut args = review_args(&api);
    let i = args.iter().position(|a| a == "--pr").unwrap();
    args[i + 1] = "9".into();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = mamori(&args, p.path(), Some(TOKEN));
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("HTTP 404") && err.contains("check --repo and --pr"),
        "{err}"
    );
    assert!(!err.contains(TOKEN));
}

#[test]
fn review_reads_the_actions_environment() {
    let p = project();
    let (api, state) = server();
    let event = p.path().join("event.json");
    std::fs::write(
        &event,
        r#"{"action":"synchronize","number":1,"pull_request":{"number":1,"head":{"sha":"0123456789abcdef"}}}"#,
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args([
            "review",
            "--config",
            "rules",
            "--dry-run",
            "--fail-on",
            "none",
        ])
        .current_dir(p.path())
        .env("GITHUB_TOKEN", TOKEN)
        .env("GITHUB_REPOSITORY", "octo/app")
        .env("GITHUB_EVENT_PATH", &event)
        .env("GITHUB_API_URL", &api)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("\"commit_id\": \"0123456789abcdef\""));
    assert!(!state.lock().unwrap().requests.is_empty());
}

#[test]
fn github_annotations_format() {
    let p = project();
    let o = mamori(
        &["scan", "--config", "rules", "-f", "github", "app.py"],
        p.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.contains("::error file=app.py,line=5,col=5,endLine=5,endColumn=19,title=mamori high [test-os-system] CWE-78::os.system runs `cmd` through a shell"),
        "{out}"
    );
    assert!(out.contains("::warning file=app.py,line=6,"), "{out}");
    let o = mamori(
        &["scan", "--config", "rules", "-f", "markdown", "app.py"],
        p.path(),
        None,
    );
    assert!(text(&o.stdout).starts_with("## mamori: 2 findings"));
}
