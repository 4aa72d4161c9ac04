//! A small blocking client for the GitHub REST API: JSON in and out, pagination by the
//! `Link` header, bounded retries on rate limits (403/429 with `retry-after` or
//! `x-ratelimit-reset`) and server errors, and clear messages for other 4xx answers.
//!
//! The token is sent only to the configured API base URL (pagination links elsewhere are
//! not followed) and never appears in errors or `Debug` output.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

/// GitHub.com's API; GitHub Enterprise Server uses `https://HOST/api/v3`.
pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// How many times a request is retried after a rate limit or server error.
pub const MAX_RETRIES: u32 = 4;
/// The longest mamori waits for a rate limit to reset before giving up.
pub const MAX_WAIT: Duration = Duration::from_secs(120);
/// Pages fetched at most per list (GitHub caps pull-request files at 3000 = 30 pages).
pub const MAX_PAGES: usize = 100;

/// An API failure, with a message meant for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status, 0 when no answer came (network error).
    pub status: u16,
    pub message: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

/// HTTP methods used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

/// The client.
pub struct Client {
    api_url: String,
    token: String,
    agent: ureq::Agent,
    /// Called to wait before a retry (tests may shorten it).
    sleep: fn(Duration),
    /// Retry notes ("rate limited, waiting 2 s"), for the caller to show.
    pub notes: std::cell::RefCell<Vec<String>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_url", &self.api_url)
            .field("token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

struct Answer {
    status: u16,
    body: String,
    next: Option<String>,
    retry_after: Option<u64>,
    ratelimit_remaining: Option<String>,
    ratelimit_reset: Option<u64>,
}

impl Client {
    /// A client for `api_url` (e.g. [`DEFAULT_API_URL`]) authenticating with `token`.
    #[must_use]
    pub fn new(api_url: &str, token: &str) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .user_agent(concat!("mamori/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            api_url: api_url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            agent,
            sleep: std::thread::sleep,
            notes: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The API base URL, without a trailing `/`.
    #[must_use]
    pub fn api_url(&self) -> &str {
        &self.api_url
    }

    /// The absolute URL of an API path (`/repos/...`).
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api_url)
    }

    fn send_once(&self, method: Method, url: &str, body: Option<&str>) -> Result<Answer, ApiError> {
        let auth = format!("Bearer {}", self.token);
        let result = match (method, body) {
            (Method::Get, _) => self
                .agent
                .get(url)
                .header("Authorization", &auth)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .call(),
            (Method::Post | Method::Patch, body) => {
                let req = if method == Method::Post {
                    self.agent.post(url)
                } else {
                    self.agent.patch(url)
                };
                req.header("Authorization", &auth)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .header("Content-Type", "application/json")
                    .send(body.unwrap_or("{}"))
            }
        };
        let mut resp = result.map_err(|e| ApiError {
            status: 0,
            message: format!("{} {}: {e}", method.as_str(), redact(url)),
        })?;
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let next = header("link").and_then(|l| next_link(&l));
        let retry_after = header("retry-after").and_then(|v| v.trim().parse().ok());
        let ratelimit_remaining = header("x-ratelimit-remaining");
        let ratelimit_reset = header("x-ratelimit-reset").and_then(|v| v.trim().parse().ok());
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| ApiError {
                status,
                message: format!(
                    "{} {}: reading the answer: {e}",
                    method.as_str(),
                    redact(url)
                ),
            })?;
        Ok(Answer {
            status,
            body,
            next,
            retry_after,
            ratelimit_remaining,
            ratelimit_reset,
        })
    }

    /// One request with retries; returns the parsed JSON body and the next page's URL.
    fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
    ) -> Result<(Value, Option<String>), ApiError> {
        let mut attempt = 0;
        loop {
            let a = self.send_once(method, url, body)?;
            if (200..300).contains(&a.status) {
                let v = if a.body.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&a.body).map_err(|e| ApiError {
                        status: a.status,
                        message: format!(
                            "{} {}: the answer is not JSON: {e}",
                            method.as_str(),
                            redact(url)
                        ),
                    })?
                };
                return Ok((v, a.next));
            }
            let rate_limited = a.status == 429
                || (a.status == 403
                    && (a.retry_after.is_some() || a.ratelimit_remaining.as_deref() == Some("0")));
            let retryable = rate_limited || matches!(a.status, 500 | 502 | 503 | 504);
            if retryable && attempt < MAX_RETRIES {
                let wait = if let Some(s) = a.retry_after {
                    Duration::from_secs(s)
                } else if let Some(reset) = a.ratelimit_reset.filter(|_| rate_limited) {
                    let now = SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    Duration::from_secs(reset.saturating_sub(now) + 1)
                } else {
                    Duration::from_secs(1 << attempt)
                };
                if wait <= MAX_WAIT {
                    attempt += 1;
                    self.notes.borrow_mut().push(format!(
                        "GitHub answered {} to {} {}; retrying in {} s (attempt {attempt} of {MAX_RETRIES})",
                        a.status,
                        method.as_str(),
                        redact(url),
                        wait.as_secs()
                    ));
                    (self.sleep)(wait);
                    continue;
                }
                return Err(ApiError {
                    status: a.status,
                    message: format!(
                        "GitHub's rate limit is exhausted and resets in {} s; try again later",
                        wait.as_secs()
                    ),
                });
            }
            return Err(status_error(method, url, a.status, &a.body));
        }
    }

    /// `GET` a JSON value.
    ///
    /// # Errors
    /// See [`ApiError`].
    pub fn get(&self, path: &str) -> Result<Value, ApiError> {
        self.send(Method::Get, &self.url(path), None)
            .map(|(v, _)| v)
    }

    /// `GET` every page of a list (`per_page=100`), following `Link: rel="next"` within the
    /// API URL; without a `Link` header, a full page asks for the next one.
    ///
    /// # Errors
    /// See [`ApiError`]; also an answer that is not a JSON array.
    pub fn get_all(&self, path: &str) -> Result<Vec<Value>, ApiError> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut page = 1;
        let mut url = self.url(&format!("{path}{sep}per_page=100&page=1"));
        for _ in 0..MAX_PAGES {
            let (v, next) = self.send(Method::Get, &url, None)?;
            let Value::Array(list) = v else {
                return Err(ApiError {
                    status: 200,
                    message: format!("GET {}: expected a JSON list", redact(&url)),
                });
            };
            let full = list.len() >= 100;
            items.extend(list);
            page += 1;
            match next {
                Some(n) if n.starts_with(&format!("{}/", self.api_url)) => url = n,
                Some(_) => break,
                None if full => url = self.url(&format!("{path}{sep}per_page=100&page={page}")),
                None => break,
            }
        }
        Ok(items)
    }

    /// `POST` a JSON body.
    ///
    /// # Errors
    /// See [`ApiError`].
    pub fn post(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        self.send(Method::Post, &self.url(path), Some(&body.to_string()))
            .map(|(v, _)| v)
    }

    /// `PATCH` a JSON body.
    ///
    /// # Errors
    /// See [`ApiError`].
    pub fn patch(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        self.send(Method::Patch, &self.url(path), Some(&body.to_string()))
            .map(|(v, _)| v)
    }
}

