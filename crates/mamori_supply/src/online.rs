//! `--online`: ask the registries about names, one package endpoint per name (PyPI JSON
//! API, the npm registry, the crates.io sparse index), in parallel with timeouts, with an
//! on-disk cache. Only package names are sent. Any network failure leaves the name
//! `Unknown`, so the offline verdict stands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::index::Ecosystem;

/// Where and how to ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnlineOptions {
    /// `https://pypi.org` (the name is appended as `/pypi/<name>/json`).
    pub pypi_url: String,
    /// `https://registry.npmjs.org` (`/<name>`, scoped names with `%2F`).
    pub npm_url: String,
    /// `https://index.crates.io` (`/<prefix>/<name>`).
    pub crates_url: String,
    /// Per request (connect + read).
    pub timeout: Duration,
    /// Concurrent requests.
    pub parallel: usize,
    /// At most this many names are looked up per scan (the rest stay unknown).
    pub max_names: usize,
    /// Cache folder (`None`: no cache). [`user_cache_dir`] gives the usual place.
    pub cache_dir: Option<PathBuf>,
    /// "Now" in Unix seconds, for tests; `None` uses the clock.
    pub now: Option<u64>,
}

impl Default for OnlineOptions {
    fn default() -> Self {
        Self {
            pypi_url: "https://pypi.org".into(),
            npm_url: "https://registry.npmjs.org".into(),
            crates_url: "https://index.crates.io".into(),
            timeout: Duration::from_secs(8),
            parallel: 8,
            max_names: 500,
            cache_dir: None,
            now: None,
        }
    }
}

impl OnlineOptions {
    #[must_use]
    pub fn now_secs(&self) -> u64 {
        self.now.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
    }
}

/// The usual cache folder for registry answers: `$XDG_CACHE_HOME/mamori`,
/// `~/Library/Caches/mamori` (macOS), `%LOCALAPPDATA%\mamori` (Windows) or
/// `~/.cache/mamori`. Reads the environment: meant to be called by the CLI.
#[must_use]
pub fn user_cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = env("XDG_CACHE_HOME") {
        return Some(x.join("mamori"));
    }
    if cfg!(windows) {
        return env("LOCALAPPDATA").map(|p| p.join("mamori"));
    }
    let home = env("HOME")?;
    if cfg!(target_os = "macos") {
        return Some(home.join("Library/Caches/mamori"));
    }
    Some(home.join(".cache/mamori"))
}

/// What a registry said about a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// It exists; first publication time (Unix seconds) when the registry tells.
    Exists { first_published: Option<u64> },
    /// The registry does not know it (HTTP 404).
    Missing,
    /// No answer (offline, timeout, unexpected reply).
    Unknown(String),
}

/// Days-ago phrase for messages: ` (on 2026-11-20, 4 days ago)`.
#[must_use]
pub fn days_ago(first: Option<u64>, now: u64) -> String {
    match first {
        Some(t) => format!(
            " (on {}, {} days ago)",
            civil_date(t),
            now.saturating_sub(t) / 86_400
        ),
        None => String::new(),
    }
}

