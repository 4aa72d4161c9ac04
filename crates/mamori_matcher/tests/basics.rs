//! Behaviour of single patterns and formulas on small snippets.
#![allow(clippy::unwrap_used)]

use mamori_lang::Language;
use mamori_matcher::{Conjunct, Formula, LangPlan, PatternArena};

/// Lines (1-based) where `formula_of(arena)` matches `code`.
fn lines_with(
    lang: Language,
    code: &str,
    build: impl FnOnce(&mut PatternArena) -> Formula,
) -> Vec<usize> {
    let mut arena = PatternArena::default();
    let f = build(&mut arena);
    let plan = LangPlan::build(lang, &arena, vec![(0, mamori_matcher::Program::Search(f))]);
    let tree = mamori_lang::parse(lang, code.as_bytes(), None).unwrap();
    let active = vec![true];
    let (res, _) = plan.run(
        &arena,
        &tree,
        code.as_bytes(),
        &active,
        &mamori_matcher::RunOptions::default(),
    );
    let idx = mamori_text::LineIndex::new(code.as_bytes());
    let mut v: Vec<usize> = res
        .rules
        .iter()
        .flat_map(|(_, ms)| ms.iter().map(|m| idx.line_of(m.span.start) + 1))
        .collect();
    v.sort_unstable();
    v
}

fn pat(lang: Language, code: &str, p: &str) -> Vec<usize> {
    lines_with(lang, code, |a| Formula::Pattern(a.add(p, lang).unwrap()))
}

#[test]
fn python_calls_kwargs_and_aliases() {
    let code = r#"import subprocess as sp
from os import system
import subprocess
sp.run(cmd, shell=True)
subprocess.call(f"ls {x}", check=True, shell=True)
subprocess.run("ls", shell=True)
subprocess.run(cmd)
system(cmd)
run(cmd, shell=True)
"#;
    let code2 = "from subprocess import run as r\nr(c, shell=True)\nr(c)\n";
    assert_eq!(
        pat(
            Language::Python,
            code2,
            "subprocess.$F($CMD, ..., shell=True, ...)"
        ),
        vec![2]
    );
    assert_eq!(
        pat(
            Language::Python,
            code,
            "subprocess.$F($CMD, ..., shell=True, ...)"
        ),
        vec![4, 5, 6]
    );
    assert_eq!(pat(Language::Python, code, "os.system(...)"), vec![8]);
    let f = |a: &mut PatternArena| {
        Formula::And(vec![
            Conjunct::Pos(Formula::Pattern(
                a.add(
                    "subprocess.$F($CMD, ..., shell=True, ...)",
                    Language::Python,
                )
                .unwrap(),
            )),
            Conjunct::Not(Formula::Pattern(
                a.add(
                    "subprocess.$F(\"...\", ..., shell=True, ...)",
                    Language::Python,
                )
                .unwrap(),
            )),
        ])
    };
    assert_eq!(lines_with(Language::Python, code, f), vec![4, 5]);
}

#[test]
fn python_strings_and_sequences() {
    let code = r#"def view(request):
    q = "SELECT * FROM t WHERE id = " + request.GET["id"]
    cursor.execute(q)
    cursor.execute('SELECT 1')
    cursor.execute(("SELECT 2"))
"#;
    assert_eq!(
        pat(Language::Python, code, "cursor.execute(\"...\")"),
        vec![4, 5]
    );
    assert_eq!(
        pat(
            Language::Python,
            code,
            "$Q = \"...\" + $X\n...\ncursor.execute($Q)"
        ),
        vec![2]
    );
    assert_eq!(
        pat(Language::Python, code, "\"=~/^SELECT \\d/\""),
        vec![4, 5]
    );
    assert_eq!(
        pat(Language::Python, code, "cursor.execute(<... request ...>)"),
        Vec::<usize>::new()
    );
    assert_eq!(
        pat(Language::Python, code, "$X = <... request.GET ...>"),
        vec![2]
    );
}