/// Drops any query string (URLs here never hold secrets, but pagination cursors are noise).
fn redact(url: &str) -> &str {
    url.split('?').next().unwrap_or(url)
}

/// `<https://...?page=2>; rel="next", <...>; rel="last"` → the `next` URL.
#[must_use]
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let is_next = params
            .split(';')
            .any(|p| p.trim().replace(' ', "") == "rel=\"next\"");
        let url = url.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| url.to_owned())
    })
}

fn status_error(method: Method, url: &str, status: u16, body: &str) -> ApiError {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let mut detail = v
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if let Some(errors) = v.get("errors").and_then(Value::as_array) {
        let parts: Vec<String> = errors
            .iter()
            .map(|e| {
                e.as_str().map_or_else(
                    || {
                        e.get("message")
                            .and_then(Value::as_str)
                            .map_or_else(|| e.to_string(), str::to_owned)
                    },
                    str::to_owned,
                )
            })
            .collect();
        if !parts.is_empty() {
            detail.push_str(&format!(" ({})", parts.join("; ")));
        }
    }
    let hint = match status {
        401 => {
            "GitHub rejected the token: check that GITHUB_TOKEN (or --token-env) is set and valid"
        }
        403 => {
            "the token may not do this: give the workflow `permissions: pull-requests: write` \
             (and `issues: write` for the summary comment); pull requests from forks get a \
             read-only token"
        }
        404 => "not found: check --repo and --pr, and that the token can read the repository",
        422 => "GitHub rejected the request as invalid",
        _ => "GitHub answered with an error",
    };
    let detail = if detail.is_empty() {
        String::new()
    } else {
        format!(": {detail}")
    };
    ApiError {
        status,
        message: format!(
            "{} {} → HTTP {status}: {hint}{detail}",
            method.as_str(),
            redact(url)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header() {
        let h = r#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.github.com/x?page=2")
        );
        assert_eq!(next_link(r#"<https://a/x?page=1>; rel="prev""#), None);
    }

    #[test]
    fn debug_hides_the_token() {
        let c = Client::new("http://127.0.0.1:1/", "ghp_secret");
        let s = format!("{c:?}");
        assert!(!s.contains("ghp_secret"), "{s}");
        assert_eq!(c.api_url(), "http://127.0.0.1:1");
    }

    #[test]
    fn errors_are_explained() {
        let e = status_error(
            Method::Post,
            "https://x/y?z",
            422,
            r#"{"message":"Unprocessable","errors":["Line could not be resolved"]}"#,
        );
        assert!(e.message.contains("HTTP 422"), "{e}");
        assert!(e.message.contains("Line could not be resolved"), "{e}");
        assert!(!e.message.contains("?z"));
    }
}
