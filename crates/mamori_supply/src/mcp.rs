//! AI-agent MCP configurations (`.mcp.json`, `claude_desktop_config.json`,
//! `.cursor/mcp.json`, `.vscode/mcp.json`, ...): servers launched from unpinned packages
//! (`npx -y pkg`, `pkg@latest`, `uvx pkg`, `bunx`, `pnpm dlx`, `pipx run`, `docker run
//! image:latest`), and the launched package names as dependencies to check.

use mamori_diagnostics::{Confidence, Severity};
use mamori_text::Span;
use serde_json::Value;

use crate::index::Ecosystem;
use crate::manifest::strip_jsonc;
use crate::model::{FileFacts, Issue, Origin};
use crate::names::npm_package_of;
use crate::rules::MCP_UNPINNED;

/// True for the file names agent tools read MCP servers from.
#[must_use]
pub fn is_mcp_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        ".mcp.json" | "mcp.json" | "claude_desktop_config.json" | "mcp_config.json"
    )
}

/// Finds `"needle"` (a JSON string) at or after `from`; the span of its content.
fn find_string(src: &str, needle: &str, from: usize) -> Option<Span> {
    let escaped = serde_json::to_string(needle).ok()?;
    let at = src.get(from..)?.find(&escaped)? + from;
    Some(Span::new(at + 1, at + escaped.len() - 1))
}

/// A launcher and the package it runs.
struct Launch<'a> {
    eco: Ecosystem,
    spec: &'a str,
    pinned: bool,
}

fn npm_pinned(spec: &str) -> bool {
    let name_end = match spec.strip_prefix('@') {
        Some(rest) => rest.find('@').map(|i| i + 1),
        None => spec.find('@'),
    };
    match name_end {
        Some(i) => {
            let v = &spec[i + 1..];
            !v.is_empty()
                && v != "latest"
                && v != "next"
                && !v.starts_with('^')
                && !v.starts_with('~')
                && !v.starts_with('>')
                && !v.contains('*')
                && !v.contains('x')
        }
        None => false,
    }
}

fn npm_name(spec: &str) -> &str {
    let at = match spec.strip_prefix('@') {
        Some(rest) => rest.find('@').map(|i| i + 1),
        None => spec.find('@'),
    };
    at.map_or(spec, |i| &spec[..i])
}

fn py_name(spec: &str) -> &str {
    let end = spec
        .find(['=', '<', '>', '~', '!', '@', '[', ' '])
        .unwrap_or(spec.len());
    &spec[..end]
}

/// The package a server command launches, if it is a package runner.
fn launched<'a>(command: &'a str, args: &'a [String]) -> Option<Launch<'a>> {
    let prog = command.rsplit(['/', '\\']).next().unwrap_or(command);
    let prog = prog.trim_end_matches(".cmd").trim_end_matches(".exe");
    let positional = |skip: &[&str]| -> Option<&'a str> {
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if skip.contains(&a.as_str()) {
                continue;
            }
            if matches!(
                a.as_str(),
                "-p" | "--package" | "--from" | "--with" | "--python" | "-c" | "--call"
            ) {
                // `npx -p pkg cmd`, `uvx --from pkg cmd`: the package is the option value.
                return it.next().map(String::as_str);
            }
            if a.starts_with('-') {
                continue;
            }
            return Some(a.as_str());
        }
        None
    };
    match prog {
        "npx" | "bunx" => {
            let spec = positional(&[
                "-y",
                "--yes",
                "-q",
                "--quiet",
                "--no-install",
                "--prefer-offline",
            ])?;
            Some(Launch {
                eco: Ecosystem::Npm,
                spec,
                pinned: npm_pinned(spec),
            })
        }
        "pnpm" | "yarn" => {
            let first = args.first()?;
            if first != "dlx" && first != "exec" {
                return None;
            }
            let spec = args.iter().skip(1).find(|a| !a.starts_with('-'))?;
            Some(Launch {
                eco: Ecosystem::Npm,
                spec,
                pinned: npm_pinned(spec),
            })
        }
        "uvx" | "pipx" => {
            let rest: Vec<String> = if prog == "pipx" {
                if args.first().map(String::as_str) != Some("run") {
                    return None;
                }
                args[1..].to_vec()
            } else {
                args.to_vec()
            };
            let spec = {
                let mut it = rest.iter();
                let mut found = None;
                while let Some(a) = it.next() {
                    if matches!(a.as_str(), "--from" | "--spec") {
                        found = it.next();
                        break;
                    }
                    if a.starts_with('-') {
                        continue;
                    }
                    found = Some(a);
                    break;
                }
                found?
            };
            let spec = args.iter().find(|a| *a == spec).map(String::as_str)?;
            Some(Launch {
                eco: Ecosystem::PyPI,
                spec,
                pinned: spec.contains("==") || spec.contains('@') && !spec.ends_with("@latest"),
            })
        }
        _ => None,
    }
}

