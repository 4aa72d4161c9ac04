//! Project settings: `mamori.toml`, or the `[tool.mamori]` table of `pyproject.toml`,
//! found from the scanned folder (then the current folder) upward to the git root.
//! Command-line flags override them. The schema is documented in `docs/configuration.md`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// File names looked for in each folder, in order.
pub const FILE_NAMES: [&str; 3] = ["mamori.toml", ".mamori.toml", "pyproject.toml"];

/// The settings a project file may hold (all optional).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectConfig {
    /// Rule files or folders to run instead of the built-in rules; `builtin` adds them back.
    /// Relative paths are relative to the config file.
    pub rules: Option<Vec<String>>,
    /// Rule selectors to run: ids, families (`python/injection`) or CWE ids (`CWE-89`).
    pub select: Option<Vec<String>>,
    /// Rule selectors not to run.
    pub ignore: Option<Vec<String>>,
    /// `default` or `audit`.
    pub profile: Option<String>,
    /// `info`, `low`, `medium`, `high`, `critical` or `none`.
    pub fail_on: Option<String>,
    /// An earlier report whose findings are hidden (relative to the config file).
    pub baseline: Option<PathBuf>,
    pub paths: Option<PathsConfig>,
    pub no_legacy_suppressions: Option<bool>,
    pub require_suppression_reason: Option<bool>,
    pub report_unused_suppressions: Option<bool>,
}

/// `[paths]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PathsConfig {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A loaded project file.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: ProjectConfig,
    /// The file it came from (`None` when there is none).
    pub file: Option<PathBuf>,
}

impl Loaded {
    /// `p` resolved against the config file's folder.
    #[must_use]
    pub fn resolve(&self, p: &Path) -> PathBuf {
        match self.file.as_ref().and_then(|f| f.parent()) {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }
}

/// Parses `text` from `file` (`pyproject.toml`: its `[tool.mamori]` table; `Ok(None)` when
/// it has none).
///
/// # Errors
/// TOML syntax errors and unknown or mistyped keys, with the file name and position.
pub fn parse(file: &Path, text: &str) -> Result<Option<ProjectConfig>, String> {
    let name = file.display();
    let is_pyproject = file.file_name().is_some_and(|n| n == "pyproject.toml");
    if is_pyproject {
        let table: toml::Table = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        let Some(section) = table.get("tool").and_then(|t| t.get("mamori")) else {
            return Ok(None);
        };
        let c = section
            .clone()
            .try_into::<ProjectConfig>()
            .map_err(|e| format!("{name}: [tool.mamori]: {e}"))?;
        Ok(Some(c))
    } else {
        toml::from_str::<ProjectConfig>(text)
            .map(Some)
            .map_err(|e| format!("{name}: {e}"))
    }
}

/// Loads `file` (given with `--project-config`).
///
/// # Errors
/// Unreadable or invalid file, or a pyproject.toml without `[tool.mamori]`.
pub fn load_file(file: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    match parse(file, &text)? {
        Some(config) => Ok(Loaded {
            config,
            file: Some(file.to_path_buf()),
        }),
        None => Err(format!("{} has no [tool.mamori] table", file.display())),
    }
}

/// Looks for a project file from `start` upward, stopping after the folder that holds `.git`
/// (the repository root) or at the file-system root.
///
/// # Errors
/// A file that exists but is invalid.
pub fn discover(start: &Path) -> Result<Option<Loaded>, String> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let mut dir = if start.is_file() {
        start.parent().map(Path::to_path_buf)
    } else {
        Some(start)
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let f = d.join(name);
            if !f.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&f)
                .map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            if let Some(config) = parse(&f, &text)? {
                return Ok(Some(Loaded {
                    config,
                    file: Some(f),
                }));
            }
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        let c = parse(
            Path::new("mamori.toml"),
            "select = [\"python/injection\"]\nfail-on = \"high\"\n[paths]\nexclude = [\"tests\"]\n",
        )
        .unwrap_or_default()
        .unwrap_or_default();
        assert_eq!(
            c.select.as_deref(),
            Some(&["python/injection".to_owned()][..])
        );
        assert_eq!(c.fail_on.as_deref(), Some("high"));
        assert_eq!(c.paths.map(|p| p.exclude), Some(vec!["tests".to_owned()]));
        let py = parse(
            Path::new("pyproject.toml"),
            "[project]\nname='x'\n[tool.mamori]\nignore = [\"CWE-89\"]\n",
        );
        assert_eq!(
            py.ok().flatten().and_then(|c| c.ignore),
            Some(vec!["CWE-89".to_owned()])
        );
        assert_eq!(
            parse(Path::new("pyproject.toml"), "[project]\nname='x'\n"),
            Ok(None)
        );
        let err = parse(Path::new("mamori.toml"), "slect = []\n").unwrap_err();
        assert!(err.contains("slect"), "{err}");
    }
}
