//! Fuzz targets for mamori, and a small stable mutation fuzzer to run them without
//! nightly (`fuzz_smoke`, used in CI through `fuzz/smoke.sh`).
//!
//! Targets (each takes arbitrary bytes and must neither panic, overflow the stack, nor
//! hang):
//! - [`rule_loader`]: YAML rule text → `mamori_rules::load_str` → `RuleSet::compile`.
//! - [`pattern_compile`]: a pattern for one language → `mamori_matcher::compile`.
//! - [`scan_source`]: bytes scanned as one language with every built-in rule.
//! - [`pattern_match`]: a pattern and a source, the pattern as a one-rule rule set.
//!
//! Inputs may start with a language line (`python\n`, `rust\n`, ...); otherwise the first
//! byte picks the language. The same functions back the cargo-fuzz targets in
//! `fuzz_targets/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use mamori_engine::ScanOptions;
use mamori_lang::Language;
use mamori_rules::{Profile, RuleSet};

/// Largest input a target looks at (bigger ones are truncated).
pub const MAX_INPUT: usize = 64 * 1024;

/// Per-input time budget given to scans (a scan must stop at it).
pub const SCAN_BUDGET: Duration = Duration::from_secs(2);

/// A fuzz target: any bytes in, no panic, no overflow, no hang.
pub type Target = fn(&[u8]);

/// The targets, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("rule_loader", rule_loader),
    ("pattern_compile", pattern_compile),
    ("scan_source", scan_source),
    ("pattern_match", pattern_match),
];

/// The language an input is for, and the rest of the input.
#[must_use]
pub fn split_lang(data: &[u8]) -> (Language, &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    if let Some(nl) = data.iter().position(|b| *b == b'\n').filter(|n| *n <= 16)
        && let Ok(name) = std::str::from_utf8(&data[..nl])
        && let Some(langs) = Language::from_rule_name(name)
        && let Some(lang) = langs.last()
    {
        return (*lang, &data[nl + 1..]);
    }
    match data.split_first() {
        Some((b, rest)) => (Language::ALL[usize::from(*b) % Language::ALL.len()], rest),
        None => (Language::Python, data),
    }
}

/// Every built-in rule (audit profile), compiled once.
fn builtin() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| match mamori_rules::builtin() {
        Ok(set) => set.for_profile(Profile::Audit),
        Err(e) => panic!("the built-in rules do not compile: {}", e[0].message),
    })
}

fn scan_options() -> ScanOptions {
    let mut o = ScanOptions::default();
    o.suppress.report_unused = true;
    o
}

/// YAML rule text through both loading phases.
pub fn rule_loader(data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    let text = String::from_utf8_lossy(data);
    if let Ok(defs) = mamori_rules::load_str("fuzz.yaml", &text) {
        let _ = RuleSet::compile(defs);
    }
}

/// A pattern compiled for one language.
pub fn pattern_compile(data: &[u8]) {
    let (lang, rest) = split_lang(data);
    let text = String::from_utf8_lossy(rest);
    let _ = mamori_matcher::compile(&text, lang);
}

/// Arbitrary bytes scanned as one language with every built-in rule.
pub fn scan_source(data: &[u8]) {
    let (lang, src) = split_lang(data);
    let _ = mamori_engine::scan_source(
        builtin(),
        "fuzz",
        lang,
        src,
        Some(Instant::now() + SCAN_BUDGET),
        &scan_options(),
    );
}

/// `<pattern>\n----\n<source>`: the pattern as a one-rule rule set, run on the source.
pub fn pattern_match(data: &[u8]) {
    let (lang, rest) = split_lang(data);
    let sep = b"\n----\n";
    let (pat, src) = match rest.windows(sep.len()).position(|w| w == sep) {
        Some(i) => (&rest[..i], &rest[i + sep.len()..]),
        None => (rest, &b""[..]),
    };
    let pat = String::from_utf8_lossy(pat);
    // Block scalar, so any pattern text is valid YAML.
    let mut yaml = format!(
        "rules:\n  - id: fuzz\n    message: m\n    severity: WARNING\n    languages: [{}]\n    pattern: |\n",
        lang.name()
    );
    for line in pat.lines() {
        yaml.push_str("      ");
        yaml.push_str(line);
        yaml.push('\n');
    }
    let Ok(defs) = mamori_rules::load_str("fuzz.yaml", &yaml) else {
        return;
    };
    let Ok(rules) = RuleSet::compile(defs) else {
        return;
    };
    let _ = mamori_engine::scan_source(
        &rules,
        "fuzz",
        lang,
        src,
        Some(Instant::now() + SCAN_BUDGET),
        &scan_options(),
    );
}

/// xorshift64*: small, fast, reproducible from a seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % (n.max(1) as u64)) as usize
    }
}

