//! Inline suppressions: `mamori: ignore[rule-id] reason` on the finding's lines or the line
//! before, file-level `mamori: ignore-file[rule-id]`, and (for migrating users) Semgrep's
//! `nosemgrep` and Bandit's `nosec`.

use mamori_diagnostics::Suppression;

/// One suppression comment found in a file.
#[derive(Debug, Clone)]
pub struct Directive {
    /// 1-based line.
    pub line: usize,
    pub kind: &'static str,
    /// Rule ids it names; empty = all rules.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub file_level: bool,
}

/// Which markers are honoured.
#[derive(Debug, Clone, Copy)]
pub struct SuppressOptions {
    pub nosemgrep: bool,
    pub nosec: bool,
}

impl Default for SuppressOptions {
    fn default() -> Self {
        Self {
            nosemgrep: true,
            nosec: true,
        }
    }
}

/// All directives in `src` (only inside comments: after `#`, `//` or `/*` on the line).
#[must_use]
pub fn scan(src: &[u8], opts: SuppressOptions) -> Vec<Directive> {
    let mut out = Vec::new();
    if memchr::memmem::find(src, b"mamori").is_none()
        && (!opts.nosemgrep || memchr::memmem::find(src, b"nosemgrep").is_none())
        && (!opts.nosec || memchr::memmem::find(src, b"nosec").is_none())
    {
        return out;
    }
    for (i, line) in src.split(|b| *b == b'\n').enumerate() {
        let Some(comment) = comment_part(line) else {
            continue;
        };
        let text = String::from_utf8_lossy(comment);
        if let Some(d) = parse_directive(&text, i + 1, opts) {
            out.push(d);
        }
    }
    out
}

fn comment_part(line: &[u8]) -> Option<&[u8]> {
    let positions = [
        memchr::memmem::find(line, b"#"),
        memchr::memmem::find(line, b"//"),
        memchr::memmem::find(line, b"/*"),
        memchr::memmem::find(line, b"{/*"),
    ];
    let at = positions.iter().flatten().min()?;
    Some(&line[*at..])
}

fn parse_directive(text: &str, line: usize, opts: SuppressOptions) -> Option<Directive> {
    let lower = text.to_ascii_lowercase();
    if let Some(p) = lower.find("mamori:") {
        let rest = text[p + "mamori:".len()..].trim_start();
        let (file_level, rest) = if let Some(r) = rest.strip_prefix("ignore-file") {
            (true, r)
        } else if let Some(r) = rest.strip_prefix("ignore") {
            (false, r)
        } else {
            return None;
        };
        let (rules, rest) = bracket_list(rest);
        let reason = clean_reason(rest);
        return Some(Directive {
            line,
            kind: "mamori",
            rules,
            reason,
            file_level,
        });
    }
    if opts.nosemgrep
        && let Some(p) = lower.find("nosemgrep")
    {
        let rest = &text[p + "nosemgrep".len()..];
        let rules = rest
            .trim_start()
            .strip_prefix(':')
            .map(|r| {
                r.split(',')
                    .map(|s| {
                        s.split_whitespace()
                            .next()
                            .unwrap_or_default()
                            .trim_end_matches("*/")
                            .to_string()
                    })
                    .map(|s| s.rsplit('.').next().unwrap_or_default().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        return Some(Directive {
            line,
            kind: "nosemgrep",
            rules,
            reason: None,
            file_level: false,
        });
    }
    if opts.nosec
        && let Some(p) = lower.find("nosec")
    {
        let after = &text[p + "nosec".len()..];
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return None;
        }
        return Some(Directive {
            line,
            kind: "nosec",
            rules: Vec::new(),
            reason: None,
            file_level: false,
        });
    }
    None
}

fn bracket_list(rest: &str) -> (Vec<String>, &str) {
    let t = rest.trim_start();
    if let Some(inner) = t.strip_prefix('[')
        && let Some(end) = inner.find(']')
    {
        let ids = inner[..end]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        return (ids, &inner[end + 1..]);
    }
    (Vec::new(), rest)
}

fn clean_reason(rest: &str) -> Option<String> {
    let r = rest
        .trim()
        .trim_start_matches([':', '-', '—', ' '])
        .trim_end_matches("*/")
        .trim_end_matches("*/}")
        .trim();
    (!r.is_empty()).then(|| r.to_string())
}

/// The suppression covering a finding of `rule` spanning `start_line..=end_line`.
#[must_use]
pub fn find(
    directives: &[Directive],
    rule: &str,
    start_line: usize,
    end_line: usize,
) -> Option<Suppression> {
    let applies = |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|r| r == rule);
    directives
        .iter()
        .find(|d| applies(d) && (d.file_level || (d.line + 1 >= start_line && d.line <= end_line)))
        .map(|d| Suppression {
            kind: d.kind.to_string(),
            justification: d.reason.clone(),
            line: d.line,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        let src = b"x = 1  # mamori: ignore[py-a, py-b] reviewed: constant input\n\
y = 2 # nosec\n\
// nosemgrep: javascript.lang.js-x\n\
# mamori: ignore-file\n\
z = 'mamori: ignore' # just a string\n";
        let ds = scan(src, SuppressOptions::default());
        assert_eq!(ds.len(), 4, "{ds:?}");
        assert_eq!(ds[0].rules, vec!["py-a", "py-b"]);
        assert_eq!(ds[0].reason.as_deref(), Some("reviewed: constant input"));
        assert_eq!(ds[1].kind, "nosec");
        assert_eq!(ds[2].rules, vec!["js-x"]);
        assert!(ds[3].file_level);
        assert!(find(&ds[..1], "py-a", 1, 1).is_some());
        assert!(find(&ds[..1], "py-a", 2, 2).is_some(), "line before");
        assert!(find(&ds[..1], "py-c", 1, 1).is_none());
        assert!(find(&ds[..1], "py-a", 3, 3).is_none());
    }
}
