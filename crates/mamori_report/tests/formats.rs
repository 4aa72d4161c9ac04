//! All three formats on one synthetic report: 2 rules, 3 findings (one with a fix, one with a
//! taint flow, one suppressed), a non-ASCII path and 2 file errors.

use std::collections::BTreeMap;

use mamori_diagnostics::{
    Confidence, Edit, FileError, FileErrorKind, Finding, FlowStep, Position, RuleInfo, ScanReport,
    ScanStats, Severity, Snippet, Span, Suppression,
};
use mamori_report::json::{JsonReport, to_json_report};
use mamori_report::sarif::to_sarif;
use mamori_report::testing::validate_sarif;
use mamori_report::{Format, RenderOptions, render};
use mamori_text::{ColumnUnit, LineIndex};
use serde_json::Value;

const SQL_FILE: &str = "src/my file é.py";
const SQL_SRC: &str = "import db\n\
def find(name):\n\
\x20   cur.execute(\"SELECT 😀 \" + name)\n\
\x20   return cur\n";

const APP_FILE: &str = "src/app.py";
const APP_SRC: &str = "import os\n\
cmd = input()\n\
os.system(cmd)\n\
q = input()\n\
db.execute(\"x\" + q)  # nosemgrep: validated upstream\n";

fn position(src: &str, offset: usize) -> Position {
    let index = LineIndex::new(src.as_bytes());
    let cp = index.line_col(src.as_bytes(), offset, ColumnUnit::CodePoint);
    let utf16 = index.line_col(src.as_bytes(), offset, ColumnUnit::Utf16);
    Position {
        line: cp.line,
        column: cp.column,
        utf16_column: utf16.column,
        offset,
    }
}

/// Span, start and end of the first occurrence of `needle`.
fn locate(src: &str, needle: &str) -> (Span, Position, Position) {
    let start = src.find(needle).expect("needle in source");
    let end = start + needle.len();
    (
        Span::new(start, end),
        position(src, start),
        position(src, end),
    )
}

/// One line of context either side.
fn snippet(src: &str, start: Position, end: Position) -> Snippet {
    let lines: Vec<&str> = src.lines().collect();
    let first = start.line.saturating_sub(1).max(1);
    let last = (end.line + 1).min(lines.len());
    Snippet {
        first_line: first,
        text: lines[first - 1..last].join("\n"),
    }
}

fn rule(id: &str, severity: Severity, cwe: &str, owasp: &str, help: &str) -> RuleInfo {
    RuleInfo {
        id: id.to_owned(),
        message: "message".to_owned(),
        short_description: format!("{id} short"),
        full_description: format!("{id} full description."),
        help: help.to_owned(),
        help_markdown: format!("**{help}**"),
        help_uri: Some(format!("https://mamori.dev/rules/{id}")),
        severity,
        confidence: Confidence::High,
        cwe: vec![cwe.to_owned()],
        owasp: vec![owasp.to_owned()],
        category: Some("injection".to_owned()),
        likelihood: Some("HIGH".to_owned()),
        impact: Some("HIGH".to_owned()),
        security_severity: if severity == Severity::Critical {
            9.8
        } else {
            8.0
        },
        references: vec!["https://owasp.org/Top10/A03_2021-Injection/".to_owned()],
        languages: vec!["python".to_owned()],
        tags: vec![],
    }
}

fn fingerprints(seed: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("mamori/v1".to_owned(), format!("{seed}-mamori")),
        (
            "primaryLocationLineHash".to_owned(),
            format!("{seed}-line:1"),
        ),
    ])
}

fn finding(
    rule_id: &str,
    severity: Severity,
    path: &str,
    src: &str,
    needle: &str,
    message: &str,
) -> Finding {
    let (span, start, end) = locate(src, needle);
    Finding {
        rule_id: rule_id.to_owned(),
        path: path.to_owned(),
        span,
        start,
        end,
        message: message.to_owned(),
        severity,
        confidence: Confidence::High,
        snippet: snippet(src, start, end),
        fingerprints: fingerprints(rule_id),
        bindings: BTreeMap::new(),
        fix: None,
        flow: Vec::new(),
        suppression: None,
    }
}