#[test]
fn python_inside_and_metavar_unification() {
    let code = r#"def a(x):
    return x == x

def b(x, y):
    return x == y
"#;
    assert_eq!(pat(Language::Python, code, "$A == $A"), vec![2]);
    let f = |a: &mut PatternArena| {
        Formula::And(vec![
            Conjunct::Pos(Formula::Pattern(
                a.add("$A == $B", Language::Python).unwrap(),
            )),
            Conjunct::Inside(Formula::Pattern(
                a.add("def b(...):\n    ...", Language::Python).unwrap(),
            )),
        ])
    };
    assert_eq!(lines_with(Language::Python, code, f), vec![5]);
}

#[test]
fn javascript_members_objects_templates_requires() {
    let code = r#"const { exec } = require('child_process');
const cp = require("node:child_process");
el.innerHTML = userInput;
el.innerHTML = "<b>hi</b>";
https.request({ host, rejectUnauthorized: false, port: 443 });
exec(`ls ${dir}`);
cp.exec(`ls`);
a?.b.innerHTML = x;
"#;
    assert_eq!(
        pat(Language::JavaScript, code, "$EL.innerHTML = $V"),
        vec![3, 4, 8]
    );
    assert_eq!(
        pat(
            Language::JavaScript,
            code,
            "{..., rejectUnauthorized: false, ...}"
        ),
        vec![5]
    );
    assert_eq!(
        pat(
            Language::JavaScript,
            code,
            "child_process.exec(`...${$X}...`)"
        ),
        vec![6]
    );
    assert_eq!(
        pat(Language::JavaScript, code, "child_process.exec(...)"),
        vec![6, 7]
    );
    assert_eq!(
        pat(Language::TypeScript, code, "child_process.exec(...)"),
        vec![6, 7]
    );
}

#[test]
fn tsx_and_rust() {
    let code = "const A = () => <div dangerouslySetInnerHTML={{__html: html}} />;\n";
    assert_eq!(
        pat(Language::Tsx, code, "<$E dangerouslySetInnerHTML={$X} />"),
        vec![1]
    );
    let rs = r#"use std::process::Command;
fn f(x: &str) {
    Command::new("sh").arg("-c").arg(format!("ls {}", x)).output();
    Command::new("ls").arg(x).output();
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
}
"#;
    assert_eq!(
        pat(
            Language::Rust,
            rs,
            r#"Command::new("sh").arg("-c").arg(format!(...))"#
        ),
        vec![3]
    );
    assert_eq!(
        pat(Language::Rust, rs, "std::process::Command::new(...)"),
        vec![3, 4]
    );
    assert_eq!(
        pat(Language::Rust, rs, "$B.danger_accept_invalid_certs(true)"),
        vec![5]
    );
}

#[test]
fn python_dict_ellipsis() {
    let code = "jwt.decode(t, key, options={\"verify_signature\": False, \"x\": 1})\njwt.decode(t, key, options={\"verify_signature\": True})\n";
    assert_eq!(
        pat(
            Language::Python,
            code,
            "jwt.decode(..., options={..., \"verify_signature\": False, ...}, ...)"
        ),
        vec![1]
    );
}

#[test]
fn fstrings_and_block_extension() {
    let code = "q = f\"SELECT {x}\"\nif a:\n    cur.execute(q)\ncur.execute(\"SELECT 1\")\ncur.execute(f\"x{y}\")\n";
    assert_eq!(pat(Language::Python, code, "$C.execute(f\"...\")"), vec![5]);
    assert_eq!(pat(Language::Python, code, "$C.execute(\"...\")"), vec![4]);
    let f = |a: &mut PatternArena| {
        Formula::And(vec![
            Conjunct::Inside(Formula::Pattern(
                a.add("$Q = f\"...\"\n...", Language::Python).unwrap(),
            )),
            Conjunct::Pos(Formula::Pattern(
                a.add("$C.execute($Q)", Language::Python).unwrap(),
            )),
        ])
    };
    assert_eq!(lines_with(Language::Python, code, f), vec![3]);
    let js = "exec(`ls ${d}`);\nexec(`ls`);\nexec('ls');\n";
    assert_eq!(pat(Language::JavaScript, js, "exec(`...`)"), vec![1, 2]);
}

