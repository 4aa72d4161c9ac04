//! `mamori review`: one batched pull-request review with inline comments on changed lines
//! (with a ```` ```suggestion ```` block when the rule has a fix), and one summary comment
//! (found again by [`SUMMARY_MARKER`] and updated on later runs) that also lists the
//! findings outside the diff.
//!
//! Re-runs are idempotent: every inline comment carries `<!-- mamori:fp=<fingerprint> -->`
//! and a finding whose fingerprint is already in a review comment of the pull request is
//! not commented again.
//!
//! [`plan`] is pure (report + pull-request files + existing comments → payloads); [`run`]
//! does the API calls, or only collects them for `--dry-run`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use mamori_diagnostics::{Finding, RuleInfo, ScanReport, Severity};
use mamori_report::markdown::{cell, code, escape, fenced, severity_label};
use serde_json::{Value, json};

use crate::api::{ApiError, Client, Method};
use crate::diff::{PatchLines, parse_patch};

/// Hidden marker that identifies mamori's summary comment.
pub const SUMMARY_MARKER: &str = "<!-- mamori-summary -->";
/// Findings listed at most in the summary comment.
pub const MAX_SUMMARY_FINDINGS: usize = 100;
/// Inline comments posted at most in one review.
pub const MAX_INLINE_COMMENTS: usize = 50;

/// A pull request: `owner/name` and number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PullRequest {
    pub owner: String,
    pub repo: String,
    pub number: u64,
}

impl PullRequest {
    /// From `owner/name` and a number; the names are checked so they are safe in URLs.
    ///
    /// # Errors
    /// A malformed repository name.
    pub fn new(full_name: &str, number: u64) -> Result<PullRequest, String> {
        let ok = |s: &str| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match full_name.split_once('/') {
            Some((o, r)) if ok(o) && ok(r) => Ok(PullRequest {
                owner: o.to_owned(),
                repo: r.to_owned(),
                number,
            }),
            _ => Err(format!(
                "`{full_name}` is not a repository name of the form owner/name"
            )),
        }
    }

    fn path(&self, rest: &str) -> String {
        format!("/repos/{}/{}/{rest}", self.owner, self.repo)
    }
}

