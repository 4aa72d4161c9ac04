//! Per-language knowledge the matcher needs about tree-sitter node kinds: which kinds are
//! identifiers, strings, member chains, comments, blocks, and so on. Kind names are
//! resolved to ids once per grammar.

use mamori_lang::Language;

/// Node-kind tables for one grammar, as kind ids.
#[derive(Debug)]
pub struct Spec {
    pub lang: Language,
    kind_count: usize,
    identifier: Vec<bool>,
    string: Vec<bool>,
    string_part: Vec<bool>,
    interpolation: Vec<bool>,
    comment: Vec<bool>,
    block: Vec<bool>,
    keyed: Vec<bool>,
    skip: Vec<bool>,
    dotted: Vec<bool>,
    call: Vec<bool>,
    /// Parts a pattern may leave out (`pub`, type annotations); `arrow` starts `-> T`.
    optional: Vec<bool>,
    arrow: Vec<bool>,
    /// JS: `expression_statement`, `assignment_expression`, declarations, declarators.
    js_expr_stmt: Vec<bool>,
    js_assign: Vec<bool>,
    js_decl: Vec<bool>,
    js_declarator: Vec<bool>,
    pub paren: Vec<u16>,
    /// `paren` as a table (asked at every node the matcher visits).
    paren_table: Vec<bool>,
    pub string_delims: Vec<u16>,
    /// Typed or defaulted parameters, whose name a metavariable binds.
    param: Vec<bool>,
    /// Keyed nodes whose pattern matches targets with more keyed children (JSX elements,
    /// Python decorated definitions).
    open_keyed: Vec<bool>,
    /// Import statements whose imported names match as a set (`from m import a, b`).
    import_list: Vec<bool>,
    /// By kind: which import form it is (see [`ImportForm`]).
    import_form: Vec<ImportForm>,
    /// By kind: whether an import can lie below a node of it (Python imports are
    /// statements, so they never sit inside expressions).
    import_scope: Vec<bool>,
}

/// The nodes the import scan ([`crate::imports::ImportMap`]) reads, by grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportForm {
    None,
    /// Python `import a.b as c`.
    PyImport,
    /// Python `from a import b as c`.
    PyFrom,
    /// JavaScript/TypeScript `import x from "m"`.
    JsImport,
    /// JavaScript/TypeScript `const x = require("m")`.
    JsDeclarator,
    /// Rust `use a::b;`.
    RustUse,
}

/// Which import form each kind is, and below which kinds one can lie.
fn import_tables(lang: Language, ts: &tree_sitter::Language) -> (Vec<ImportForm>, Vec<bool>) {
    let count = ts.node_kind_count();
    let mut form = vec![ImportForm::None; count];
    let forms: &[(&str, ImportForm)] = match lang {
        Language::Python => &[
            ("import_statement", ImportForm::PyImport),
            ("import_from_statement", ImportForm::PyFrom),
        ],
        Language::JavaScript | Language::TypeScript | Language::Tsx => &[
            ("import_statement", ImportForm::JsImport),
            ("variable_declarator", ImportForm::JsDeclarator),
        ],
        Language::Rust => &[("use_declaration", ImportForm::RustUse)],
    };
    for (name, f) in forms {
        for id in ids_for(ts, name, true) {
            form[id as usize] = *f;
        }
    }
    let scope = (0..count)
        .map(|i| {
            let id = u16::try_from(i).unwrap_or(u16::MAX);
            let name = ts.node_kind_for_id(id).unwrap_or("");
            match lang {
                // Statements sit in the module, in blocks and in the clauses of compound
                // statements (and in what error recovery wraps); simple statements other
                // than imports hold only expressions.
                Language::Python => {
                    matches!(name, "module" | "block" | "ERROR")
                        || ((name.ends_with("_statement")
                            || name.ends_with("_clause")
                            || name.ends_with("_definition"))
                            && !matches!(
                                name,
                                "expression_statement"
                                    | "return_statement"
                                    | "assert_statement"
                                    | "raise_statement"
                                    | "delete_statement"
                                    | "print_statement"
                                    | "exec_statement"
                                    | "global_statement"
                                    | "nonlocal_statement"
                                    | "type_alias_statement"
                            ))
                }
                // `require` and `use` can appear inside any expression's block.
                Language::JavaScript | Language::TypeScript | Language::Tsx | Language::Rust => {
                    true
                }
            }
        })
        .collect();
    (form, scope)
}

