//! `cargo xtask new-rule <lang> <family> <id>`: scaffold a rule YAML with every required
//! metadata key and a fixture with one `ruleid:` and one `ok:` example. Placeholders carry
//! [`SCAFFOLD_MARKER`] so `tidy` fails until they are filled in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::LANGS;
use crate::tidy::{SCAFFOLD_MARKER, check_id};

/// The language folder for a `<lang>` argument.
#[must_use]
pub fn lang_folder(
    arg: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    let folder = match arg.to_ascii_lowercase().as_str() {
        "python" | "py" => "python",
        "javascript" | "js" | "typescript" | "ts" => "javascript",
        "rust" | "rs" => "rust",
        _ => return None,
    };
    LANGS.iter().find(|(f, ..)| *f == folder)
}

pub(crate) fn cmd(root: &Path, args: &[String]) -> Result<bool, String> {
    let [lang, family, id] = args else {
        return Err("usage: cargo xtask new-rule <python|javascript|rust> <family> <id>".into());
    };
    let created = scaffold(root, lang, family, id)?;
    for p in &created {
        println!(
            "created {}",
            crate::slash(p.strip_prefix(root).unwrap_or(p))
        );
    }
    println!(
        "next: write the pattern and fixture, replace every `{SCAFFOLD_MARKER}`, then run \
         `cargo run -p mamori_cli -- test {}` and `cargo xtask tidy && cargo xtask codegen`",
        crate::slash(
            created
                .first()
                .map_or(Path::new(""), PathBuf::as_path)
                .strip_prefix(root)
                .unwrap_or(Path::new(""))
        )
    );
    Ok(true)
}

/// Write `rules/<lang>/<family>/<id>.yaml` and its fixture under `root`; returns both paths.
///
/// # Errors
/// An unknown language, a malformed family or id, or a file that already exists.
pub fn scaffold(root: &Path, lang: &str, family: &str, id: &str) -> Result<Vec<PathBuf>, String> {
    let Some(&(folder, prefix, _, ext)) = lang_folder(lang) else {
        return Err(format!(
            "unknown language `{lang}` (use python, javascript or rust)"
        ));
    };
    if family.is_empty()
        || !family
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
    {
        return Err(format!(
            "family `{family}` must be a lowercase word such as `injection`"
        ));
    }
    let mut problems = Vec::new();
    check_id(id, Some(prefix), &mut |m| problems.push(m));
    if !problems.is_empty() {
        return Err(format!("bad rule id `{id}`: {}", problems.join("; ")));
    }
    let dir = root.join("rules").join(folder).join(family);
    let yaml = dir.join(format!("{id}.yaml"));
    let fixture = dir.join(format!("{id}.{ext}"));
    for p in [&yaml, &fixture] {
        if p.exists() {
            return Err(format!("{} already exists", p.display()));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&yaml, rule_yaml(folder, id))
        .map_err(|e| format!("cannot write {}: {e}", yaml.display()))?;
    std::fs::write(&fixture, fixture_text(folder, id))
        .map_err(|e| format!("cannot write {}: {e}", fixture.display()))?;
    Ok(vec![yaml, fixture])
}

fn rule_yaml(folder: &str, id: &str) -> String {
    let (languages, call) = match folder {
        "javascript" => ("[javascript, typescript]", "dangerousCall"),
        "rust" => ("[rust]", "dangerous_call"),
        _ => ("[python]", "dangerous_call"),
    };
    let m = SCAFFOLD_MARKER;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"rules:
  - id: {id}
    message: >-
      {m}: what is wrong with `$ARG` here, why it matters, and the safe
      alternative, in two or three sentences.
    severity: WARNING
    languages: {languages}
    metadata:
      cwe:
        - "CWE-0: {m} title from https://cwe.mitre.org"
      owasp:
        - "A03:2021 - Injection ({m})"
      category: security
      subcategory: [vuln]
      confidence: MEDIUM
      likelihood: MEDIUM
      impact: MEDIUM
      security-severity: "5.0"
      references:
        - https://example.com/{m}
      short-description: {m} one-line summary
      help: |
        {m}: why this is dangerous and what an attacker gains.
        Safe version:
            {call}(validated)  # {m}
        Tell your assistant: "{m}: one sentence the developer can paste into their AI assistant."
    patterns:
      - pattern: {call}($ARG)
      - pattern-not: {call}("...")
"#
    );
    s
}

fn fixture_text(folder: &str, id: &str) -> String {
    let m = SCAFFOLD_MARKER;
    match folder {
        "javascript" => format!(
            r#"// {m}: replace with realistic code an assistant would write.

function handler(userInput) {{
  // ruleid: {id}
  dangerousCall(userInput);
}}

function handlerSafe() {{
  // ok: {id}
  dangerousCall("constant");
}}
"#
        ),
        "rust" => format!(
            r#"// {m}: replace with realistic code an assistant would write.

fn handler(user_input: &str) {{
    // ruleid: {id}
    dangerous_call(user_input);
}}

fn handler_safe() {{
    // ok: {id}
    dangerous_call("constant");
}}
"#
        ),
        _ => format!(
            r#"# {m}: replace with realistic code an assistant would write.


def handler(user_input):
    # ruleid: {id}
    dangerous_call(user_input)


def handler_safe():
    # ok: {id}
    dangerous_call("constant")
"#
        ),
    }
}