/// `YYYY-MM-DD` of a Unix time.
#[must_use]
pub fn civil_date(t: u64) -> String {
    let days = i64::try_from(t / 86_400).unwrap_or(0);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses the start of an RFC 3339 / ISO 8601 time (`2024-05-01T12:00:00.123Z`) into Unix
/// seconds (UTC; offsets other than `Z` are ignored, a day's precision is enough here).
#[must_use]
pub fn parse_time(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = if b.len() >= 19 {
        (num(11..13)?, num(14..16)?, num(17..19)?)
    } else {
        (0, 0, 0)
    };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

/// The crates.io sparse-index path of a crate: `1/a`, `2/ab`, `3/a/abc`, `se/rd/serde`.
#[must_use]
pub fn crates_index_path(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    match n.len() {
        1 => format!("1/{n}"),
        2 => format!("2/{n}"),
        3 => format!("3/{}/{n}", &n[..1]),
        _ => format!("{}/{}/{n}", &n[..2], &n[2..4]),
    }
}

fn url_for(eco: Ecosystem, name: &str, o: &OnlineOptions) -> Option<String> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/');
    if name.is_empty() || !name.chars().all(ok) || name.contains("..") {
        return None;
    }
    Some(match eco {
        Ecosystem::PyPI => format!(
            "{}/pypi/{}/json",
            o.pypi_url.trim_end_matches('/'),
            crate::names::pep503(name)
        ),
        Ecosystem::Npm => format!(
            "{}/{}",
            o.npm_url.trim_end_matches('/'),
            name.replace('/', "%2F")
        ),
        Ecosystem::Crates => {
            if !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            {
                return None;
            }
            format!(
                "{}/{}",
                o.crates_url.trim_end_matches('/'),
                crates_index_path(name)
            )
        }
    })
}

/// The first publication time in a registry answer.
fn first_published(eco: Ecosystem, body: &str) -> Option<u64> {
    match eco {
        Ecosystem::PyPI => {
            let v: Value = serde_json::from_str(body).ok()?;
            let releases = v.get("releases")?.as_object()?;
            releases
                .values()
                .filter_map(Value::as_array)
                .flatten()
                .filter_map(|f| {
                    f.get("upload_time_iso_8601")
                        .or_else(|| f.get("upload_time"))
                        .and_then(Value::as_str)
                        .and_then(parse_time)
                })
                .min()
        }
        Ecosystem::Npm => {
            let v: Value = serde_json::from_str(body).ok()?;
            let t = v.get("time")?;
            t.get("created")
                .and_then(Value::as_str)
                .and_then(parse_time)
                .or_else(|| {
                    t.as_object()?
                        .iter()
                        .filter(|(k, _)| *k != "modified")
                        .filter_map(|(_, v)| v.as_str().and_then(parse_time))
                        .min()
                })
        }
        // One JSON object per version line; `pubtime` where the index has it.
        Ecosystem::Crates => body
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter_map(|v| {
                v.get("pubtime")
                    .and_then(Value::as_str)
                    .and_then(parse_time)
            })
            .min(),
    }
}

fn fetch(agent: &ureq::Agent, eco: Ecosystem, name: &str, o: &OnlineOptions) -> Status {
    let Some(url) = url_for(eco, name, o) else {
        return Status::Unknown("not a valid registry name".into());
    };
    let mut req = agent.get(&url);
    if eco == Ecosystem::Npm {
        req = req.header("Accept", "application/json");
    }
    match req.call() {
        Ok(mut resp) => {
            let status = resp.status().as_u16();
            match status {
                200 => {
                    let body = resp
                        .body_mut()
                        .with_config()
                        .limit(64 * 1024 * 1024)
                        .read_to_string()
                        .unwrap_or_default();
                    Status::Exists {
                        first_published: first_published(eco, &body),
                    }
                }
                404 | 410 => Status::Missing,
                s => Status::Unknown(format!("HTTP {s}")),
            }
        }
        Err(e) => Status::Unknown(e.to_string()),
    }
}

const CACHE_FILE: &str = "registry-cache-v1.json";
/// Answers are reused for a day (a missing name may be registered any time).
const CACHE_TTL: u64 = 86_400;

fn cache_key(eco: Ecosystem, name: &str) -> String {
    format!("{}:{name}", eco.as_str())
}

fn load_cache(dir: &Path) -> serde_json::Map<String, Value> {
    std::fs::read_to_string(dir.join(CACHE_FILE))
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

fn save_cache(dir: &Path, map: &serde_json::Map<String, Value>) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!("{CACHE_FILE}.{}.tmp", std::process::id()));
    let Ok(text) = serde_json::to_string(map) else {
        return;
    };
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, dir.join(CACHE_FILE)).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

fn from_cache(v: &Value, now: u64) -> Option<Status> {
    let checked = v.get("checked")?.as_u64()?;
    if now.saturating_sub(checked) > CACHE_TTL {
        return None;
    }
    match v.get("status")?.as_str()? {
        "exists" => Some(Status::Exists {
            first_published: v.get("first").and_then(Value::as_u64),
        }),
        "missing" => Some(Status::Missing),
        _ => None,
    }
}