fn report() -> ScanReport {
    let mut sql = finding(
        "python-sql-injection",
        Severity::High,
        SQL_FILE,
        SQL_SRC,
        "cur.execute(\"SELECT 😀 \" + name)",
        "SQL query built from `name`",
    );
    let (span, start, end) = locate(SQL_SRC, "\"SELECT 😀 \" + name");
    sql.fix = Some(mamori_diagnostics::Fix {
        description: "Pass the value as a query parameter".to_owned(),
        edits: vec![Edit {
            span,
            start,
            end,
            replacement: "\"SELECT 😀 %s\", (name,)".to_owned(),
        }],
    });

    let mut cmd = finding(
        "python-command-injection",
        Severity::Critical,
        APP_FILE,
        APP_SRC,
        "os.system(cmd)",
        "User input reaches os.system",
    );
    let step = |needle: &str, message: &str| {
        let (_, start, end) = locate(APP_SRC, needle);
        FlowStep {
            path: APP_FILE.to_owned(),
            start,
            end,
            message: message.to_owned(),
        }
    };
    cmd.flow = vec![
        step("input()", "user input"),
        step("cmd =", "cmd"),
        step("os.system(cmd)", "os.system"),
    ];

    let mut suppressed = finding(
        "python-sql-injection",
        Severity::High,
        APP_FILE,
        APP_SRC,
        "db.execute(\"x\" + q)",
        "SQL query built from `q`",
    );
    suppressed.suppression = Some(Suppression {
        kind: "nosemgrep".to_owned(),
        justification: Some("validated upstream".to_owned()),
        line: 5,
    });

    ScanReport {
        findings: vec![sql, suppressed, cmd],
        errors: vec![
            FileError {
                path: "src/huge#1.py".to_owned(),
                kind: FileErrorKind::Internal,
                message: "the engine panicked".to_owned(),
                line: None,
            },
            FileError {
                path: "src/broken.py".to_owned(),
                kind: FileErrorKind::Parse,
                message: "syntax error; results may be incomplete".to_owned(),
                line: Some(7),
            },
        ],
        rules: vec![
            rule(
                "python-command-injection",
                Severity::Critical,
                "CWE-78: Improper Neutralization of Special Elements used in an OS Command",
                "A03:2021 - Injection",
                "Use subprocess.run with a list of arguments.",
            ),
            rule(
                "python-sql-injection",
                Severity::High,
                "CWE-89: Improper Neutralization of Special Elements used in an SQL Command",
                "A03:2021 - Injection",
                "Use parameterized queries:\n  cur.execute(\"... %s\", (value,))",
            ),
        ],
        stats: ScanStats {
            files_scanned: 5,
            files_skipped: 1,
            bytes_scanned: 1234,
            rules_run: 2,
            elapsed_ms: 42,
            threads: 2,
        },
        timings: None,
        incomplete: false,
    }
}

fn opts() -> RenderOptions {
    RenderOptions {
        color: false,
        tool_version: "1.2.3".to_owned(),
        sarif_category: Some("mamori-python".to_owned()),
        show_suppressed: false,
        root_uri: Some("file:///work/project".to_owned()),
    }
}

fn rendered(report: &ScanReport, format: Format, opts: &RenderOptions) -> String {
    let mut out = Vec::new();
    render(report, format, opts, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("output is UTF-8")
}

fn sarif_value(report: &ScanReport, opts: &RenderOptions) -> Value {
    serde_json::from_str(&rendered(report, Format::Sarif, opts)).expect("SARIF output is JSON")
}

// ---------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let log = sarif_value(&report(), &opts());
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));

    // Also with every option off and an empty report.
    let empty = sarif_value(&ScanReport::default(), &RenderOptions::default());
    validate_sarif(&empty).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn validator_rejects_broken_logs() {
    let mut log = sarif_value(&report(), &opts());
    log["runs"][0]["results"][0]["ruleIndex"] = Value::from(7);
    assert!(validate_sarif(&log).is_err(), "dangling ruleIndex");

    let mut log = sarif_value(&report(), &opts());
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(
        validate_sarif(&log).is_err(),
        "startLine 0 breaks the schema"
    );

    let mut log = sarif_value(&report(), &opts());
    log["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"] =
        Value::from(8.0);
    assert!(
        validate_sarif(&log).is_err(),
        "security-severity must be a string"
    );
}

