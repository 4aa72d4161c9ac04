//! `mamori review`: the pull request from flags or the GitHub Actions environment, the scan
//! restricted to the pull request's files (or a JSON report), then one review through
//! `mamori_github::review`.

use std::io::Write;
use std::path::{Path, PathBuf};

use mamori_github::api::{ApiError, Client, DEFAULT_API_URL};
use mamori_github::diff::{Change, ChangedFiles};
use mamori_github::review::{self as gh, PullRequest, ReviewOptions};
use serde_json::json;

use crate::args::ReviewArgs;
use crate::diffscan::{self, Restriction};
use crate::{Failure, Status, collect, exit_status, io_failure, settings};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn api_failure(e: ApiError) -> Failure {
    Failure::Message(e.message)
}

/// Where and as whom to post.
struct Target {
    pr: PullRequest,
    api_url: String,
    token: String,
    commit: Option<String>,
}

fn target(a: &ReviewArgs, err: &mut dyn Write) -> Result<Target, Failure> {
    let repo = a
        .repo
        .clone()
        .or_else(|| env("GITHUB_REPOSITORY"))
        .ok_or_else(|| {
            Failure::Message(
                "no repository: pass --repo owner/name (GITHUB_REPOSITORY is not set)".into(),
            )
        })?;
    let event = env("GITHUB_EVENT_PATH").and_then(|p| std::fs::read_to_string(p).ok());
    let from_event = event.as_deref().and_then(gh::pr_from_event);
    let number =
        a.pr.or_else(|| from_event.as_ref().map(|e| e.0))
            .ok_or_else(|| {
                Failure::Message(
                    "no pull request: pass --pr N, or run on a `pull_request` event \
                 (GITHUB_EVENT_PATH has no pull_request.number)"
                        .into(),
                )
            })?;
    let commit = a.commit.clone().or_else(|| from_event.and_then(|e| e.1));
    let api_url = a
        .api_url
        .clone()
        .or_else(|| env("GITHUB_API_URL"))
        .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
        return Err(Failure::Message(format!(
            "--api-url must be an http(s) URL, not `{api_url}`"
        )));
    }
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| api_url.starts_with(p));
    if api_url.starts_with("http://") && !local {
        let _ = writeln!(
            err,
            "warning: {api_url} is not HTTPS; the token is sent unencrypted"
        );
    }
    let token = env(&a.token_env).ok_or_else(|| {
        Failure::Message(format!(
            "no token: set {} (in a workflow: `env: {}: ${{{{ secrets.GITHUB_TOKEN }}}}`)",
            a.token_env, a.token_env
        ))
    })?;
    let pr = PullRequest::new(&repo, number).map_err(Failure::Message)?;
    Ok(Target {
        pr,
        api_url,
        token,
        commit,
    })
}

/// The repository root (finding paths are made relative to it, as GitHub names files).
fn repo_root(cwd: &Path) -> PathBuf {
    mamori_github::git::Repo::discover(cwd).ok().map_or_else(
        || cwd.to_path_buf(),
        |r| std::fs::canonicalize(&r.root).unwrap_or(r.root),
    )
}

pub(crate) fn review(
    a: &ReviewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, Failure> {
    let t = target(a, err)?;
    let s = settings(&a.inputs, false, false)?;
    let client = Client::new(&t.api_url, &t.token);
    let files = gh::fetch_files(&client, &t.pr).map_err(api_failure)?;
    let cwd = diffscan::cwd().map_err(Failure::Message)?;
    let root = repo_root(&cwd);
    let input = match &a.input {
        Some(p) => Some(crate::baseline::read_json_report(p).map_err(Failure::Message)?),
        None => None,
    };
    let restrict = if input.is_some() {
        None
    } else {
        let changed: ChangedFiles = files
            .iter()
            .map(|f| (f.path.clone(), Change::All))
            .collect();
        Some(Restriction::from_files(&root, changed))
    };
    let mut report = collect(&s, restrict, input, err)?;
    for f in &mut report.findings {
        let abs = diffscan::normalize(&cwd.join(&f.path));
        if let Ok(rel) = abs.strip_prefix(&root) {
            f.path = mamori_text::display_path(rel);
        }
    }
    let opts = ReviewOptions {
        dry_run: a.dry_run,
        commit_id: t.commit.clone(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
    };
    let result = gh::run(&client, &t.pr, &report, &files, &opts);
    for n in client.notes.borrow().iter() {
        let _ = writeln!(err, "note: {n}");
    }
    let outcome = result.map_err(api_failure)?;
    if a.dry_run {
        for r in &outcome.requests {
            let v = json!({ "method": r.method.as_str(), "path": r.path, "body": r.body });
            let text = serde_json::to_string_pretty(&v).unwrap_or_default();
            writeln!(out, "{text}").map_err(|e| io_failure(&e, "writing"))?;
        }
    }
    if outcome.moved_to_body > 0 {
        let _ = writeln!(
            err,
            "warning: GitHub could not place {} inline comment(s) on the diff; they are in the review body",
            outcome.moved_to_body
        );
    }
    let _ = writeln!(
        err,
        "review of {}/{}#{}: {} new inline comment(s), {} already commented, {} finding(s) in \
         the summary only; summary comment {}{}",
        t.pr.owner,
        t.pr.repo,
        t.pr.number,
        outcome.plan_inline,
        outcome.already_commented,
        outcome.outside,
        if outcome.summary_updated {
            "updated"
        } else {
            "created"
        },
        if a.dry_run {
            " (dry run: nothing sent)"
        } else {
            ""
        }
    );
    Ok(exit_status(&report, s.fail_on))
}
