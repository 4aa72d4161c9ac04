//! The CI formats: GitHub annotations, Markdown step summary, reviewdog rdjson.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use mamori_diagnostics::{
    Confidence, Edit, Finding, Position, RuleInfo, ScanReport, Severity, Snippet, Span, Suppression,
};
use mamori_report::{Format, RenderOptions, render};

fn pos(line: usize, column: usize, offset: usize) -> Position {
    Position {
        line,
        column,
        utf16_column: column,
        offset,
    }
}

fn rule(id: &str, severity: Severity) -> RuleInfo {
    RuleInfo {
        id: id.into(),
        message: "m".into(),
        short_description: "short".into(),
        full_description: "full".into(),
        help: "Use a list of arguments.".into(),
        help_markdown: String::new(),
        help_uri: Some("https://example.invalid/rule".into()),
        severity,
        confidence: Confidence::High,
        cwe: vec!["CWE-78: OS Command Injection".into()],
        owasp: vec![],
        category: None,
        likelihood: None,
        impact: None,
        security_severity: 8.0,
        references: vec![],
        languages: vec!["python".into()],
        tags: vec![],
    }
}

fn finding(rule_id: &str, severity: Severity, line: usize, message: &str) -> Finding {
    Finding {
        rule_id: rule_id.into(),
        path: "src/a,b:c.py".into(),
        span: Span::new(10, 20),
        start: pos(line, 5, 10),
        end: pos(line, 15, 20),
        message: message.into(),
        severity,
        confidence: Confidence::High,
        snippet: Snippet {
            first_line: line,
            text: "é = os.system(cmd)".into(),
        },
        fingerprints: BTreeMap::from([("mamori/v1".into(), "abc:1".into())]),
        bindings: BTreeMap::new(),
        fix: None,
        flow: vec![],
        suppression: None,
    }
}

fn report() -> ScanReport {
    let mut high = finding("py-shell", Severity::High, 3, "50% of\nlines: <b>|x|</b>");
    high.fix = Some(mamori_diagnostics::Fix {
        description: "fix".into(),
        edits: vec![Edit {
            span: Span::new(10, 20),
            start: pos(3, 5, 10),
            end: pos(3, 15, 20),
            replacement: "run(cmd)".into(),
        }],
    });
    let medium = finding("py-other", Severity::Medium, 7, "medium one");
    let mut sup = finding("py-shell", Severity::High, 9, "suppressed one");
    sup.suppression = Some(Suppression {
        kind: "mamori".into(),
        justification: Some("ok".into()),
        line: 9,
    });
    ScanReport {
        findings: vec![high, medium, sup],
        rules: vec![
            rule("py-other", Severity::Medium),
            rule("py-shell", Severity::High),
        ],
        ..ScanReport::default()
    }
}

fn rendered(format: Format) -> String {
    let mut out = Vec::new();
    render(&report(), format, &RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn github_annotations_are_escaped() {
    let out = rendered(Format::Github);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        "::error file=src/a%2Cb%3Ac.py,line=3,col=5,endLine=3,endColumn=15,\
         title=mamori high [py-shell] CWE-78::50%25 of%0Alines: <b>|x|</b>%0A%0AUse a list of arguments."
    );
    assert!(lines[1].starts_with("::warning file=src/a%2Cb%3Ac.py,line=7,"));
    assert!(
        lines[2].starts_with("2 findings (1 high, 1 medium)"),
        "{out}"
    );
}

#[test]
fn markdown_summary_has_table_and_escaped_findings() {
    let out = rendered(Format::Markdown);
    assert!(out.starts_with("## mamori: 2 findings\n"), "{out}");
    assert!(out.contains("| 🟧 High | 1 |"), "{out}");
    assert!(out.contains("| Suppressed | 1 |"), "{out}");
    assert!(
        out.contains("| 🟧 High | `py-shell`<br>CWE-78 | `src/a,b:c.py:3` | 50% of lines\\: &lt;b&gt;\\|x\\|&lt;/b&gt; |"),
        "{out}"
    );
    assert!(!out.contains("suppressed one"), "{out}");
    // High is listed before medium.
    assert!(out.find("py-shell").unwrap() < out.find("py-other").unwrap());
}

#[test]
fn rdjson_uses_byte_columns_and_suggestions() {
    let v: serde_json::Value = serde_json::from_str(&rendered(Format::Rdjson)).unwrap();
    assert_eq!(v["source"]["name"], "mamori");
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[0]["severity"], "ERROR");
    assert_eq!(d[0]["code"]["value"], "py-shell");
    assert_eq!(d[0]["code"]["url"], "https://example.invalid/rule");
    // `é` is two bytes: code point column 5 is byte column 6.
    assert_eq!(d[0]["location"]["range"]["start"]["column"], 6);
    assert_eq!(d[0]["location"]["range"]["start"]["line"], 3);
    assert_eq!(d[0]["suggestions"][0]["text"], "run(cmd)");
    assert_eq!(d[1]["severity"], "WARNING");
    assert!(d[1].get("suggestions").is_none());
}