#[test]
fn js_declarations_match_assignment_patterns() {
    let code = "const cmd = `ls ${dir}`;\nlet y = 2;\nexec(cmd);\n";
    let f = |a: &mut PatternArena| {
        Formula::And(vec![
            Conjunct::Inside(Formula::Pattern(
                a.add("$V = `...${$X}...`;\n...", Language::JavaScript)
                    .unwrap(),
            )),
            Conjunct::Pos(Formula::Pattern(
                a.add("exec($V)", Language::JavaScript).unwrap(),
            )),
        ])
    };
    assert_eq!(lines_with(Language::JavaScript, code, f), vec![3]);
}

#[test]
fn first_child_check_keeps_what_the_matcher_looks_through() {
    // The pattern root's first child is checked by kind before an attempt: parentheses,
    // an `async` the pattern leaves out, and optional parts must still get through.
    let py = "async def g(a):\n    pass\ndef h(b):\n    pass\n(x)[k] = v\ny.k = v\n";
    assert_eq!(
        pat(Language::Python, py, "def $F(...):\n    ..."),
        vec![1, 3]
    );
    assert_eq!(pat(Language::Python, py, "$O[$K] = $V"), vec![5]);
    let js = "import(x);\nfoo(x);\n(import(y));\nconst m = await import(z);\n";
    assert_eq!(pat(Language::JavaScript, js, "import($X)"), vec![1, 3, 4]);
    let rs = "pub fn f() -> u8 { 1 }\nfn g() { }\n";
    assert_eq!(pat(Language::Rust, rs, "fn $F() { ... }"), vec![1, 2]);
}

/// A match as (start, end, sorted (metavariable, bound text)).
type Found = (usize, usize, Vec<(String, String)>);

/// Rule 0's matches of `build`'s formula on `code`, (1) as planned, with the patterns
/// `build` lists as filters deferred, and (2) with those patterns also used as rules of
/// their own, so that the walk matches them over the whole file.
fn deferred_and_walked(
    lang: Language,
    code: &str,
    build: impl Fn(&mut PatternArena) -> (Formula, Vec<u32>),
) -> (Vec<Found>, Vec<Found>) {
    let run = |walk_filters_too: bool| {
        let mut arena = PatternArena::default();
        let (f, filters) = build(&mut arena);
        let mut programs = vec![(0, mamori_matcher::Program::Search(f))];
        if walk_filters_too {
            for (i, id) in filters.iter().enumerate() {
                programs.push((
                    i + 1,
                    mamori_matcher::Program::Search(Formula::Pattern(*id)),
                ));
            }
        }
        let plan = LangPlan::build(lang, &arena, programs);
        for id in &filters {
            assert_eq!(plan.is_deferred(*id), !walk_filters_too, "pattern {id}");
        }
        let tree = mamori_lang::parse(lang, code.as_bytes(), None).unwrap();
        let active = vec![true; plan.programs().len()];
        let (res, _) = plan.run(
            &arena,
            &tree,
            code.as_bytes(),
            &active,
            &mamori_matcher::RunOptions::default(),
        );
        let mut out: Vec<Found> = res
            .rules
            .iter()
            .filter(|(rule, _)| *rule == 0)
            .flat_map(|(_, ms)| ms.iter())
            .map(|m| {
                let mut b: Vec<(String, String)> = m
                    .bindings
                    .0
                    .iter()
                    .map(|(n, s)| (n.to_string(), code[s.start..s.end].to_string()))
                    .collect();
                b.sort();
                (m.span.start, m.span.end, b)
            })
            .collect();
        out.sort();
        out
    };
    (run(false), run(true))
}

fn lines_of(code: &str, found: &[Found]) -> Vec<usize> {
    found
        .iter()
        .map(|(start, _, _)| code[..*start].matches('\n').count() + 1)
        .collect()
}

