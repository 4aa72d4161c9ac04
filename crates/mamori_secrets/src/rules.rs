//! Metadata of the secret findings.

use mamori_diagnostics::{Confidence, RuleInfo, Severity};

const DOCS: &str = "https://github.com/mamori-sast/mamori/blob/main/docs/secrets.md";

struct R {
    id: &'static str,
    what: &'static str,
    severity: Severity,
    confidence: Confidence,
    revoke: &'static str,
}

const ALL: &[R] = &[
    R {
        id: "secret-openai-api-key",
        what: "an OpenAI API key (`sk-`, `sk-proj-`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "platform.openai.com → API keys",
    },
    R {
        id: "secret-anthropic-api-key",
        what: "an Anthropic API key (`sk-ant-`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "console.anthropic.com → API keys",
    },
    R {
        id: "secret-google-api-key",
        what: "a Google / Gemini API key (`AIza`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "Google Cloud console → Credentials",
    },
    R {
        id: "secret-huggingface-token",
        what: "a Hugging Face access token (`hf_`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "huggingface.co → Settings → Access Tokens",
    },
    R {
        id: "secret-aws-access-key",
        what: "an AWS access key id (`AKIA`/`ASIA`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "AWS IAM → Security credentials",
    },
    R {
        id: "secret-aws-secret-key",
        what: "an AWS secret access key next to its access key id",
        severity: Severity::High,
        confidence: Confidence::Medium,
        revoke: "AWS IAM → Security credentials",
    },
    R {
        id: "secret-github-token",
        what: "a GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "GitHub → Settings → Developer settings → Tokens",
    },
    R {
        id: "secret-gitlab-token",
        what: "a GitLab personal access token (`glpat-`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "GitLab → Preferences → Access tokens",
    },
    R {
        id: "secret-slack-token",
        what: "a Slack token (`xoxb-`, `xoxp-`, ...)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "api.slack.com → Your apps",
    },
    R {
        id: "secret-slack-webhook",
        what: "a Slack incoming-webhook URL",
        severity: Severity::Medium,
        confidence: Confidence::High,
        revoke: "api.slack.com → Incoming Webhooks",
    },
    R {
        id: "secret-stripe-api-key",
        what: "a Stripe live secret or restricted key (`sk_live_`, `rk_live_`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "Stripe dashboard → Developers → API keys",
    },
    R {
        id: "secret-twilio-api-key",
        what: "a Twilio API key (`SK` + 32 hex)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "Twilio console → API keys",
    },
    R {
        id: "secret-twilio-auth-token",
        what: "a Twilio auth token next to an account SID (`AC` + 32 hex)",
        severity: Severity::High,
        confidence: Confidence::Medium,
        revoke: "Twilio console → Account → Auth tokens",
    },
    R {
        id: "secret-sendgrid-api-key",
        what: "a SendGrid API key (`SG.`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "SendGrid → Settings → API Keys",
    },
    R {
        id: "secret-private-key",
        what: "a private key (PEM `BEGIN ... PRIVATE KEY` block)",
        severity: Severity::Critical,
        confidence: Confidence::High,
        revoke: "wherever the key is trusted (servers, CAs, deploy keys)",
    },
    R {
        id: "secret-jwt",
        what: "a JSON Web Token with a real payload",
        severity: Severity::Medium,
        confidence: Confidence::High,
        revoke: "the issuer (rotate the signing key if the token does not expire)",
    },
    R {
        id: "secret-credential-url",
        what: "a password inside a database, cache or message-queue URL (`scheme://user:password@host`)",
        severity: Severity::High,
        confidence: Confidence::High,
        revoke: "the database or service the URL points at",
    },
    R {
        id: "secret-generic-assignment",
        what: "a secret-looking value assigned to a name like `password`, `api_key`, `secret` or `token`",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        revoke: "the service the value belongs to",
    },
];

/// Every rule the secret detectors can report.
#[must_use]
pub fn rules() -> Vec<RuleInfo> {
    ALL.iter()
        .map(|r| {
            let short = format!("Hardcoded secret: {}", r.what);
            let full = format!(
                "The source or a configuration file contains {}. Secrets committed to a \
                 repository are copied to every clone, CI log, package and AI assistant \
                 context, and are harvested by bots within minutes of a push to a public \
                 repository. mamori never prints the secret: messages show a masked prefix, \
                 the length and a short hash.",
                r.what
            );
            let help = format!(
                "Revoke the secret now ({}), then load it at run time from the environment or a \
                 secret manager and keep config files with real values out of version control. \
                 Tell your assistant: \"Never hardcode credentials; read this value from an \
                 environment variable and add a placeholder to .env.example instead.\"",
                r.revoke
            );
            RuleInfo {
                id: r.id.to_string(),
                message: short.clone(),
                short_description: short,
                full_description: full.clone(),
                help: help.clone(),
                help_markdown: help,
                help_uri: Some(format!("{DOCS}#{}", r.id)),
                severity: r.severity,
                confidence: r.confidence,
                cwe: vec![
                    "CWE-798: Use of Hard-coded Credentials".to_string(),
                    "CWE-312: Cleartext Storage of Sensitive Information".to_string(),
                ],
                owasp: vec![
                    "A07:2021 - Identification and Authentication Failures".to_string(),
                    "LLM02:2025 - Sensitive Information Disclosure".to_string(),
                ],
                category: Some("secrets".to_string()),
                likelihood: Some("HIGH".to_string()),
                impact: Some("HIGH".to_string()),
                security_severity: r.severity.default_security_severity(),
                references: vec![
                    "https://cwe.mitre.org/data/definitions/798.html".to_string(),
                    "https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/"
                        .to_string(),
                ],
                languages: vec![
                    "python".into(),
                    "javascript".into(),
                    "typescript".into(),
                    "rust".into(),
                ],
                tags: vec!["secrets".into(), "ai-generated-code".into()],
            }
        })
        .collect()
}
