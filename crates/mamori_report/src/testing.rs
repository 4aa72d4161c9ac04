//! Test helpers (feature `testing`): validate any SARIF mamori produces, from any crate's
//! tests.
//!
//! ```ignore
//! let log: serde_json::Value = serde_json::from_slice(&sarif_bytes)?;
//! mamori_report::testing::validate_sarif(&log).unwrap();
//! ```

use std::sync::OnceLock;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use serde_json::Value;

use crate::sarif::{MAX_RESULTS, MAX_TAGS, MAX_THREAD_FLOW_LOCATIONS};

/// The official OASIS SARIF 2.1.0 schema (errata 01), draft-04.
const SCHEMA: &str = include_str!("../tests/data/sarif-schema-2.1.0.json");
const SCHEMA_URL: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// GitHub rejects results with more locations.
const MAX_LOCATIONS: usize = 1_000;

/// Checks `log` against the official SARIF 2.1.0 JSON schema, then against the GitHub
/// code scanning constraints the schema cannot express (result, tag and location limits,
/// `ruleIndex` pointing at the rule named by `ruleId`, `security-severity` a numeric string,
/// `uriBaseId`s declared in `originalUriBaseIds`).
///
/// # Errors
///
/// A readable description of every schema violation, or of the first GitHub constraint
/// broken.
pub fn validate_sarif(log: &Value) -> Result<(), String> {
    let (schemas, index) = compiled_schema()?;
    schemas
        .validate(log, *index)
        .map_err(|e| format!("SARIF schema validation failed:\n{e:#}"))?;
    github_constraints(log)
}

fn compiled_schema() -> Result<&'static (Schemas, SchemaIndex), String> {
    static COMPILED: OnceLock<Result<(Schemas, SchemaIndex), String>> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            let schema: Value = serde_json::from_str(SCHEMA)
                .map_err(|e| format!("the bundled SARIF schema is not JSON: {e}"))?;
            let mut compiler = Compiler::new();
            compiler.set_default_draft(Draft::V4);
            compiler
                .add_resource(SCHEMA_URL, schema)
                .map_err(|e| format!("{e:#}"))?;
            let mut schemas = Schemas::new();
            let index = compiler
                .compile(SCHEMA_URL, &mut schemas)
                .map_err(|e| format!("cannot compile the SARIF schema: {e:#}"))?;
            Ok((schemas, index))
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn github_constraints(log: &Value) -> Result<(), String> {
    let runs = array(log, "runs")?;
    for (r, run) in runs.iter().enumerate() {
        let at = format!("runs[{r}]");
        let rules = run
            .pointer("/tool/driver/rules")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for (i, rule) in rules.iter().enumerate() {
            let props = rule.get("properties");
            let tags = props
                .and_then(|p| p.get("tags"))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if tags > MAX_TAGS {
                return Err(format!(
                    "{at}.tool.driver.rules[{i}] has {tags} tags (max {MAX_TAGS})"
                ));
            }
            if let Some(sev) = props.and_then(|p| p.get("security-severity")) {
                let ok = sev
                    .as_str()
                    .and_then(|s| s.parse::<f64>().ok())
                    .is_some_and(|v| (0.0..=10.0).contains(&v));
                if !ok {
                    return Err(format!(
                        "{at}.tool.driver.rules[{i}] security-severity {sev} is not a string \
                         holding a number from 0 to 10"
                    ));
                }
            }
        }
        let bases = run.get("originalUriBaseIds").and_then(Value::as_object);
        let results = array(run, "results").map_err(|e| format!("{at}: {e}"))?;
        if results.len() > MAX_RESULTS {
            return Err(format!(
                "{at} has {} results (max {MAX_RESULTS})",
                results.len()
            ));
        }
        for (n, result) in results.iter().enumerate() {
            let at = format!("{at}.results[{n}]");
            if let Some(index) = result.get("ruleIndex").and_then(Value::as_u64) {
                let named = usize::try_from(index)
                    .ok()
                    .and_then(|i| rules.get(i))
                    .and_then(|rule| rule.get("id"));
                if named != result.get("ruleId") {
                    return Err(format!(
                        "{at}: ruleIndex {index} names rule {named:?}, ruleId is {:?}",
                        result.get("ruleId")
                    ));
                }
            }
            let locations = result
                .get("locations")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            if locations.len() > MAX_LOCATIONS {
                return Err(format!(
                    "{at} has {} locations (max {MAX_LOCATIONS})",
                    locations.len()
                ));
            }
            for location in locations {
                let base = location
                    .pointer("/physicalLocation/artifactLocation/uriBaseId")
                    .and_then(Value::as_str);
                if let Some(base) = base
                    && !bases.is_some_and(|b| b.contains_key(base))
                {
                    return Err(format!(
                        "{at}: uriBaseId {base} is not declared in originalUriBaseIds"
                    ));
                }
            }
            for flow in result
                .get("codeFlows")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                for thread in flow
                    .get("threadFlows")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let steps = thread
                        .get("locations")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    if steps > MAX_THREAD_FLOW_LOCATIONS {
                        return Err(format!(
                            "{at} has a thread flow of {steps} locations (max \
                             {MAX_THREAD_FLOW_LOCATIONS})"
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn array<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, String> {
    v.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("`{key}` is missing or not an array"))
}