/// Reads an MCP configuration.
pub fn analyze(src: &str, facts: &mut FileFacts, issues: &mut Vec<Issue>) {
    let clean = strip_jsonc(src);
    let Ok(v) = serde_json::from_str::<Value>(&clean) else {
        return;
    };
    let servers = v
        .get("mcpServers")
        .or_else(|| v.get("servers"))
        .or_else(|| v.get("mcp").and_then(|m| m.get("servers")))
        .and_then(Value::as_object);
    let Some(servers) = servers else { return };
    let first_issue = issues.len();
    for (server, cfg) in servers {
        let Some(command) = cfg.get("command").and_then(Value::as_str) else {
            continue;
        };
        let args: Vec<String> = cfg
            .get("args")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let base = find_string(src, server, 0).map_or(0, |s| s.end);
        if command.rsplit('/').next() == Some("docker") {
            if let Some(image) = docker_image(&args)
                && docker_unpinned(image)
                && let Some(sp) = find_string(src, image, base)
            {
                issues.push(Issue {
                    rule_id: MCP_UNPINNED,
                    path: facts.path.clone(),
                    span: sp,
                    message: format!(
                        "MCP server `{server}` runs the container image `{image}` without a fixed tag or digest: every start may pull a different image"
                    ),
                    severity: Severity::Medium,
                    confidence: Confidence::High,
                });
            }
            continue;
        }
        let Some(l) = launched(command, &args) else {
            continue;
        };
        let Some(sp) = find_string(src, l.spec, base) else {
            continue;
        };
        let name = match l.eco {
            Ecosystem::PyPI => py_name(l.spec),
            _ => npm_name(l.spec),
        };
        let is_package = match l.eco {
            Ecosystem::Npm => npm_package_of(name) == Some(name),
            _ => crate::names::plausible_python_name(name),
        };
        if !is_package {
            continue;
        }
        facts.deps.push(crate::model::Dependency {
            eco: l.eco,
            name: name.to_string(),
            module: name.to_string(),
            alias: None,
            origin: Origin::AgentConfig,
            span: Span::new(sp.start, sp.start + name.len()),
            optional: false,
            local: false,
        });
        if !l.pinned {
            let runner = command.rsplit(['/', '\\']).next().unwrap_or(command);
            issues.push(Issue {
                rule_id: MCP_UNPINNED,
                path: facts.path.clone(),
                span: sp,
                message: format!(
                    "MCP server `{server}` is launched with `{runner} {}` without a pinned version: each start may download and run a new release of `{name}` with the agent's privileges",
                    l.spec
                ),
                severity: Severity::Medium,
                confidence: Confidence::High,
            });
        }
    }
    issues[first_issue..].sort_by_key(|i| (i.span.start, i.span.end));
    facts.deps.sort_by_key(|d| (d.span.start, d.span.end));
}

fn docker_image(args: &[String]) -> Option<&str> {
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("run") {
        return None;
    }
    let with_value = [
        "-e",
        "--env",
        "-v",
        "--volume",
        "--name",
        "-p",
        "--publish",
        "--network",
        "-w",
        "--workdir",
        "--env-file",
        "--mount",
        "-u",
        "--user",
        "--entrypoint",
    ];
    while let Some(a) = it.next() {
        if with_value.contains(&a.as_str()) {
            it.next();
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        return Some(a.as_str());
    }
    None
}

fn docker_unpinned(image: &str) -> bool {
    if image.contains("@sha256:") {
        return false;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpinned_servers() {
        let src = r#"{
  "mcpServers": {
    "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/tmp"]},
    "pinned": {"command": "npx", "args": ["-y", "some-mcp@1.2.3"]},
    "latest": {"command": "npx", "args": ["-y", "other-mcp@latest"]},
    "py": {"command": "uvx", "args": ["mcp-server-fetch"]},
    "pypinned": {"command": "uvx", "args": ["mcp-server-git==0.6.2"]},
    "dock": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "TOKEN", "ghcr.io/github/github-mcp-server"]},
    "local": {"command": "node", "args": ["server.js"]}
  }
}"#;
        let mut f = FileFacts::new(".mcp.json");
        let mut issues = Vec::new();
        analyze(src, &mut f, &mut issues);
        let flagged: Vec<&str> = issues.iter().map(|i| &src[i.span.range()]).collect();
        assert_eq!(
            flagged,
            [
                "@modelcontextprotocol/server-filesystem",
                "other-mcp@latest",
                "mcp-server-fetch",
                "ghcr.io/github/github-mcp-server"
            ]
        );
        let deps: Vec<&str> = f.deps.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            deps,
            [
                "@modelcontextprotocol/server-filesystem",
                "some-mcp",
                "other-mcp",
                "mcp-server-fetch",
                "mcp-server-git"
            ]
        );
        assert!(is_mcp_config(".cursor/mcp.json"));
        assert!(is_mcp_config("claude_desktop_config.json"));
    }
}