fn names(lang: Language) -> SpecNames {
    match lang {
        Language::Python => SpecNames {
            identifier: &["identifier"],
            string: &["string", "concatenated_string"],
            string_part: &["string_content", "escape_sequence"],
            interpolation: &["interpolation"],
            comment: &["comment"],
            block: &["module", "block"],
            keyed: &["keyword_argument", "pair", "decorator"],
            skip_anon: &[",", ";"],
            skip_named: &[],
            dotted: &["attribute"],
            call: &["call"],
            paren: &["parenthesized_expression"],
            string_delims: &["string_start", "string_end"],
        },
        Language::JavaScript | Language::TypeScript | Language::Tsx => SpecNames {
            identifier: &[
                "identifier",
                "property_identifier",
                "shorthand_property_identifier",
                "shorthand_property_identifier_pattern",
                "type_identifier",
                "private_property_identifier",
                "statement_identifier",
            ],
            string: &["string", "template_string"],
            string_part: &["string_fragment", "escape_sequence"],
            interpolation: &["template_substitution"],
            comment: &["comment", "html_comment"],
            block: &[
                "program",
                "statement_block",
                "switch_case",
                "switch_default",
            ],
            keyed: &["pair", "jsx_attribute"],
            skip_anon: &[",", ";", "?.", "."],
            skip_named: &["optional_chain"],
            dotted: &["member_expression"],
            call: &["call_expression", "new_expression"],
            paren: &["parenthesized_expression"],
            string_delims: &["\"", "'", "`"],
        },
        Language::Rust => SpecNames {
            identifier: &[
                "identifier",
                "field_identifier",
                "type_identifier",
                "shorthand_field_identifier",
            ],
            string: &["string_literal", "raw_string_literal"],
            string_part: &["string_content", "escape_sequence"],
            interpolation: &[],
            comment: &["line_comment", "block_comment", "doc_comment"],
            block: &["source_file", "block"],
            keyed: &["field_initializer", "shorthand_field_initializer"],
            skip_anon: &[",", ";"],
            skip_named: &[],
            dotted: &["scoped_identifier", "field_expression"],
            call: &["call_expression", "macro_invocation"],
            paren: &["parenthesized_expression"],
            string_delims: &["\""],
        },
    }
}

struct SpecNames {
    identifier: &'static [&'static str],
    string: &'static [&'static str],
    string_part: &'static [&'static str],
    interpolation: &'static [&'static str],
    comment: &'static [&'static str],
    block: &'static [&'static str],
    keyed: &'static [&'static str],
    skip_anon: &'static [&'static str],
    skip_named: &'static [&'static str],
    dotted: &'static [&'static str],
    /// Calls (and call-like nodes) whose first named child is the callee.
    call: &'static [&'static str],
    paren: &'static [&'static str],
    string_delims: &'static [&'static str],
}

impl Spec {
    #[must_use]
    pub fn new(lang: Language) -> Self {
        let ts = lang.ts_language();
        let kind_count = ts.node_kind_count();
        let n = names(lang);
        let table = |list: &[&str], named: bool| {
            let mut v = vec![false; kind_count];
            for name in list {
                for id in ids_for(ts, name, named) {
                    v[id as usize] = true;
                }
            }
            v
        };
        let mut skip = table(n.skip_anon, false);
        for (i, s) in table(n.skip_named, true).into_iter().enumerate() {
            skip[i] |= s;
        }
        let mut paren = Vec::new();
        for name in n.paren {
            paren.extend(ids_for(ts, name, true));
        }
        let mut string_delims = Vec::new();
        for name in n.string_delims {
            string_delims.extend(ids_for(ts, name, true));
            string_delims.extend(ids_for(ts, name, false));
        }
        let mut paren_table = vec![false; kind_count];
        for k in &paren {
            if let Some(slot) = paren_table.get_mut(usize::from(*k)) {
                *slot = true;
            }
        }
        let (import_form, import_scope) = import_tables(lang, ts);
        Self {
            lang,
            kind_count,
            import_form,
            import_scope,
            paren_table,
            param: table(
                &[
                    "required_parameter",
                    "optional_parameter",
                    "typed_parameter",
                    "typed_default_parameter",
                    "default_parameter",
                ],
                true,
            ),
            open_keyed: table(
                &[
                    "jsx_self_closing_element",
                    "jsx_opening_element",
                    "decorated_definition",
                ],
                true,
            ),
            import_list: table(&["import_from_statement"], true),
            identifier: table(n.identifier, true),
            string: table(n.string, true),
            string_part: table(n.string_part, true),
            interpolation: table(n.interpolation, true),
            comment: table(n.comment, true),
            block: table(n.block, true),
            keyed: table(n.keyed, true),
            skip,
            dotted: table(n.dotted, true),
            call: table(n.call, true),
            optional: table(
                &[
                    "visibility_modifier",
                    "type_annotation",
                    "type_parameters",
                    "function_modifiers",
                ],
                true,
            ),
            arrow: table(&["->"], false),
            js_expr_stmt: table(&["expression_statement"], true),
            js_assign: table(&["assignment_expression"], true),
            js_decl: table(&["lexical_declaration", "variable_declaration"], true),
            js_declarator: table(&["variable_declarator"], true),
            paren,
            string_delims,
        }
    }

    #[must_use]
    pub fn kind_count(&self) -> usize {
        self.kind_count
    }

