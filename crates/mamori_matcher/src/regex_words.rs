//! What the regexes of `metavariable-regex` filters say about the text they admit, so the
//! plan can skip work without running them: the exact names a regex anchored at both
//! ends allows ([`exact_names`], which anchor a pattern's callee or name), and the words
//! any admitted text must contain ([`required_words`], which gate rules and patterns by
//! the literal prefilter).

use regex_syntax::hir::{Hir, HirKind, Look};

/// The identifiers a regex anchored at both ends (`^(a|b)$`) matches, when they are a
/// small finite set of plain identifiers; `None` otherwise.
pub(crate) fn exact_names(re: &str) -> Option<Vec<Box<[u8]>>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(re).ok()?;
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    let starts = matches!(first.kind(), HirKind::Look(Look::Start));
    let ends = matches!(last.kind(), HirKind::Look(Look::End));
    if !starts || !ends {
        return None;
    }
    let mut set = vec![Vec::new()];
    for h in middle {
        set = product(&set, &literals(h)?)?;
    }
    // `$` as in JavaScript (`$queryRawUnsafe`); no identifier of the other grammars holds
    // one, so there such a name is simply never a node's anchor.
    let ident = |s: &[u8]| {
        s.first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'$')
            && s.iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
    };
    // A path (`os.system`, `String::from_utf8_unchecked`) is anchored on its last name,
    // which is what the walk compares (see `FileCtx::anchor_names`).
    let last_name = |s: &[u8]| -> Option<Vec<u8>> {
        let text = std::str::from_utf8(s).ok()?;
        let segments: Vec<&str> = text.split("::").flat_map(|p| p.split('.')).collect();
        segments
            .iter()
            .all(|seg| ident(seg.as_bytes()))
            .then(|| segments.last().map(|l| l.as_bytes().to_vec()))
            .flatten()
    };
    let set: Option<Vec<Vec<u8>>> = set.iter().map(|s| last_name(s)).collect();
    let set = set?;
    if set.is_empty() {
        return None;
    }
    let mut out: Vec<Box<[u8]>> = set.into_iter().map(Vec::into_boxed_slice).collect();
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Most names an anchor set may hold.
const MAX_EXACT_NAMES: usize = 64;

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_EXACT_NAMES {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| {
                b.iter().map(move |y| {
                    let mut v = x.clone();
                    v.extend_from_slice(y);
                    v
                })
            })
            .collect(),
    )
}

