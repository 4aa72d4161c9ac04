//! What the per-file step learns about dependencies, and what it hands to the cross-file
//! step.

use mamori_text::Span;

pub use crate::index::Ecosystem;

/// Where a dependency name was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// An import in code (`import x`, `require("x")`, `use x::`).
    Import,
    /// A manifest entry (`requirements.txt`, `pyproject.toml`, `package.json`, ...).
    Manifest,
    /// A package an AI-agent config launches (`npx -y pkg`, `uvx pkg`).
    AgentConfig,
}

/// One mention of a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    pub eco: Ecosystem,
    /// The registry name to check: a PyPI distribution or the import's top-level module, an
    /// npm package (`@scope/name`), a crate name.
    pub name: String,
    /// For Python imports, the full dotted module (`google.cloud.storage`); for npm
    /// imports, the specifier; otherwise the name again.
    pub module: String,
    /// The local name it is imported by when it differs (Cargo `package =` renames, npm
    /// `npm:` aliases).
    pub alias: Option<String>,
    pub origin: Origin,
    /// Bytes of the name in the file.
    pub span: Span,
    /// Inside `try:`/optional dependency group: absence may be intended.
    pub optional: bool,
    /// A path, git, URL or workspace dependency, or one from a private index: never looked
    /// up in a public registry.
    pub local: bool,
}

/// A name that the scanned tree itself defines.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Provided {
    /// A Python module or package (a `.py` file stem or a folder holding Python files).
    PythonModule(String),
    /// A PyPI distribution built from this tree (`[project] name`, `setup(name=...)`).
    PythonDist(String),
    /// An npm package of this tree (`package.json` `name`) or an ambient
    /// `declare module "x"`.
    NpmPackage(String),
    /// A TypeScript `paths` alias: exact name, or prefix when it ended in `*`.
    NpmAlias { pattern: String, prefix: bool },
    /// A TypeScript `baseUrl` folder (relative to the scan root, `/`-separated): any
    /// top-level file or folder in it can be imported bare.
    NpmBaseUrl(String),
    /// A crate of this tree (`[package] name`, `[lib] name`, with `-` as `_`) or a Rust
    /// module name (`mod x`).
    Crate(String),
}

/// Everything the supply-chain analysis learned from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// Display path (relative, `/`-separated).
    pub path: String,
    /// Path relative to the scan root (`/`-separated), for recognising tests and docs.
    pub rel: String,
    pub deps: Vec<Dependency>,
    pub provides: Vec<Provided>,
    /// This manifest points at a non-public package index (`--index-url`, Pipfile sources,
    /// `.npmrc` registries): its names are not checked against the public index.
    pub private_index: bool,
}

impl FileFacts {
    #[must_use]
    pub fn new(path: &str) -> Self {
        Self {
            path: path.to_string(),
            rel: path.to_string(),
            ..Self::default()
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn dep(
        &mut self,
        eco: Ecosystem,
        name: &str,
        module: &str,
        origin: Origin,
        span: Span,
        optional: bool,
        local: bool,
    ) {
        self.deps.push(Dependency {
            eco,
            name: name.to_string(),
            module: module.to_string(),
            alias: None,
            origin,
            span,
            optional,
            local,
        });
    }
}

/// A supply-chain problem, before the engine turns it into a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub rule_id: &'static str,
    pub path: String,
    pub span: Span,
    pub message: String,
    pub severity: mamori_diagnostics::Severity,
    pub confidence: mamori_diagnostics::Confidence,
}