/// The pull-request number and head commit of a `pull_request` / `pull_request_target`
/// event payload (`$GITHUB_EVENT_PATH`).
#[must_use]
pub fn pr_from_event(event_json: &str) -> Option<(u64, Option<String>)> {
    let v: Value = serde_json::from_str(event_json).ok()?;
    let pr = v.get("pull_request")?;
    let number = pr
        .get("number")
        .and_then(Value::as_u64)
        .or_else(|| v.get("number").and_then(Value::as_u64))?;
    let sha = pr
        .get("head")
        .and_then(|h| h.get("sha"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some((number, sha))
}

/// One file of the pull request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrFile {
    /// Path in the repository (new side).
    pub path: String,
    /// Lines that may carry comments; `None` when GitHub sent no patch (binary, too large).
    pub lines: Option<PatchLines>,
}

/// The pull request's files (removed files are left out), all pages.
///
/// # Errors
/// API failures.
pub fn fetch_files(client: &Client, pr: &PullRequest) -> Result<Vec<PrFile>, ApiError> {
    let items = client.get_all(&pr.path(&format!("pulls/{}/files", pr.number)))?;
    Ok(items
        .iter()
        .filter(|f| f.get("status").and_then(Value::as_str) != Some("removed"))
        .filter_map(|f| {
            let path = f.get("filename")?.as_str()?.to_owned();
            let lines = f.get("patch").and_then(Value::as_str).map(parse_patch);
            Some(PrFile { path, lines })
        })
        .collect())
}

/// Fingerprints of the findings mamori already commented on in this pull request.
///
/// # Errors
/// API failures.
pub fn existing_fingerprints(
    client: &Client,
    pr: &PullRequest,
) -> Result<BTreeSet<String>, ApiError> {
    let items = client.get_all(&pr.path(&format!("pulls/{}/comments", pr.number)))?;
    Ok(items
        .iter()
        .filter_map(|c| c.get("body").and_then(Value::as_str))
        .flat_map(markers)
        .collect())
}

/// Every `<!-- mamori:fp=X -->` in a comment body.
fn markers(body: &str) -> Vec<String> {
    body.match_indices("<!-- mamori:fp=")
        .filter_map(|(i, m)| {
            let rest = &body[i + m.len()..];
            let end = rest.find(" -->")?;
            Some(rest[..end].to_owned())
        })
        .collect()
}

/// The id of mamori's summary comment on the pull request, if there is one.
///
/// # Errors
/// API failures.
pub fn find_summary(client: &Client, pr: &PullRequest) -> Result<Option<u64>, ApiError> {
    let items = client.get_all(&pr.path(&format!("issues/{}/comments", pr.number)))?;
    Ok(items
        .iter()
        .rev()
        .filter(|c| {
            c.get("body")
                .and_then(Value::as_str)
                .is_some_and(|b| b.contains(SUMMARY_MARKER))
        })
        .find_map(|c| c.get("id").and_then(Value::as_u64)))
}

/// Settings of a review.
#[derive(Clone, Debug, Default)]
pub struct ReviewOptions {
    /// Print the payloads instead of sending the writes.
    pub dry_run: bool,
    /// The head commit the review is for (`commit_id`); GitHub uses the latest when absent.
    pub commit_id: Option<String>,
    /// mamori's version, shown in the summary.
    pub tool_version: String,
}

/// What a review will post.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// `POST .../pulls/{n}/reviews` body, when there are new inline comments.
    pub review: Option<Value>,
    /// The summary comment's Markdown.
    pub summary: String,
    /// New inline comments.
    pub inline: usize,
    /// Findings on changed lines already commented on by an earlier run.
    pub already_commented: usize,
    /// Findings listed in the summary only.
    pub outside: usize,
}

/// The identity used in comment markers: `mamori/v1`, else rule id and GitHub's line hash,
/// else rule id, path and line.
#[must_use]
pub fn fingerprint(f: &Finding) -> String {
    let raw = f.fingerprints.get("mamori/v1").cloned().unwrap_or_else(|| {
        f.fingerprints.get("primaryLocationLineHash").map_or_else(
            || format!("{}:{}:{}", f.rule_id, f.path, f.start.line),
            |h| format!("{}:{h}", f.rule_id),
        )
    });
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '/'))
        .collect()
}