#[test]
fn sarif_run_and_rules() {
    let log = sarif_value(&report(), &opts());
    let typed = serde_json::to_value(to_sarif(&report(), &opts())).expect("SARIF serializes");
    assert_eq!(typed, log, "the emitter writes what to_sarif builds");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["automationDetails"]["id"], "mamori-python/");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/project/"
    );
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "mamori");
    assert_eq!(driver["version"], "1.2.3");
    assert_eq!(driver["semanticVersion"], "1.2.3");
    assert_eq!(
        driver["informationUri"],
        "https://github.com/mamori-sast/mamori"
    );

    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["python-command-injection", "python-sql-injection"]);
    let sql = &rules[1];
    assert_eq!(sql["name"], "PythonSqlInjection");
    assert_eq!(
        sql["shortDescription"]["text"],
        "python-sql-injection short"
    );
    assert_eq!(
        sql["fullDescription"]["text"],
        "python-sql-injection full description."
    );
    assert_eq!(
        sql["help"]["text"],
        "Use parameterized queries:\n  cur.execute(\"... %s\", (value,))"
    );
    assert!(sql["help"]["markdown"].as_str().is_some());
    assert_eq!(
        sql["helpUri"],
        "https://mamori.dev/rules/python-sql-injection"
    );
    assert_eq!(sql["defaultConfiguration"]["level"], "error");
    let props = &sql["properties"];
    assert_eq!(
        props["tags"],
        serde_json::json!([
            "security",
            "external/cwe/cwe-89",
            "external/owasp/a03:2021",
            "injection"
        ])
    );
    assert_eq!(props["precision"], "high");
    assert_eq!(props["security-severity"], "8.0");
    assert_eq!(props["problem.severity"], "error");
    assert_eq!(rules[0]["properties"]["security-severity"], "9.8");
}

#[test]
fn sarif_results() {
    let log = sarif_value(&report(), &opts());
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    // Suppressed findings are kept in SARIF, in output order (path, then offset).
    assert_eq!(results.len(), 3);
    let ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "python-command-injection",
            "python-sql-injection",
            "python-sql-injection"
        ]
    );

    let cmd = &results[0];
    assert_eq!(cmd["ruleIndex"], 0);
    assert_eq!(cmd["level"], "error");
    assert_eq!(cmd["message"]["text"], "User input reaches os.system");
    let loc = &cmd["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/app.py");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        loc["region"],
        serde_json::json!({
            "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 15,
            "snippet": {"text": "os.system(cmd)"}
        })
    );
    assert_eq!(
        cmd["partialFingerprints"],
        serde_json::json!({
            "mamori/v1": "python-command-injection-mamori",
            "primaryLocationLineHash": "python-command-injection-line:1"
        })
    );
    let steps = cmd["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("thread flow locations");
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0]["location"]["message"]["text"], "user input");
    assert_eq!(
        steps[2]["location"]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert!(cmd.get("suppressions").is_none());
    assert!(cmd.get("fixes").is_none());

    let suppressed = &results[1];
    assert_eq!(suppressed["ruleIndex"], 1);
    assert_eq!(
        suppressed["suppressions"][0]["kind"], "inSource",
        "suppressed findings carry a suppression"
    );
    assert_eq!(
        suppressed["suppressions"][0]["justification"],
        "validated upstream"
    );

    let sql = &results[2];
    let region = &sql["locations"][0]["physicalLocation"]["region"];
    // The line is `    cur.execute("SELECT 😀 " + name)`: the emoji is 2 UTF-16 units, so the
    // end column in UTF-16 units is one more than in code points.
    assert_eq!(region["startColumn"], 5);
    assert_eq!(region["endColumn"], 37);
    let change = &sql["fixes"][0]["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"]["uri"],
        "src/my%20file%20%C3%A9.py"
    );
    assert_eq!(
        change["replacements"][0]["deletedRegion"],
        serde_json::json!({"startLine": 3, "startColumn": 17, "endLine": 3, "endColumn": 36})
    );
    assert_eq!(
        change["replacements"][0]["insertedContent"]["text"],
        "\"SELECT 😀 %s\", (name,)"
    );
    assert_eq!(
        sql["fixes"][0]["description"]["text"],
        "Pass the value as a query parameter"
    );
}

#[test]
fn sarif_invocation_reports_file_errors() {
    let log = sarif_value(&report(), &opts());
    let invocation = &log["runs"][0]["invocations"][0];
    // An internal error is a tool failure.
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(
        notes[0]["message"]["text"],
        "src/broken.py: syntax error; results may be incomplete"
    );
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );
    assert_eq!(notes[1]["level"], "error");
    assert_eq!(
        notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/huge%231.py"
    );

    let mut clean = report();
    clean.errors.retain(|e| e.kind != FileErrorKind::Internal);
    let log = sarif_value(&clean, &opts());
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn sarif_rules_are_sorted_and_deduplicated() {
    let mut r = report();
    let first = r.rules[0].clone();
    r.rules.reverse();
    r.rules.push(first);
    let log = sarif_value(&r, &opts());
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids, ["python-command-injection", "python-sql-injection"]);
}