/// A pattern used only to filter what another term found is matched at that result's
/// ancestors instead of by the walk; the results must be what the walk gives, bindings
/// (taken from the first containing match, outermost first) included.
#[test]
fn deferred_filters_give_the_walks_results() {
    let lang = Language::Python;
    let code = r#"
def outer(request):
    q = request.args["q"]
    def inner(q):
        db.execute("SELECT " + q)
        db.execute(safe(q))
    db.execute("SELECT " + q)
    if checked(q):
        db.execute("x" + q)

def other(request):
    db.execute("SELECT " + q)
    db.execute("SELECT 1")
"#;
    let (deferred, walked) = deferred_and_walked(lang, code, |a| {
        let mut p = |s: &str| a.add(s, lang).unwrap();
        let call = p("db.execute($X)");
        let inside_def = p("def $F($P):\n    ...");
        let inside_seq = p("$V = request.args[...]\n...");
        let not_safe = p("db.execute(safe(...))");
        let not_inside_if = p("if checked(...):\n    ...");
        let concat = p("db.execute(\"...\" + $Y)");
        let either_a = p("db.execute(\"SELECT \" + $Z)");
        let either_b = p("db.execute(\"x\" + $Z)");
        let f = Formula::And(vec![
            Conjunct::Pos(Formula::Pattern(call)),
            Conjunct::Inside(Formula::Pattern(inside_def)),
            Conjunct::Inside(Formula::Pattern(inside_seq)),
            Conjunct::Pos(Formula::Pattern(concat)),
            Conjunct::Pos(Formula::Or(vec![
                Formula::Pattern(either_a),
                Formula::Pattern(either_b),
            ])),
            Conjunct::Not(Formula::Pattern(not_safe)),
            Conjunct::NotInside(Formula::Pattern(not_inside_if)),
        ]);
        let filters = vec![
            inside_def,
            inside_seq,
            not_safe,
            not_inside_if,
            concat,
            either_a,
            either_b,
        ];
        (f, filters)
    });
    assert_eq!(deferred, walked);
    // The inner function's concatenation (line 5) and the outer one's (line 7) are
    // reported; `safe(...)`, the `if checked` body and `other` (no request source) are not.
    assert_eq!(lines_of(code, &deferred), vec![5, 7]);
    // `$F` comes from the outermost containing `def`, as on the walk.
    assert!(
        deferred
            .iter()
            .all(|(_, _, b)| b.contains(&("F".into(), "outer".into())))
    );
}

/// A conjunction inside a filter (`pattern-either: [..., patterns: [pattern-inside,
/// pattern]]`) is evaluated around each result too: its own first term is deferred.
#[test]
fn deferred_nested_conjunctions_give_the_walks_results() {
    let lang = Language::JavaScript;
    let code = r#"
const cmd = `ls ${dir}`;
exec(cmd);
exec(`rm ${dir}`);
exec("ls");
function f() { exec(other); }
"#;
    let (deferred, walked) = deferred_and_walked(lang, code, |a| {
        let mut p = |s: &str| a.add(s, lang).unwrap();
        let exec = p("exec($CMD)");
        let template_call = p("$F(`...${$X}...`)");
        let assigned = p("$V = `...${$X}...`;\n...");
        let var_call = p("$F($V)");
        let f = Formula::And(vec![
            Conjunct::Pos(Formula::Pattern(exec)),
            Conjunct::Pos(Formula::Or(vec![
                Formula::Pattern(template_call),
                Formula::And(vec![
                    Conjunct::Inside(Formula::Pattern(assigned)),
                    Conjunct::Pos(Formula::Pattern(var_call)),
                ]),
            ])),
        ]);
        (f, vec![template_call, assigned, var_call])
    });
    assert_eq!(deferred, walked);
    assert_eq!(lines_of(code, &deferred), vec![3, 4]);
}

fn regex(r: &str) -> mamori_matcher::SharedRegex {
    std::sync::Arc::new(mamori_matcher::rx::compile_regex_default(r).unwrap())
}

/// Lines (1-based) where each program of `programs` matches `code`, by program.
fn lines_by_rule(
    lang: Language,
    code: &str,
    arena: &PatternArena,
    programs: Vec<Formula>,
) -> Vec<Vec<usize>> {
    let n = programs.len();
    let plan = LangPlan::build(
        lang,
        arena,
        programs
            .into_iter()
            .enumerate()
            .map(|(i, f)| (i, mamori_matcher::Program::Search(f)))
            .collect(),
    );
    let tree = mamori_lang::parse(lang, code.as_bytes(), None).unwrap();
    let (res, _) = plan.run(
        arena,
        &tree,
        code.as_bytes(),
        &vec![true; n],
        &mamori_matcher::RunOptions::default(),
    );
    let idx = mamori_text::LineIndex::new(code.as_bytes());
    let mut out = vec![Vec::new(); n];
    for (rule, ms) in &res.rules {
        out[*rule] = ms.iter().map(|m| idx.line_of(m.span.start) + 1).collect();
        out[*rule].sort_unstable();
    }
    out
}