/// Looks the names up. Names answered by the cache are not requested again; failures are
/// `Unknown` and not cached.
#[must_use]
pub fn check(
    names: &[(Ecosystem, String)],
    o: &OnlineOptions,
) -> BTreeMap<(Ecosystem, String), Status> {
    let now = o.now_secs();
    let mut out = BTreeMap::new();
    let mut cache = o.cache_dir.as_deref().map(load_cache).unwrap_or_default();
    let mut todo: Vec<(Ecosystem, String)> = Vec::new();
    for (eco, name) in names {
        if let Some(st) = cache
            .get(&cache_key(*eco, name))
            .and_then(|v| from_cache(v, now))
        {
            out.insert((*eco, name.clone()), st);
        } else if !todo.contains(&(*eco, name.clone())) {
            todo.push((*eco, name.clone()));
        }
    }
    for (eco, name) in todo.iter().skip(o.max_names) {
        out.insert(
            (*eco, name.clone()),
            Status::Unknown("too many names for one scan".into()),
        );
    }
    todo.truncate(o.max_names);
    if !todo.is_empty() {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(o.timeout))
            .user_agent(concat!(
                "mamori/",
                env!("CARGO_PKG_VERSION"),
                " (supply-chain check)"
            ))
            .build()
            .into();
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<(usize, Status)>> = Mutex::new(Vec::new());
        let workers = o.parallel.clamp(1, 32).min(todo.len());
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((eco, name)) = todo.get(i) else {
                            break;
                        };
                        let st = fetch(&agent, *eco, name, o);
                        if let Ok(mut r) = results.lock() {
                            r.push((i, st));
                        }
                    }
                });
            }
        });
        let results = results.into_inner().unwrap_or_default();
        for (i, st) in results {
            let Some((eco, name)) = todo.get(i) else {
                continue;
            };
            let entry = match &st {
                Status::Exists { first_published } => Some(serde_json::json!({
                    "status": "exists", "first": first_published, "checked": now
                })),
                Status::Missing => Some(serde_json::json!({"status": "missing", "checked": now})),
                Status::Unknown(_) => None,
            };
            if let Some(e) = entry {
                cache.insert(cache_key(*eco, name), e);
            }
            out.insert((*eco, name.clone()), st);
        }
        if let Some(dir) = &o.cache_dir {
            save_cache(dir, &cache);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod stub {
    //! A tiny HTTP/1.1 server on 127.0.0.1 answering from a table: path → (status, body).
    use std::collections::HashMap;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    pub struct Stub {
        pub base: String,
        pub hits: Arc<Mutex<Vec<String>>>,
    }

    pub fn serve(routes: HashMap<String, (u16, String)>) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let hits = Arc::new(Mutex::new(Vec::new()));
        let h = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let routes = routes.clone();
                let h = Arc::clone(&h);
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
                    loop {
                        let mut l = String::new();
                        if reader.read_line(&mut l).map_or(true, |n| n == 0) || l == "\r\n" {
                            break;
                        }
                    }
                    h.lock().expect("lock").push(path.clone());
                    let (code, body) = routes
                        .get(&path)
                        .cloned()
                        .unwrap_or((404, "not found".into()));
                    let reply = format!(
                        "HTTP/1.1 {code} X\r\ncontent-length: {}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(reply.as_bytes());
                });
            }
        });
        Stub { base, hits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn dates() {
        let t = parse_time("2024-02-29T12:00:00Z").expect("parses");
        assert_eq!(civil_date(t), "2024-02-29");
        assert_eq!(parse_time("1970-01-01"), Some(0));
        assert_eq!(parse_time("nope"), None);
        assert_eq!(crates_index_path("serde"), "se/rd/serde");
        assert_eq!(crates_index_path("syn"), "3/s/syn");
        assert_eq!(crates_index_path("cc"), "2/cc");
    }

    #[test]
    fn stub_registries_and_cache() {
        let now = parse_time("2026-11-24T00:00:00Z").expect("t");
        let mut routes = HashMap::new();
        routes.insert(
            "/pypi/requests/json".to_string(),
            (
                200,
                r#"{"releases":{"1.0":[{"upload_time_iso_8601":"2011-02-14T00:00:00Z"}]}}"#
                    .to_string(),
            ),
        );
        routes.insert(
            "/@scope%2Ffresh-pkg".to_string(),
            (200, r#"{"time":{"created":"2026-11-20T00:00:00.000Z","modified":"2026-11-21T00:00:00Z"}}"#.to_string()),
        );
        routes.insert(
            "/se/rd/serde".to_string(),
            (
                200,
                "{\"name\":\"serde\",\"vers\":\"1.0.0\",\"pubtime\":\"2017-04-20T00:00:00Z\"}\n"
                    .to_string(),
            ),
        );
        routes.insert("/pypi/flaky/json".to_string(), (500, "oops".to_string()));
        let stub = stub::serve(routes);
        let dir = std::env::temp_dir().join(format!("mamori-online-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let o = OnlineOptions {
            pypi_url: stub.base.clone(),
            npm_url: stub.base.clone(),
            crates_url: stub.base.clone(),
            timeout: Duration::from_secs(5),
            cache_dir: Some(dir.clone()),
            now: Some(now),
            ..OnlineOptions::default()
        };
        let names = vec![
            (Ecosystem::PyPI, "requests".to_string()),
            (Ecosystem::PyPI, "no-such-pkg-xq".to_string()),
            (Ecosystem::Npm, "@scope/fresh-pkg".to_string()),
            (Ecosystem::Crates, "serde".to_string()),
            (Ecosystem::PyPI, "flaky".to_string()),
        ];
        let got = check(&names, &o);
        assert_eq!(
            got[&(Ecosystem::PyPI, "requests".into())],
            Status::Exists {
                first_published: parse_time("2011-02-14")
            }
        );
        assert_eq!(
            got[&(Ecosystem::PyPI, "no-such-pkg-xq".into())],
            Status::Missing
        );
        assert_eq!(
            got[&(Ecosystem::Npm, "@scope/fresh-pkg".into())],
            Status::Exists {
                first_published: parse_time("2026-11-20")
            }
        );
        assert!(matches!(
            got[&(Ecosystem::Crates, "serde".into())],
            Status::Exists {
                first_published: Some(_)
            }
        ));
        assert!(matches!(
            got[&(Ecosystem::PyPI, "flaky".into())],
            Status::Unknown(_)
        ));
        let first_hits = stub.hits.lock().expect("lock").len();
        assert_eq!(first_hits, 5);
        // Second run: answered from the cache except the failure.
        let again = check(&names, &o);
        assert_eq!(again.len(), 5);
        assert_eq!(stub.hits.lock().expect("lock").len(), first_hits + 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn offline_fallback() {
        // Nothing listens on port 9 of 127.0.0.1 (discard) in the test sandbox: the
        // connection fails fast and the name stays unknown.
        let o = OnlineOptions {
            pypi_url: "http://127.0.0.1:9".into(),
            timeout: Duration::from_secs(2),
            ..OnlineOptions::default()
        };
        let got = check(&[(Ecosystem::PyPI, "requests".into())], &o);
        assert!(matches!(
            got[&(Ecosystem::PyPI, "requests".into())],
            Status::Unknown(_)
        ));
    }

    /// Hits the real registries: `cargo test -p mamori_supply -- --ignored real_registries`.
    #[test]
    #[ignore = "needs network access to pypi.org, registry.npmjs.org and index.crates.io"]
    fn real_registries() {
        let o = OnlineOptions::default();
        let got = check(
            &[
                (Ecosystem::PyPI, "requests".into()),
                (Ecosystem::Npm, "express".into()),
                (Ecosystem::Crates, "serde".into()),
                (Ecosystem::PyPI, "mamori-surely-not-a-package-xq".into()),
            ],
            &o,
        );
        assert!(matches!(
            got[&(Ecosystem::PyPI, "requests".into())],
            Status::Exists { .. }
        ));
        assert!(matches!(
            got[&(Ecosystem::Npm, "express".into())],
            Status::Exists { .. }
        ));
        assert!(matches!(
            got[&(Ecosystem::Crates, "serde".into())],
            Status::Exists { .. }
        ));
        assert_eq!(
            got[&(Ecosystem::PyPI, "mamori-surely-not-a-package-xq".into())],
            Status::Missing
        );
    }
}