#[test]
fn sarif_tags_are_capped_for_github() {
    let mut r = report();
    r.rules[0].tags = (0..40).map(|i| format!("tag-{i}")).collect();
    let log = sarif_value(&r, &opts());
    let tags = log["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["tags"]
        .as_array()
        .expect("tags");
    assert_eq!(tags.len(), 20);
    assert_eq!(tags[0], "security");
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn sarif_results_are_capped_for_github() {
    let mut r = report();
    let template = r.findings[0].clone();
    r.findings = (0..25_010)
        .map(|i| {
            let mut f = template.clone();
            f.severity = if i == 25_005 {
                Severity::Critical
            } else {
                Severity::Low
            };
            f.span = Span::new(i, i + 1);
            f
        })
        .collect();
    let log = sarif_value(&r, &opts());
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    // The most severe result survives the cut.
    assert!(results.iter().any(|x| x["level"] == "error"));
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert!(
        notes.iter().any(|n| n["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("results truncated: 10 of 25010"))),
        "{notes:?}"
    );
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
}

// ---------------------------------------------------------------------------------------
// JSON

#[test]
fn json_round_trips_with_documented_fields() {
    let report = report();
    let text = rendered(&report, Format::Json, &opts());
    let parsed: JsonReport = serde_json::from_str(&text).expect("JSON output parses");
    assert_eq!(parsed, to_json_report(&report, &opts()));

    let v: Value = serde_json::from_str(&text).expect("JSON");
    for key in [
        "version",
        "tool",
        "results",
        "errors",
        "stats",
        "incomplete",
    ] {
        assert!(v.get(key).is_some(), "top-level `{key}`");
    }
    assert_eq!(v["version"], "1.0");
    assert_eq!(
        v["tool"],
        serde_json::json!({"name": "mamori", "version": "1.2.3"})
    );
    assert_eq!(v["incomplete"], false);
    assert_eq!(v["stats"]["findings"], 2);
    assert_eq!(v["stats"]["suppressed"], 1);
    assert_eq!(v["stats"]["errors"], 2);
    assert_eq!(v["stats"]["by_severity"]["critical"], 1);
    assert_eq!(v["stats"]["by_severity"]["info"], 0);

    // Suppressed findings are left out by default.
    let results = v["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let cmd = &results[0];
    for key in [
        "rule_id",
        "path",
        "start",
        "end",
        "severity",
        "confidence",
        "message",
        "cwe",
        "owasp",
        "fingerprint",
        "fingerprints",
        "lines",
        "lines_start",
        "fix",
        "flow",
        "suppressed",
        "suppression",
        "metadata",
    ] {
        assert!(cmd.get(key).is_some(), "result field `{key}`");
    }
    assert_eq!(cmd["rule_id"], "python-command-injection");
    assert_eq!(
        cmd["start"],
        serde_json::json!({"line": 3, "column": 1, "utf16_column": 1, "offset": 24})
    );
    assert_eq!(cmd["severity"], "critical");
    assert_eq!(cmd["cwe"], serde_json::json!(["CWE-78"]));
    assert_eq!(cmd["owasp"], serde_json::json!(["A03:2021 - Injection"]));
    assert_eq!(cmd["fingerprint"], "python-command-injection-mamori");
    assert_eq!(cmd["lines"], "cmd = input()\nos.system(cmd)\nq = input()");
    assert_eq!(cmd["lines_start"], 2);
    assert_eq!(cmd["fix"], Value::Null);
    assert_eq!(cmd["flow"].as_array().map(Vec::len), Some(3));
    assert_eq!(cmd["suppressed"], false);
    assert_eq!(cmd["metadata"]["category"], "injection");
    assert_eq!(cmd["metadata"]["security_severity"], 9.8);
    assert_eq!(
        cmd["metadata"]["references"],
        serde_json::json!(["https://owasp.org/Top10/A03_2021-Injection/"])
    );

    let sql = &results[1];
    assert_eq!(
        sql["fix"]["edits"][0]["replacement"],
        "\"SELECT 😀 %s\", (name,)"
    );
    assert_eq!(sql["end"]["column"], 36);
    assert_eq!(sql["end"]["utf16_column"], 37);

    assert_eq!(
        v["errors"][0],
        serde_json::json!({
            "path": "src/broken.py", "kind": "parse",
            "message": "syntax error; results may be incomplete", "line": 7
        })
    );
    assert_eq!(v["errors"][1]["line"], Value::Null);
}

#[test]
fn json_lists_suppressed_findings_on_request() {
    let opts = RenderOptions {
        show_suppressed: true,
        ..opts()
    };
    let doc = to_json_report(&report(), &opts);
    assert_eq!(doc.results.len(), 3);
    let suppressed = &doc.results[1];
    assert!(suppressed.suppressed);
    let s = suppressed.suppression.as_ref().expect("suppression");
    assert_eq!(s.kind, "nosemgrep");
    assert_eq!(s.justification.as_deref(), Some("validated upstream"));
    assert_eq!(s.line, 5);
}

// ---------------------------------------------------------------------------------------
// Text

const EXPECTED_TEXT: &str = "\
src/app.py
critical[python-command-injection] CWE-78: User input reaches os.system
 --> src/app.py:3:1
  |
2 | cmd = input()
3 | os.system(cmd)
  | ^^^^^^^^^^^^^^
4 | q = input()
  = help: Use subprocess.run with a list of arguments.
  = flow: user input (line 2) → cmd (line 2) → os.system (line 3)

src/my file é.py
high[python-sql-injection] CWE-89: SQL query built from `name`
 --> src/my file é.py:3:5
  |
2 | def find(name):
3 |     cur.execute(\"SELECT 😀 \" + name)
  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
4 |     return cur
  = help: Use parameterized queries:
            cur.execute(\"... %s\", (value,))
  = fix: Pass the value as a query parameter

warning: src/broken.py:7: [parse] syntax error; results may be incomplete
warning: src/huge#1.py: [internal] the engine panicked
2 findings (1 critical, 1 high) in 5 files scanned in 42 ms, 1 suppressed, 2 file errors
";

#[test]
fn text_output_is_exact() {
    let text = rendered(&report(), Format::Text, &opts());
    assert_eq!(text, EXPECTED_TEXT, "\n--- got ---\n{text}");
}

#[test]
fn text_shows_suppressed_on_request() {
    let opts = RenderOptions {
        show_suppressed: true,
        ..opts()
    };
    let text = rendered(&report(), Format::Text, &opts);
    assert!(text.contains(
        "high[python-sql-injection] CWE-89: SQL query built from `q` (suppressed by nosemgrep: \
         validated upstream)\n"
    ));
    assert!(text.contains("5 | db.execute(\"x\" + q)  # nosemgrep: validated upstream\n"));
}

#[test]
fn text_colour_only_when_asked() {
    let plain = rendered(&report(), Format::Text, &opts());
    assert!(!plain.contains('\x1b'));
    let coloured = rendered(
        &report(),
        Format::Text,
        &RenderOptions {
            color: true,
            ..opts()
        },
    );
    assert!(coloured.contains("\x1b[1;35mcritical\x1b[0m"));
    // Same text once the escapes are removed.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(i) = rest.find('\x1b') {
        stripped.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find('m').expect("escape ends with m");
        rest = &after[end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain);
}

#[test]
fn text_summary_for_a_clean_scan() {
    let report = ScanReport {
        stats: ScanStats {
            files_scanned: 1,
            elapsed_ms: 3,
            ..ScanStats::default()
        },
        ..ScanReport::default()
    };
    let text = rendered(&report, Format::Text, &opts());
    assert_eq!(text, "0 findings in 1 file scanned in 3 ms\n");
}

#[test]
fn text_neutralises_terminal_escapes_from_scanned_files() {
    let mut r = report();
    r.findings
        .retain(|f| f.path == APP_FILE && f.suppression.is_none());
    r.findings[0].snippet.text = "os.system(cmd) # \x1b]0;pwned\x07 \u{202e}gnp.exe".to_owned();
    r.findings[0].snippet.first_line = 3;
    r.findings[0].message = "evil\x1b[2J".to_owned();
    let text = rendered(&r, Format::Text, &opts());
    assert!(!text.contains('\x1b'));
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("evil␛[2J"));
}

// ---------------------------------------------------------------------------------------
// All formats

#[test]
fn every_format_is_deterministic() {
    let mut shuffled = report();
    shuffled.findings.reverse();
    shuffled.errors.reverse();
    for format in Format::ALL {
        for opts in [
            opts(),
            RenderOptions {
                show_suppressed: true,
                color: true,
                ..opts()
            },
        ] {
            let a = rendered(&report(), format, &opts);
            let b = rendered(&report(), format, &opts);
            let c = rendered(&shuffled, format, &opts);
            assert_eq!(a, b, "{format} twice");
            assert_eq!(a, c, "{format} does not depend on input order");
        }
    }
}

#[test]
fn awkward_paths_are_encoded_per_format() {
    let path = "src/a b#c/é \"q\"\\x.py";
    let mut r = report();
    for f in &mut r.findings {
        f.path = path.to_owned();
        for step in &mut f.flow {
            step.path = path.to_owned();
        }
    }

    let log = sarif_value(&r, &opts());
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
    let expected_uri = "src/a%20b%23c/%C3%A9%20%22q%22%5Cx.py";
    for result in log["runs"][0]["results"].as_array().expect("results") {
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            expected_uri
        );
    }

    let json = rendered(&r, Format::Json, &opts());
    assert!(
        json.contains(r#""path": "src/a b#c/é \"q\"\\x.py""#),
        "JSON escapes quotes and backslashes, keeps UTF-8: {json}"
    );
    let parsed: JsonReport = serde_json::from_str(&json).expect("JSON parses");
    assert!(parsed.results.iter().all(|x| x.path == path));
    assert!(
        parsed
            .results
            .iter()
            .flat_map(|x| &x.flow)
            .all(|s| s.path == path)
    );
}

#[test]
fn absolute_paths_become_file_uris() {
    let mut r = report();
    r.findings[0].path = "/tmp/outside root.py".to_owned();
    let log = sarif_value(&r, &opts());
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
    let uris: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|x| &x["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert!(
        uris.iter()
            .any(|a| a["uri"] == "file:///tmp/outside%20root.py" && a.get("uriBaseId").is_none())
    );
}

const JSON_SCHEMA_DOC: &str = include_str!("../JSON_SCHEMA.md");

#[test]
fn json_schema_doc_covers_every_field_and_its_example_parses() {
    fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    out.insert(k.clone());
                    keys(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let opts = RenderOptions {
        show_suppressed: true,
        ..opts()
    };
    let v = serde_json::to_value(to_json_report(&report(), &opts)).expect("serializes");
    let mut found = std::collections::BTreeSet::new();
    keys(&v, &mut found);
    // Map keys that are data, not fields.
    for data in [
        "mamori/v1",
        "primaryLocationLineHash",
        "info",
        "low",
        "medium",
        "high",
        "critical",
    ] {
        found.remove(data);
    }
    let missing: Vec<_> = found
        .iter()
        .filter(|k| !JSON_SCHEMA_DOC.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "undocumented JSON fields: {missing:?}");

    let example = JSON_SCHEMA_DOC
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("JSON_SCHEMA.md has a ```json example");
    let parsed: JsonReport =
        serde_json::from_str(example).expect("the example is a valid document");
    assert_eq!(parsed.version, "1.0");
}

#[test]
fn multi_line_and_empty_spans() {
    let mut r = report();
    r.findings
        .retain(|f| f.path == APP_FILE && f.suppression.is_none());
    let f = &mut r.findings[0];
    let (_, start, _) = locate(APP_SRC, "input()");
    let (_, _, end) = locate(APP_SRC, "os.system(cmd)");
    f.start = start;
    f.end = end;
    f.flow.clear();
    let text = rendered(&r, Format::Text, &opts());
    assert!(
        text.contains(
            "2 | cmd = input()\n  |       ^^^^^^^\n3 | os.system(cmd)\n  | ^^^^^^^^^^^^^^\n4 | q = input()\n"
        ),
        "{text}"
    );
    let log = sarif_value(&r, &opts());
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["snippet"]["text"], "input()\nos.system(cmd)");
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["endLine"], 3);

    // An empty span still gets one caret, and no SARIF snippet.
    let f = &mut r.findings[0];
    f.end = f.start;
    let text = rendered(&r, Format::Text, &opts());
    assert!(
        text.contains("2 | cmd = input()\n  |       ^\n3 |"),
        "{text}"
    );
    let log = sarif_value(&r, &opts());
    validate_sarif(&log).unwrap_or_else(|e| panic!("{e}"));
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert!(region.get("snippet").is_none());
    assert_eq!(region["startColumn"], region["endColumn"]);
}