/// Every string `h` matches, when that is a small finite set.
fn literals(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Capture(c) => literals(&c.sub),
        HirKind::Concat(hs) => {
            let mut set = vec![Vec::new()];
            for h in hs {
                set = product(&set, &literals(h)?)?;
            }
            Some(set)
        }
        HirKind::Alternation(hs) => union(hs, literals),
        // `x?`: with or without `x`.
        HirKind::Repetition(r) if r.min == 0 && r.max == Some(1) => {
            let mut set = literals(&r.sub)?;
            set.push(Vec::new());
            Some(set)
        }
        HirKind::Class(_) | HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

/// Shortest word worth a prefilter check: shorter ones occur almost everywhere.
const MIN_WORD_LEN: usize = 3;

/// Groups of words such that any text the regex finds a match in contains at least one
/// word of each group: `^_?(validate|check)_(path|file)$` gives `[[check, validate],
/// [file, path]]`. A group is left out when one of its alternatives has no literal of at
/// least [`MIN_WORD_LEN`] bytes (`(is|check)`), so every group returned is a true
/// requirement; an empty result says nothing.
///
/// Words are ASCII (admitted text is compared after a lossy UTF-8 conversion, which
/// never produces ASCII that was not there). Case-insensitive parts (`(?i)`) give no
/// words. A word that contains another word of its group is dropped: the shorter one
/// already occurs wherever it does.
#[must_use]
pub fn required_words(re: &str) -> Vec<Vec<String>> {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(re) else {
        return Vec::new();
    };
    let mut groups = Vec::new();
    collect_groups(&hir, &mut groups);
    let mut out: Vec<Vec<String>> = groups.into_iter().filter_map(normalize).collect();
    out.sort();
    out.dedup();
    out
}

/// Every group one of whose words each match of `h` contains: one per part of a
/// concatenation that has such a set, or one for the whole of `h`.
fn collect_groups(h: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
    match h.kind() {
        HirKind::Concat(parts) => {
            if let Some(set) = literals(h) {
                out.push(set);
                return;
            }
            for p in parts {
                collect_groups(p, out);
            }
        }
        HirKind::Capture(c) => collect_groups(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => collect_groups(&r.sub, out),
        _ => {
            if let Some(set) = one_of(h) {
                out.push(set);
            }
        }
    }
}

/// A set of strings such that every match of `h` contains one of them, the best found
/// (longest shortest member); `None` when some match may contain none of any set found.
fn one_of(h: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = literals(h)
        && usable(&set)
    {
        return Some(set);
    }
    match h.kind() {
        HirKind::Capture(c) => one_of(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => one_of(&r.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(one_of)
            .max_by_key(|set| (shortest(set), std::cmp::Reverse(set.len()))),
        HirKind::Alternation(alts) => union(alts, one_of),
        HirKind::Empty
        | HirKind::Literal(_)
        | HirKind::Class(_)
        | HirKind::Look(_)
        | HirKind::Repetition(_) => None,
    }
}

/// The sets `each` gives the alternatives, together; `None` when one has none or there
/// are more than [`MAX_EXACT_NAMES`] strings in all.
fn union(alts: &[Hir], each: fn(&Hir) -> Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let mut set = Vec::new();
    for a in alts {
        set.extend(each(a)?);
        if set.len() > MAX_EXACT_NAMES {
            return None;
        }
    }
    Some(set)
}

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty()
        && set.len() <= MAX_EXACT_NAMES
        && set.iter().all(|w| w.len() >= MIN_WORD_LEN && w.is_ascii())
}

/// `set` as words, without those that contain a shorter member; `None` when unusable.
fn normalize(mut set: Vec<Vec<u8>>) -> Option<Vec<String>> {
    if !usable(&set) {
        return None;
    }
    set.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for w in set {
        if !kept
            .iter()
            .any(|k| w.windows(k.len()).any(|win| win == k.as_slice()))
        {
            kept.push(w);
        }
    }
    let mut out: Vec<String> = kept
        .into_iter()
        .map(|w| String::from_utf8_lossy(&w).into_owned())
        .collect();
    out.sort();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{exact_names, required_words};

    fn names(re: &str) -> Option<Vec<String>> {
        exact_names(re).map(|v| {
            v.iter()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect()
        })
    }

    #[test]
    fn exact_names_of_anchored_alternations() {
        assert_eq!(
            names("^(query|execute|raw)$"),
            Some(vec!["execute".into(), "query".into(), "raw".into()])
        );
        assert_eq!(names("^exec$"), Some(vec!["exec".into()]));
        assert_eq!(
            names("^(exec|spawn)(Sync)?$"),
            Some(vec![
                "exec".into(),
                "execSync".into(),
                "spawn".into(),
                "spawnSync".into()
            ])
        );
        assert_eq!(
            names("^(run|\\$queryRawUnsafe)$"),
            Some(vec!["$queryRawUnsafe".into(), "run".into()]),
            "JavaScript names may hold `$`"
        );
        assert_eq!(names("^(exec)+$"), None, "unbounded repetition");
        assert_eq!(
            names("^(read|write)_(file|dir)$"),
            Some(vec![
                "read_dir".into(),
                "read_file".into(),
                "write_dir".into(),
                "write_file".into()
            ])
        );
    }

    #[test]
    fn open_or_inexact_regexes_give_no_names() {
        // Prefix match semantics: `^query` also admits `queryRaw`.
        assert_eq!(names("^(query|execute)"), None);
        assert_eq!(names("(query|execute)$"), None);
        assert_eq!(names("(?i)^(query)$"), None);
        assert_eq!(names("^[a-z]+$"), None);
        // Paths are anchored on their last name.
        assert_eq!(
            names("^(os\\.system|(std::)?str::from_utf8_unchecked)$"),
            Some(vec!["from_utf8_unchecked".into(), "system".into()])
        );
        assert_eq!(names("^(os\\.)$"), None, "an empty last name");
        assert_eq!(names("^(a-b)$"), None, "not a name");
    }

    fn words(re: &str) -> Vec<Vec<String>> {
        required_words(re)
    }

    #[test]
    fn required_words_of_exact_and_open_regexes() {
        assert_eq!(
            words("^(GET|POST|PUT|PATCH|DELETE)$"),
            vec![vec!["DELETE", "GET", "PATCH", "POST", "PUT"]]
        );
        // Prefix match, open end, names with parts around the alternation.
        assert_eq!(
            words(r"^([\w.]*\.)?_?([a-z0-9]+_)*(allowed|safe|permitted|within)(_[a-z0-9]+)*$"),
            vec![vec!["allowed", "permitted", "safe", "within"]]
        );
        // Two groups, each required; `id` is too short, so the second group goes.
        assert_eq!(
            words(r"^_?(validate|check)_([a-z]+_)*(path|id)$"),
            vec![vec!["check", "validate"]]
        );
        assert_eq!(
            words(r"^(exec|spawn)(Sync)?$"),
            vec![vec!["exec", "spawn"]],
            "a longer word containing a shorter one of its group is implied by it"
        );
        assert_eq!(
            words(r"^(req|request|_req|ctx\.request)$"),
            vec![vec!["req"]]
        );
        // A common prefix the parser factors out still gives whole words.
        assert_eq!(words("^(safe|same)$"), vec![vec!["safe", "same"]]);
        assert_eq!(words("(query|execute)"), vec![vec!["execute", "query"]]);
    }

    #[test]
    fn regexes_that_admit_text_without_a_word_give_none() {
        assert!(words("^[a-z]+$").is_empty());
        assert!(words("(?i)^.*chat").is_empty(), "case-insensitive");
        assert!(words("^(exec|x)$").is_empty(), "an alternative too short");
        assert!(words("^(exec)?$").is_empty(), "optional");
        assert!(words("^(exec)*run?$").is_empty(), "`ru` alone is too short");
        assert!(words("^(a|b").is_empty(), "does not parse");
        assert!(words("^(caf\u{e9})$").is_empty(), "not ASCII");
    }
}