    fn get(v: &[bool], k: u16) -> bool {
        v.get(k as usize).copied().unwrap_or(false)
    }
    #[must_use]
    pub fn is_identifier(&self, k: u16) -> bool {
        Self::get(&self.identifier, k)
    }
    #[must_use]
    pub fn is_string(&self, k: u16) -> bool {
        Self::get(&self.string, k)
    }
    #[must_use]
    pub fn is_string_part(&self, k: u16) -> bool {
        Self::get(&self.string_part, k)
    }
    #[must_use]
    pub fn is_interpolation(&self, k: u16) -> bool {
        Self::get(&self.interpolation, k)
    }
    #[must_use]
    pub fn is_comment(&self, k: u16) -> bool {
        Self::get(&self.comment, k)
    }
    #[must_use]
    pub fn is_block(&self, k: u16) -> bool {
        Self::get(&self.block, k)
    }
    #[must_use]
    pub fn is_keyed(&self, k: u16) -> bool {
        Self::get(&self.keyed, k)
    }
    #[must_use]
    pub fn is_skipped(&self, k: u16) -> bool {
        Self::get(&self.skip, k)
    }
    #[must_use]
    pub fn is_dotted(&self, k: u16) -> bool {
        Self::get(&self.dotted, k)
    }
    #[must_use]
    pub fn is_optional_part(&self, k: u16) -> bool {
        Self::get(&self.optional, k)
    }
    #[must_use]
    pub fn is_arrow(&self, k: u16) -> bool {
        Self::get(&self.arrow, k)
    }
    #[must_use]
    pub fn is_expression_statement(&self, k: u16) -> bool {
        Self::get(&self.js_expr_stmt, k)
    }
    #[must_use]
    pub fn is_js_assignment(&self, k: u16) -> bool {
        self.lang.is_js_family() && Self::get(&self.js_assign, k)
    }
    #[must_use]
    pub fn is_js_declaration(&self, k: u16) -> bool {
        self.lang.is_js_family() && Self::get(&self.js_decl, k)
    }
    #[must_use]
    pub fn is_js_declarator(&self, k: u16) -> bool {
        self.lang.is_js_family() && Self::get(&self.js_declarator, k)
    }
    #[must_use]
    pub fn is_call(&self, k: u16) -> bool {
        Self::get(&self.call, k)
    }
    #[must_use]
    pub fn is_paren(&self, k: u16) -> bool {
        Self::get(&self.paren_table, k)
    }
    /// `required_parameter`, `typed_parameter` and the like (see `param_name_node`).
    #[must_use]
    pub fn is_param(&self, k: u16) -> bool {
        Self::get(&self.param, k)
    }
    #[must_use]
    pub fn is_open_keyed(&self, k: u16) -> bool {
        Self::get(&self.open_keyed, k)
    }
    /// `from m import a, b` (Python): a pattern naming some of the imported names matches.
    #[must_use]
    pub fn is_import_list(&self, k: u16) -> bool {
        Self::get(&self.import_list, k)
    }
    /// Which import form kind `k` is.
    #[must_use]
    pub fn import_form(&self, k: u16) -> ImportForm {
        self.import_form
            .get(usize::from(k))
            .copied()
            .unwrap_or(ImportForm::None)
    }
    /// Whether an import can lie below a node of kind `k`.
    #[must_use]
    pub fn may_hold_imports(&self, k: u16) -> bool {
        Self::get(&self.import_scope, k)
    }
    #[must_use]
    pub fn is_string_delim(&self, k: u16) -> bool {
        self.string_delims.contains(&k)
    }

    /// All kind ids that are identifiers.
    pub fn identifier_kinds(&self) -> impl Iterator<Item = u16> + '_ {
        ids_where(&self.identifier)
    }
    pub fn string_kinds(&self) -> impl Iterator<Item = u16> + '_ {
        ids_where(&self.string)
    }
    pub fn block_kinds(&self) -> impl Iterator<Item = u16> + '_ {
        ids_where(&self.block)
    }
    pub fn dotted_kinds(&self) -> impl Iterator<Item = u16> + '_ {
        ids_where(&self.dotted)
    }
}

fn ids_where(v: &[bool]) -> impl Iterator<Item = u16> + '_ {
    v.iter()
        .enumerate()
        .filter(|(_, b)| **b)
        .filter_map(|(i, _)| u16::try_from(i).ok())
}

/// Every kind id with this name and namedness. Grammars may alias several ids to one name,
/// so scan the whole table rather than trusting `id_for_node_kind`'s single answer.
fn ids_for(ts: &tree_sitter::Language, name: &str, named: bool) -> Vec<u16> {
    let mut out = Vec::new();
    let count = u16::try_from(ts.node_kind_count()).unwrap_or(u16::MAX);
    for id in 0..count {
        if ts.node_kind_is_named(id) == named && ts.node_kind_for_id(id) == Some(name) {
            out.push(id);
        }
    }
    out
}

/// The shared, lazily built spec of a language.
#[must_use]
pub fn spec(lang: Language) -> &'static Spec {
    use std::sync::OnceLock;
    static SPECS: [OnceLock<Spec>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    SPECS[lang.index()].get_or_init(|| Spec::new(lang))
}
