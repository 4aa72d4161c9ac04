//! Secret detectors: provider keys with known formats (OpenAI, Anthropic, Google, Hugging
//! Face, AWS, GitHub, GitLab, Slack, Stripe, Twilio, SendGrid), private-key blocks, JWTs
//! with real payloads, passwords in connection URLs, and secret-looking values assigned to
//! secret-looking names.
//!
//! In code, only string literals are examined (found with the tree-sitter tree, so comments
//! are skipped). Configuration files (`.env*`, JSON, YAML, TOML, INI, MCP configs) are read
//! as text.
//!
//! Invariant: a secret is never put in full into anything this crate returns: a
//! [`Secret`]'s message carries only a masked prefix, the length and a short hash; the
//! `span` tells the engine which bytes to mask in snippets.

pub mod detect;
mod rules;
mod scan;

use mamori_diagnostics::{Confidence, Severity};
use mamori_text::Span;

pub use rules::rules;
pub use scan::{scan_code, scan_text, wants_extra_file};

/// One secret found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secret {
    pub rule_id: &'static str,
    /// The bytes of the secret value itself (to be masked wherever the file is shown).
    pub span: Span,
    /// Human description, with the secret masked.
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
}

/// FNV-1a 64 (stable across builds), used for the short, non-reversible fingerprint of a
/// secret shown in messages.
#[must_use]
pub fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", h >> 32)
}

/// How many leading characters of a secret may be shown: the provider prefix (up to 8
/// characters, at most a quarter of the value), 2 for other secrets (none under 12).
#[must_use]
pub fn visible_prefix(rule_id: &str, secret: &str) -> usize {
    let n = secret.chars().count();
    let want = match rule_id {
        "secret-openai-api-key" | "secret-anthropic-api-key" => {
            if secret.starts_with("sk-proj-") || secret.starts_with("sk-ant-") {
                8
            } else {
                3
            }
        }
        "secret-google-api-key" | "secret-aws-access-key" => 4,
        "secret-huggingface-token" | "secret-github-token" => {
            if secret.starts_with("github_pat_") {
                11
            } else {
                4
            }
        }
        "secret-gitlab-token" => 6,
        "secret-slack-token" => 5,
        "secret-stripe-api-key" => 8,
        "secret-twilio-api-key" | "secret-sendgrid-api-key" => 3,
        "secret-private-key" => 0,
        "secret-jwt" => 3,
        _ if n >= 12 => 2,
        _ => 0,
    };
    want.min(n / 4)
}

/// `sk-proj-…` style masked form: the visible prefix and an ellipsis.
#[must_use]
pub fn masked(rule_id: &str, secret: &str) -> String {
    let k = visible_prefix(rule_id, secret);
    let prefix: String = secret.chars().take(k).collect();
    format!("{prefix}…")
}

/// The same-length mask used inside snippets: the visible prefix, then `*`s (one per
/// remaining byte, so byte offsets and columns stay put; multi-byte characters become
/// several `*`s).
#[must_use]
pub fn mask_in_place(rule_id: &str, secret: &str) -> String {
    let k = visible_prefix(rule_id, secret);
    let prefix: String = secret.chars().take(k).collect();
    let mut out = prefix.clone();
    out.extend(std::iter::repeat_n('*', secret.len() - prefix.len()));
    out
}

/// The description part of a message: `` `sk-proj-…` (164 characters, #1a2b3c4d) ``.
#[must_use]
pub fn describe(rule_id: &str, secret: &str) -> String {
    format!(
        "`{}` ({} characters, #{})",
        masked(rule_id, secret),
        secret.chars().count(),
        short_hash(secret)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking() {
        let key = format!("sk-proj-{}", "A1b2C3d4".repeat(8));
        let d = describe("secret-openai-api-key", &key);
        assert!(d.starts_with("`sk-proj-…` (72 characters, #"), "{d}");
        assert!(!d.contains(&key[8..16]));
        let m = mask_in_place("secret-openai-api-key", &key);
        assert_eq!(m.len(), key.len());
        assert!(m.starts_with("sk-proj-*"));
        assert_eq!(masked("secret-generic-assignment", "hunter2x"), "…");
        assert_eq!(short_hash("a").len(), 8);
    }
}
