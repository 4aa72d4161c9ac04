//! Metadata of the findings the supply-chain analysis produces.

use mamori_diagnostics::{Confidence, RuleInfo, Severity};

pub const HALLUCINATED: &str = "hallucinated-package";
pub const TYPOSQUAT: &str = "typosquat-package";
pub const RECENT: &str = "recently-published-package";
pub const MCP_UNPINNED: &str = "mcp-server-unpinned";

const DOCS: &str = "https://github.com/mamori-sast/mamori/blob/main/docs/supply-chain.md";

#[allow(clippy::too_many_arguments)]
fn info(
    id: &str,
    short: &str,
    full: &str,
    help: &str,
    severity: Severity,
    confidence: Confidence,
    cwe: &[&str],
    owasp: &[&str],
    anchor: &str,
) -> RuleInfo {
    RuleInfo {
        id: id.to_string(),
        message: short.to_string(),
        short_description: short.to_string(),
        full_description: full.to_string(),
        help: help.to_string(),
        help_markdown: help.to_string(),
        help_uri: Some(format!("{DOCS}#{anchor}")),
        severity,
        confidence,
        cwe: cwe.iter().map(|s| (*s).to_string()).collect(),
        owasp: owasp.iter().map(|s| (*s).to_string()).collect(),
        category: Some("supply-chain".to_string()),
        likelihood: Some("MEDIUM".to_string()),
        impact: Some("HIGH".to_string()),
        security_severity: severity.default_security_severity(),
        references: vec![
            "https://owasp.org/www-project-top-10-for-large-language-model-applications/".into(),
            "https://cwe.mitre.org/data/definitions/1357.html".into(),
        ],
        languages: vec![
            "python".into(),
            "javascript".into(),
            "typescript".into(),
            "rust".into(),
        ],
        tags: vec!["supply-chain".into(), "ai-generated-code".into()],
    }
}

/// Every rule the supply-chain analysis can report.
#[must_use]
pub fn rules() -> Vec<RuleInfo> {
    vec![
        info(
            HALLUCINATED,
            "Dependency on a package that does not exist in its registry (possibly hallucinated)",
            "The code imports, or a manifest declares, a package name that was not registered on \
             PyPI at the index snapshot (or, for npm, is not an established package; with \
             --online, that the registry does not know). AI assistants often invent plausible \
             package names; attackers register such names with malware (\"slopsquatting\"), so \
             the next `pip install`/`npm install` runs their code.",
            "Check the name on the registry and replace it with the real package (or remove the \
             dependency). Tell your assistant: \"This package does not exist on the registry; use \
             an existing, well-known package for this and show me its registry page.\"",
            Severity::High,
            Confidence::Medium,
            &[
                "CWE-1357: Reliance on Insufficiently Trustworthy Component",
                "CWE-829: Inclusion of Functionality from Untrusted Control Sphere",
            ],
            &[
                "A06:2021 - Vulnerable and Outdated Components",
                "LLM03:2025 - Supply Chain",
                "LLM09:2025 - Misinformation",
            ],
            "hallucinated-package",
        ),
        info(
            TYPOSQUAT,
            "Dependency name is a near miss of a much more popular package (possible typosquat)",
            "The package exists but its name is one or two edits, a separator, a scope or a \
             look-alike character away from a far more popular package. Typosquatted packages \
             are a common way to ship malware to developers.",
            "Make sure you meant this package and not the popular one; fix the name in the \
             import or manifest. Tell your assistant: \"Double-check this dependency name \
             against the registry; I want the well-known package, not a look-alike.\"",
            Severity::High,
            Confidence::Medium,
            &[
                "CWE-1357: Reliance on Insufficiently Trustworthy Component",
                "CWE-829: Inclusion of Functionality from Untrusted Control Sphere",
            ],
            &[
                "A06:2021 - Vulnerable and Outdated Components",
                "LLM03:2025 - Supply Chain",
            ],
            "typosquat-package",
        ),
        info(
            RECENT,
            "Dependency on a package first published very recently",
            "The registry says this package was first published less than 30 days ago \
             (checked with --online). New packages have no track record; names registered \
             right after an AI assistant started suggesting them are a known attack.",
            "Review the package (publisher, repository, install scripts) before depending on \
             it, or prefer an established alternative. Tell your assistant: \"This package is \
             brand new; suggest an established alternative or explain why this one is \
             trustworthy.\"",
            Severity::Low,
            Confidence::High,
            &["CWE-1357: Reliance on Insufficiently Trustworthy Component"],
            &["LLM03:2025 - Supply Chain"],
            "recently-published-package",
        ),
        info(
            MCP_UNPINNED,
            "AI-agent MCP server launched from an unpinned package",
            "An MCP configuration (`.mcp.json`, `claude_desktop_config.json`, \
             `.cursor/mcp.json`, `.vscode/mcp.json`) starts a server with `npx -y pkg`, \
             `pkg@latest`, `uvx pkg` or similar without a fixed version. Every start may \
             download and run a new release with the agent's privileges and secrets.",
            "Pin the server to an exact version (`npx -y pkg@1.2.3`, `uvx pkg==1.2.3`) and \
             update it deliberately. Tell your assistant: \"Pin every MCP server in this config \
             to an exact, reviewed version.\"",
            Severity::Medium,
            Confidence::High,
            &[
                "CWE-1357: Reliance on Insufficiently Trustworthy Component",
                "CWE-494: Download of Code Without Integrity Check",
            ],
            &[
                "A08:2021 - Software and Data Integrity Failures",
                "LLM03:2025 - Supply Chain",
            ],
            "mcp-server-unpinned",
        ),
    ]
}