#[test]
fn metavariable_filters_add_to_what_a_file_must_contain() {
    let lang = Language::Python;
    let mut arena = PatternArena::default();
    let call = arena.add("$CHECK($P)", lang).unwrap();
    let tool = arena.add("$TOOL(...)", lang).unwrap();
    let repl = arena
        .add("langchain_experimental.tools.PythonREPLTool", lang)
        .unwrap();
    let checked = Formula::And(vec![
        Conjunct::Pos(Formula::Pattern(call)),
        Conjunct::MetavarRegex {
            name: "CHECK".into(),
            regex: regex(r"^_?(is_)?(safe|allowed)_\w+$"),
        },
    ]);
    let agent = Formula::And(vec![
        Conjunct::Pos(Formula::Pattern(tool)),
        Conjunct::MetavarPattern {
            name: "TOOL".into(),
            formula: Box::new(Formula::Pattern(repl)),
        },
    ]);
    let plan = LangPlan::build(
        lang,
        &arena,
        vec![
            (0, mamori_matcher::Program::Search(checked)),
            (1, mamori_matcher::Program::Search(agent)),
        ],
    );
    assert_eq!(plan.active(b"x = run(p)\n"), vec![false, false]);
    assert_eq!(plan.active(b"ok = is_safe_path(p)\n"), vec![true, false]);
    let aliased = b"from langchain_experimental.tools import PythonREPLTool as T\nT()\n";
    assert_eq!(plan.active(aliased), vec![false, true]);
    assert_eq!(
        plan.gate_words(call),
        Some(vec![vec![vec!["allowed", "safe"]]]),
        "the regex's words gate the pattern binding its metavariable"
    );
    assert_eq!(plan.gate_words(tool), None, "no regex on it");
}

#[test]
fn word_gates_keep_what_the_filters_keep() {
    let lang = Language::Python;
    let code = "
def a(p):
    ok = is_safe(p)
    log(p)
    if not ok:
        raise ValueError(p)
    open(p)

def b(p):
    ok = check(p)
    if not ok:
        raise ValueError(p)
    open(p)
";
    let mut arena = PatternArena::default();
    let seq = arena
        .add("$OK = $CHECK($P)\n...\nif not $OK:\n    ...\n", lang)
        .unwrap();
    let call = arena.add("$F($P)", lang).unwrap();
    let gated = |name: &str, f: Formula| {
        Formula::And(vec![
            Conjunct::Pos(f),
            Conjunct::MetavarRegex {
                name: name.into(),
                regex: regex(r"^is_(safe|allowed)$"),
            },
        ])
    };
    // Alone, the sequence is gated by `safe`/`allowed` and still found where they are.
    assert_eq!(
        lines_by_rule(
            lang,
            code,
            &arena,
            vec![gated("CHECK", Formula::Pattern(seq))]
        ),
        vec![vec![3]]
    );
    // Used without the filter too, it is tried everywhere for that use.
    assert_eq!(
        lines_by_rule(
            lang,
            code,
            &arena,
            vec![gated("CHECK", Formula::Pattern(seq)), Formula::Pattern(seq)]
        ),
        vec![vec![3], vec![3, 10]]
    );
    // Under `pattern-not`, a pattern binding the filtered metavariable is not gated: it
    // removes results whatever it binds.
    let not_filtered = Formula::And(vec![
        Conjunct::Pos(Formula::Pattern(call)),
        Conjunct::Not(Formula::Pattern(seq)),
        Conjunct::MetavarRegex {
            name: "CHECK".into(),
            regex: regex(r"^is_(safe|allowed)$"),
        },
    ]);
    let plan = LangPlan::build(
        lang,
        &arena,
        vec![(0, mamori_matcher::Program::Search(not_filtered))],
    );
    assert_eq!(plan.gate_words(seq), None);
    assert_eq!(
        plan.gate_words(call),
        None,
        "`$F($P)` does not bind `$CHECK`"
    );
}
