//! mamori's pattern language: Semgrep-style code patterns compiled against tree-sitter
//! grammars, combined by formulas, and run over a file in one tree walk.
//!
//! - [`pattern`]: pattern text → [`Pattern`] (metavariables, `...`, `<... ...>`, string
//!   wildcards and regexes), parsed with the target language's grammar.
//! - [`matching`]: structural matching with bindings, keyword-argument order independence,
//!   parenthesis and quote-style equivalence, import-alias resolution ([`imports`]).
//! - [`formula`]: `patterns` / `pattern-either` / `pattern-not` / `pattern-inside` / filters.
//! - [`plan`]: kind-indexed dispatch of many rules in a single walk, with a literal prefilter.
//!
//! Invariant: knows nothing about YAML, files, threads or output formats.

pub mod formatted;
pub mod formula;
mod hash;
pub mod imports;
pub mod matching;
pub mod pattern;
pub mod plan;
pub mod regex_words;
pub mod rx;
pub mod spec;
pub mod taint;

pub use formula::{CmpOp, Comparison, Conjunct, Formula, PatternId, Requirement, SharedRegex};
pub use matching::{Bindings, FileCtx, Item, Match, ancestors};
pub use matching::{FlowKind, FlowPoint};
pub use pattern::{PNode, PRoot, Pattern, PatternError, compile};
pub use plan::{
    FileMatches, LangPlan, PatternArena, Prefilters, Program, RuleProgram, RunOptions, WordScan,
};
pub use rx::compile_regex;
pub use taint::{
    LabelExpr, Summary, TaintPropagator, TaintSanitizer, TaintSink, TaintSource, TaintSpec,
    WantSummaries,
};