/// Tokens worth inserting: the syntax the parsers and matcher care about.
const DICTIONARY: &[&[u8]] = &[
    b"$X",
    b"$_",
    b"$...ARGS",
    b"...",
    b"<... $X ...>",
    b"\"...\"",
    b"\"=~/a+/\"",
    b"f\"{",
    b"${",
    b"`",
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"<",
    b">",
    b"</",
    b"/>",
    b"\n",
    b"\r\n",
    b"\t",
    b"    ",
    b":",
    b"::",
    b";",
    b",",
    b"=",
    b"=>",
    b"|",
    b"'",
    b"\"",
    b"\\",
    b"#",
    b"//",
    b"/*",
    b"*/",
    b"\0",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"def ",
    b"if ",
    b"lambda ",
    b"fn ",
    b"use ",
    b"impl ",
    b"function ",
    b"=> ",
    b"async ",
    b"await ",
    b"import ",
    b"from ",
    b"require(",
    b"eval(",
    b"os.system(",
    b"subprocess.run(",
    b"exec(",
    b"request.args",
    b"req.query",
    b"Command::new(",
    b"format!(",
    b"- pattern: ",
    b"- pattern-inside: ",
    b"- pattern-not: ",
    b"- pattern-either:",
    b"  - patterns:",
    b"metavariable-regex:",
    b"metavariable-pattern:",
    b"metavariable-comparison:",
    b"comparison: ",
    b"focus-metavariable: ",
    b"pattern-regex: ",
    b"mode: taint",
    b"pattern-sources:",
    b"pattern-sinks:",
    b"pattern-sanitizers:",
    b"requires: ",
    b"label: ",
    b"languages: [",
    b"&a ",
    b"*a",
    b"!!str ",
    b"---\n",
    b"? ",
    b"not ",
    b" and ",
    b" or ",
    b"int(",
    b"re.match(",
];

/// One random edit of `input` (possibly splicing in `other`), capped at [`MAX_INPUT`].
pub fn mutate(input: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = input.to_vec();
    let edits = 1 + rng.below(4);
    for _ in 0..edits {
        let len = v.len();
        match rng.below(11) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next_u64() as u8;
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(32));
                v.drain(i..i + n);
            }
            3 | 4 => {
                let tok = DICTIONARY[rng.below(DICTIONARY.len())];
                let i = rng.below(len + 1);
                v.splice(i..i, tok.iter().copied());
            }
            5 if len > 0 => {
                // Duplicate a chunk (repetition finds depth and size problems).
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                let chunk = v[i..i + n].to_vec();
                let most = if rng.below(8) == 0 { 256 } else { 4 };
                let times = 1 + rng.below(most);
                let at = rng.below(len + 1);
                for _ in 0..times {
                    v.splice(at..at, chunk.iter().copied());
                }
            }
            6 if !other.is_empty() => {
                // Splice: a prefix of this input and a suffix of another.
                let i = rng.below(len + 1);
                let j = rng.below(other.len());
                v.truncate(i);
                v.extend_from_slice(&other[j..]);
            }
            7 if len > 1 => {
                // Swap two bytes.
                let (i, j) = (rng.below(len), rng.below(len));
                v.swap(i, j);
            }
            8 => {
                // Deep nesting of a bracket pair.
                let pairs: [(&[u8], &[u8]); 5] = [
                    (b"(", b")"),
                    (b"[", b"]"),
                    (b"{", b"}"),
                    (b"f(", b")"),
                    (b"<a>", b"</a>"),
                ];
                let (open, close) = pairs[rng.below(pairs.len())];
                let most = if rng.below(4) == 0 { 5_000 } else { 50 };
                let depth = 1 + rng.below(most);
                let i = rng.below(len + 1);
                let j = i + rng.below(len - i + 1);
                let mut out = Vec::with_capacity(len + depth * (open.len() + close.len()));
                out.extend_from_slice(&v[..i]);
                for _ in 0..depth {
                    out.extend_from_slice(open);
                }
                out.extend_from_slice(&v[i..j]);
                for _ in 0..depth {
                    out.extend_from_slice(close);
                }
                out.extend_from_slice(&v[j..]);
                v = out;
            }
            9 if len > 0 => {
                // Truncate.
                v.truncate(rng.below(len));
            }
            _ => {
                let i = rng.below(len + 1);
                v.insert(i, rng.next_u64() as u8);
            }
        }
        v.truncate(MAX_INPUT);
    }
    v
}

/// The committed seed inputs of a target (`fuzz/corpus/<target>/`), sorted by name.
#[must_use]
pub fn load_corpus(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_file()
                && let Ok(b) = std::fs::read(&p)
            {
                out.push((p, b));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// FNV-1a, for naming crash files.
#[must_use]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_line_or_first_byte() {
        assert_eq!(split_lang(b"rust\nfn f() {}").0, Language::Rust);
        assert_eq!(split_lang(b"tsx\n<a/>").0, Language::Tsx);
        assert_eq!(split_lang(b"\x00x").0, Language::ALL[0]);
        assert_eq!(split_lang(b"").0, Language::Python);
    }

    #[test]
    fn mutations_stay_bounded() {
        let mut rng = Rng::new(7);
        let mut v = b"f($X, ...)".to_vec();
        for _ in 0..2_000 {
            v = mutate(&v, b"other input", &mut rng);
            assert!(v.len() <= MAX_INPUT);
        }
    }
}
