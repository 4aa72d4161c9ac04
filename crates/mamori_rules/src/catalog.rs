//! The shared catalogue of taint sources, sinks and sanitizers (`rules/catalog/*.yaml`),
//! referenced from taint rules as `- catalog: <id>` so rules do not repeat the framework
//! knowledge (Flask/Django/FastAPI/Express/... inputs, LLM outputs, SQL/shell/eval sinks).
//!
//! File shape:
//! ```yaml
//! catalog:
//!   - id: python-web-input
//!     kind: source            # source | sink | sanitizer
//!     description: Request data in Flask, Django, FastAPI and Starlette handlers
//!     items:
//!       - pattern: flask.request.args.get(...)
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::def::{Ctx, TaintItemDef, parse_taint_item};
use crate::error::Origin;
use crate::yaml::{Y, YVal};

/// One catalogue entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub kind: String,
    pub description: String,
    pub file: String,
    pub items: Vec<TaintItemDef>,
}

fn load() -> &'static Result<BTreeMap<String, Entry>, String> {
    static CATALOG: OnceLock<Result<BTreeMap<String, Entry>, String>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut out = BTreeMap::new();
        for (name, text) in crate::builtin_files() {
            if !name.starts_with("catalog/") {
                continue;
            }
            parse_file(&format!("rules/{name}"), text, &mut out)?;
        }
        Ok(out)
    })
}

fn parse_file(name: &str, text: &str, out: &mut BTreeMap<String, Entry>) -> Result<(), String> {
    let origin = Origin {
        name: name.to_string(),
        text: Arc::new(text.to_string()),
    };
    let root = crate::yaml::parse(text).map_err(|e| format!("{name}: {}", e.message))?;
    let Some(YVal::Seq(entries)) = root.get("catalog").map(|y| &y.val) else {
        return Err(format!(
            "{name}: a catalogue file needs a top-level `catalog:` list"
        ));
    };
    for e in entries {
        let text_of = |k: &str| e.get(k).and_then(Y::as_str).unwrap_or_default();
        let id = text_of("id");
        if id.is_empty() {
            return Err(format!("{name}: a catalogue entry has no `id`"));
        }
        let mut cx = Ctx {
            origin: &origin,
            errors: Vec::new(),
        };
        let mut items = Vec::new();
        if let Some(YVal::Seq(list)) = e.get("items").map(|y| &y.val) {
            for it in list {
                if it.get("catalog").is_some() {
                    return Err(format!(
                        "{name}: catalogue entry `{id}` may not reference other entries"
                    ));
                }
                parse_taint_item(it, "items", &mut items, &mut cx);
            }
        }
        if let Some(err) = cx.errors.first() {
            return Err(format!("{name}: entry `{id}`: {}", err.message));
        }
        out.insert(
            id.clone(),
            Entry {
                id,
                kind: text_of("kind"),
                description: text_of("description"),
                file: name.to_string(),
                items,
            },
        );
    }
    Ok(())
}

/// The items of catalogue entry `name`.
#[must_use]
pub fn entries(name: &str) -> Option<Vec<TaintItemDef>> {
    load().as_ref().ok()?.get(name).map(|e| e.items.clone())
}

/// Every entry id, sorted.
#[must_use]
pub fn names() -> Vec<String> {
    load()
        .as_ref()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// All entries (for docs), or the catalogue's load error.
///
/// # Errors
/// A broken built-in catalogue file.
pub fn all() -> Result<Vec<Entry>, String> {
    load().clone().map(|m| m.into_values().collect())
}