/// Decides inline comments and the summary.
#[must_use]
pub fn plan(
    report: &ScanReport,
    files: &[PrFile],
    existing: &BTreeSet<String>,
    opts: &ReviewOptions,
) -> Plan {
    let by_path: BTreeMap<&str, &PrFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut findings: Vec<&Finding> = report.active_findings().collect();
    findings.sort_by(|a, b| {
        (std::cmp::Reverse(a.severity), a.sort_key())
            .cmp(&(std::cmp::Reverse(b.severity), b.sort_key()))
    });
    let mut comments = Vec::new();
    let mut already = 0;
    let mut inline_fps = 0;
    let mut outside: Vec<&Finding> = Vec::new();
    let mut seen = BTreeSet::new();
    for f in findings {
        let fp = fingerprint(f);
        if !seen.insert(fp.clone()) {
            continue;
        }
        let lines = by_path
            .get(f.path.as_str())
            .and_then(|p| p.lines.as_ref())
            .filter(|l| {
                l.added
                    .range(f.start.line..=f.end.line.max(f.start.line))
                    .next()
                    .is_some()
            });
        let Some(lines) = lines else {
            outside.push(f);
            continue;
        };
        let rule = report.rule(&f.rule_id);
        let suggestion = suggestion(f).filter(|(a, b, _)| lines.can_comment(*a, *b));
        let (first, last) = if let Some((a, b, _)) = &suggestion {
            (*a, *b)
        } else if f.end.line > f.start.line && lines.can_comment(f.start.line, f.end.line) {
            (f.start.line, f.end.line)
        } else if lines.commentable.contains_key(&f.start.line) {
            (f.start.line, f.start.line)
        } else if lines.commentable.contains_key(&f.end.line) {
            (f.end.line, f.end.line)
        } else {
            outside.push(f);
            continue;
        };
        inline_fps += 1;
        if existing.contains(&fp) {
            already += 1;
            continue;
        }
        if comments.len() >= MAX_INLINE_COMMENTS {
            outside.push(f);
            continue;
        }
        let body = comment_body(f, rule, suggestion.as_ref().map(|s| s.2.as_str()), &fp);
        let mut c = json!({
            "path": f.path,
            "line": last,
            "side": "RIGHT",
            "body": body,
        });
        if first < last {
            c["start_line"] = json!(first);
            c["start_side"] = json!("RIGHT");
        }
        comments.push(c);
    }
    let inline = comments.len();
    let review = (!comments.is_empty()).then(|| {
        let mut r = json!({
            "event": "COMMENT",
            "body": format!(
                "**mamori** found {} on lines changed in this pull request. \
                 The summary comment lists every finding.",
                plural(inline, "new issue")
            ),
            "comments": comments,
        });
        if let Some(sha) = &opts.commit_id {
            r["commit_id"] = json!(sha);
        }
        r
    });
    let summary = summary_body(report, inline_fps, &outside, opts);
    Plan {
        review,
        summary,
        inline,
        already_commented: already,
        outside: outside.len(),
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn cwe_links(rule: Option<&RuleInfo>) -> String {
    rule.map(RuleInfo::cwe_ids)
        .unwrap_or_default()
        .iter()
        .map(|id| {
            let n = id.trim_start_matches("CWE-");
            format!("[{id}](https://cwe.mitre.org/data/definitions/{n}.html)")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn safe_url(u: &str) -> Option<&str> {
    (u.starts_with("https://") || u.starts_with("http://"))
        .then_some(u)
        .filter(|u| {
            !u.chars()
                .any(|c| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '"'))
        })
}

/// The Markdown of one inline comment.
#[must_use]
pub fn comment_body(
    f: &Finding,
    rule: Option<&RuleInfo>,
    suggestion: Option<&str>,
    fp: &str,
) -> String {
    let mut s = format!("**{}** · {}", severity_label(f.severity), code(&f.rule_id));
    let cwes = cwe_links(rule);
    if !cwes.is_empty() {
        let _ = write!(s, " · {cwes}");
    }
    let _ = write!(s, "\n\n{}\n", escape(&f.message));
    if let Some(r) = rule {
        let help = r.help.trim();
        if !help.is_empty() && help != f.message.trim() {
            let _ = write!(s, "\n{}\n", escape(help));
        }
    }
    if let Some(text) = suggestion {
        s.push('\n');
        s.push_str(&fenced("suggestion", text));
    }
    let marker = if f.path.ends_with(".py") { "#" } else { "//" };
    let _ = write!(
        s,
        "\n<sub>{}If this is a false positive, add {} with a reason.</sub>\n",
        rule.and_then(|r| r.help_uri.as_deref())
            .and_then(safe_url)
            .map(|u| format!("[Rule documentation]({u}) · "))
            .unwrap_or_default(),
        code(&format!("{marker} mamori: ignore[{}] <reason>", f.rule_id)),
    );
    let _ = write!(s, "<!-- mamori:fp={fp} -->");
    s
}

/// The lines `first..=last` a fix rewrites and their new text, when the snippet holds them
/// whole.
#[must_use]
pub fn suggestion(f: &Finding) -> Option<(usize, usize, String)> {
    let fix = f.fix.as_ref()?;
    if fix.edits.is_empty() || f.snippet.first_line == 0 {
        return None;
    }
    let first = fix.edits.iter().map(|e| e.start.line).min()?;
    let last = fix.edits.iter().map(|e| e.end.line).max()?;
    let lines: Vec<&str> = f.snippet.text.split('\n').collect();
    let original: Vec<&str> = (first..=last)
        .map(|l| lines.get(l.checked_sub(f.snippet.first_line)?).copied())
        .collect::<Option<_>>()?;
    // Cut lines (the snippet shortens very long ones) cannot be rewritten faithfully.
    if original
        .iter()
        .any(|l| l.ends_with('…') && l.chars().count() > 400)
    {
        return None;
    }
    let mut text: Vec<char> = original.join("\n").chars().collect();
    let index = |line: usize, column: usize| -> Option<usize> {
        let mut i = 0;
        for l in &original[..line.checked_sub(first)?] {
            i += l.chars().count() + 1;
        }
        let col = column.checked_sub(1)?;
        (col <= original.get(line - first)?.chars().count()).then_some(i + col)
    };
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        let a = index(e.start.line, e.start.column)?;
        let b = index(e.end.line, e.end.column)?;
        if b < a || b > text.len() {
            return None;
        }
        text.splice(a..b, e.replacement.chars());
    }
    Some((first, last, text.into_iter().collect()))
}

fn summary_body(
    report: &ScanReport,
    inline: usize,
    outside: &[&Finding],
    opts: &ReviewOptions,
) -> String {
    let mut s = format!("{SUMMARY_MARKER}\n## mamori security review\n\n");
    let mut counts = [0usize; Severity::ALL.len()];
    for f in report.active_findings() {
        counts[f.severity as usize] += 1;
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        s.push_str("No findings. ✅\n");
    } else {
        let _ = writeln!(
            s,
            "{}: {} on changed lines (commented inline), {} elsewhere.\n",
            plural(total, "finding"),
            inline,
            outside.len()
        );
        s.push_str("| Severity | Findings |\n| --- | ---: |\n");
        for sev in Severity::ALL.iter().rev() {
            if counts[*sev as usize] > 0 {
                let _ = writeln!(
                    s,
                    "| {} | {} |",
                    severity_label(*sev),
                    counts[*sev as usize]
                );
            }
        }
        s.push('\n');
    }
    if !outside.is_empty() {
        s.push_str("### Not on changed lines\n\n");
        s.push_str("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n");
        for f in outside.iter().take(MAX_SUMMARY_FINDINGS) {
            let mut rule_cell = code(&f.rule_id);
            let cwes = report
                .rule(&f.rule_id)
                .map(RuleInfo::cwe_ids)
                .unwrap_or_default();
            if !cwes.is_empty() {
                let _ = write!(rule_cell, "<br>{}", cwes.join(", "));
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                severity_label(f.severity),
                cell(&rule_cell),
                cell(&code(&format!("{}:{}", f.path, f.start.line))),
                cell(&escape(&f.message)),
            );
        }
        if outside.len() > MAX_SUMMARY_FINDINGS {
            let _ = writeln!(s, "\n…and {} more.", outside.len() - MAX_SUMMARY_FINDINGS);
        }
        s.push('\n');
    }
    let suppressed = report.findings.len() - total;
    if suppressed > 0 {
        let _ = writeln!(
            s,
            "{} suppressed in the code.\n",
            plural(suppressed, "finding")
        );
    }
    let _ = writeln!(
        s,
        "<sub>mamori {}{}</sub>",
        escape(&opts.tool_version),
        opts.commit_id
            .as_deref()
            .map(|c| format!(" · {}", code(&c.chars().take(12).collect::<String>())))
            .unwrap_or_default()
    );
    s
}

/// One write request (what `--dry-run` prints).
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    /// API path (`/repos/...`).
    pub path: String,
    pub body: Value,
}

/// What [`run`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub plan_inline: usize,
    pub already_commented: usize,
    pub outside: usize,
    /// The writes, in order (sent, or only planned with `dry_run`).
    pub requests: Vec<Request>,
    /// Whether the summary comment was updated (`true`) or created.
    pub summary_updated: bool,
    /// Inline comments that GitHub refused (422) and that were moved into the review body.
    pub moved_to_body: usize,
}

/// Reads existing comments, plans, then posts the review and creates or updates the
/// summary comment (or, with `dry_run`, only returns the requests).
///
/// # Errors
/// API failures.
pub fn run(
    client: &Client,
    pr: &PullRequest,
    report: &ScanReport,
    files: &[PrFile],
    opts: &ReviewOptions,
) -> Result<Outcome, ApiError> {
    let existing = existing_fingerprints(client, pr)?;
    let summary_id = find_summary(client, pr)?;
    let p = plan(report, files, &existing, opts);
    let mut out = Outcome {
        plan_inline: p.inline,
        already_commented: p.already_commented,
        outside: p.outside,
        requests: Vec::new(),
        summary_updated: summary_id.is_some(),
        moved_to_body: 0,
    };
    if let Some(review) = p.review {
        let path = pr.path(&format!("pulls/{}/reviews", pr.number));
        if opts.dry_run {
            out.requests.push(Request {
                method: Method::Post,
                path,
                body: review,
            });
        } else {
            match client.post(&path, &review) {
                Ok(_) => out.requests.push(Request {
                    method: Method::Post,
                    path,
                    body: review,
                }),
                // A line GitHub cannot place (the diff moved on): post the comments in the
                // review body instead of failing the whole review.
                Err(e) if e.status == 422 => {
                    let fallback = without_inline(&review);
                    out.moved_to_body = p.inline;
                    client.post(&path, &fallback)?;
                    out.requests.push(Request {
                        method: Method::Post,
                        path,
                        body: fallback,
                    });
                }
                Err(e) => return Err(e),
            }
        }
    }
    let body = json!({ "body": p.summary });
    let (method, path) = match summary_id {
        Some(id) => (Method::Patch, pr.path(&format!("issues/comments/{id}"))),
        None => (
            Method::Post,
            pr.path(&format!("issues/{}/comments", pr.number)),
        ),
    };
    if !opts.dry_run {
        match method {
            Method::Patch => client.patch(&path, &body)?,
            _ => client.post(&path, &body)?,
        };
    }
    out.requests.push(Request { method, path, body });
    Ok(out)
}

/// The review with its inline comments folded into the body.
fn without_inline(review: &Value) -> Value {
    let mut body = review
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    for c in review
        .get("comments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let _ = write!(
            body,
            "\n\n---\n{}:{}\n\n{}",
            code(c.get("path").and_then(Value::as_str).unwrap_or_default()),
            c.get("line").and_then(Value::as_u64).unwrap_or_default(),
            c.get("body").and_then(Value::as_str).unwrap_or_default()
        );
    }
    let mut r = json!({ "event": "COMMENT", "body": body });
    if let Some(sha) = review.get("commit_id") {
        r["commit_id"] = sha.clone();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_names_are_checked() {
        assert!(PullRequest::new("octo/repo.js", 1).is_ok());
        assert!(PullRequest::new("octo/../x", 1).is_err());
        assert!(PullRequest::new("octo", 1).is_err());
        assert!(PullRequest::new("a/b?c", 1).is_err());
    }

    #[test]
    fn event_payload() {
        let e = r#"{"number": 7, "pull_request": {"number": 7, "head": {"sha": "abc"}}}"#;
        assert_eq!(pr_from_event(e), Some((7, Some("abc".into()))));
        assert_eq!(pr_from_event(r#"{"push": {}}"#), None);
    }

    #[test]
    fn marker_parsing() {
        assert_eq!(
            markers("x <!-- mamori:fp=ab:1 --> y <!-- mamori:fp=cd:2 -->"),
            vec!["ab:1", "cd:2"]
        );
    }
}
