//! Near-miss detection between a package name and the most popular names of its registry:
//! separator confusion (`-`/`_`/`.`), scope confusion (`@scope/name` vs `scope-name`),
//! look-alike characters and small edit distances.

use crate::index::{Ecosystem, Index, Known};
use crate::names::pep503;

/// Why a name looks like another one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NearMiss {
    pub popular: &'static str,
    pub reason: &'static str,
}

/// Restricted Damerau–Levenshtein distance (adjacent transpositions), with an early exit
/// above `max`.
#[must_use]
pub fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, slot) in d.iter_mut().enumerate().take(b.len() + 1) {
        *slot = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return max + 1;
        }
    }
    d[a.len() * w + b.len()]
}

fn collapse(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn deglyph(s: &str) -> String {
    let s = collapse(s)
        .replace("rn", "m")
        .replace("vv", "w")
        .replace("cl", "d");
    s.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | 'i' | '|' => 'l',
            '3' => 'e',
            '5' => 's',
            '$' => 's',
            _ => c,
        })
        .collect()
}

/// The flattened forms of a scoped npm name: `@babel/core` → `babel-core`, `babelcore`.
fn unscoped_forms(s: &str) -> Option<(String, String)> {
    let rest = s.strip_prefix('@')?;
    let (scope, name) = rest.split_once('/')?;
    Some((format!("{scope}-{name}"), format!("{scope}{name}")))
}

/// Compares `name` with one popular name.
fn compare(name: &str, popular: &str) -> Option<&'static str> {
    if name == popular {
        return None;
    }
    if collapse(name) == collapse(popular) {
        return Some("differs only in separators");
    }
    if let Some((dash, joined)) = unscoped_forms(popular)
        && (name == dash || collapse(name) == joined)
    {
        return Some("unscoped copy of a scoped package");
    }
    if let (Some((a, _)), Some((b, _))) = (unscoped_forms(name), unscoped_forms(popular))
        && a == b
    {
        return Some("differs only in scope");
    }
    // One npm scope belongs to one owner: `@eslint/json` cannot squat `@eslint/js`.
    let scope = |s: &str| {
        s.strip_prefix('@')
            .and_then(|r| r.split_once('/'))
            .map(|(sc, _)| sc.to_string())
    };
    if scope(name).is_some() && scope(name) == scope(popular) {
        return None;
    }
    // `httpx2`, `jinja2`, `requests3`: a version digit at the end names a successor or a
    // sibling project, not a slip of the keyboard.
    let strip_digits = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
    if strip_digits(name) == strip_digits(popular) {
        return None;
    }
    if deglyph(name) == deglyph(popular) {
        return Some("look-alike characters");
    }
    let len = popular.chars().count();
    let max = if len >= 8 {
        2
    } else if len >= 5 {
        1
    } else {
        0
    };
    if max == 0 {
        return None;
    }
    let d = distance(name, popular, max);
    if d > max {
        return None;
    }
    // A different first letter (`cymysql`/`pymysql`, `tslint-…`/`eslint-…`) is a different
    // word more often than a slip of the keyboard.
    if d == 1 && name.chars().next() != popular.chars().next() && name.get(1..) == popular.get(1..)
    {
        return None;
    }
    // A plural or a trailing version digit of a popular name is usually its own project
    // family (`requests`/`request` are both popular); keep single-edit suffix additions only
    // for longer names.
    Some(if d == 1 {
        "one character away"
    } else {
        "two characters away"
    })
}

/// The popular package `name` is a near miss of, when `name` itself is much less popular:
/// PyPI — `name` outside the 15,000 most downloaded and the other among the top 5,000;
/// npm — the other among the 5,000 most downloaded with at least 100× the downloads.
#[must_use]
pub fn near_miss(index: &Index, eco: Ecosystem, name: &str, known: Known) -> Option<NearMiss> {
    let (name, limit): (String, u64) = match (eco, known) {
        (Ecosystem::PyPI, Known::Yes { rank: Some(_), .. }) => return None,
        (Ecosystem::PyPI, _) => (pep503(name), 0),
        (Ecosystem::Npm, Known::Yes { downloads, .. }) => {
            let d = downloads.unwrap_or(0);
            // Packages with tens of thousands of monthly downloads are established in their
            // own right.
            if d >= 50_000 {
                return None;
            }
            (name.to_string(), d.saturating_mul(100))
        }
        (Ecosystem::Npm, _) => (name.to_string(), 0),
        (Ecosystem::Crates, _) => return None,
    };
    for (popular, value) in index.top(eco) {
        match eco {
            Ecosystem::PyPI if *value > 5000 => break,
            Ecosystem::Npm if *value < limit.max(1) => break,
            _ => {}
        }
        if popular.len().abs_diff(name.len()) > 8 {
            continue;
        }
        if let Some(reason) = compare(&name, popular) {
            return Some(NearMiss { popular, reason });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index;

    #[test]
    fn distances() {
        assert_eq!(distance("requests", "reqeusts", 2), 1);
        assert_eq!(distance("requests", "requets", 2), 1);
        assert_eq!(distance("abc", "xyz", 1), 2);
        assert_eq!(distance("lodash", "lodash", 1), 0);
    }

    #[test]
    fn near_misses() {
        assert_eq!(
            compare("python_dateutil", "python-dateutil"),
            Some("differs only in separators")
        );
        assert_eq!(
            compare("babel-core", "@babel/core"),
            Some("unscoped copy of a scoped package")
        );
        assert_eq!(
            compare("rnatplotlib", "matplotlib"),
            Some("look-alike characters")
        );
        assert_eq!(compare("reqeusts", "requests"), Some("one character away"));
        assert_eq!(
            compare("vue", "vuex"),
            None,
            "short names need exact look-alikes"
        );
    }

    #[test]
    fn against_the_index() {
        let ix = index();
        let hit = near_miss(ix, Ecosystem::PyPI, "reqeusts", Known::No).expect("near miss");
        assert_eq!(hit.popular, "requests");
        assert!(
            near_miss(
                ix,
                Ecosystem::PyPI,
                "requests",
                ix.lookup(Ecosystem::PyPI, "requests")
            )
            .is_none()
        );
        let e = ix.lookup(Ecosystem::Npm, "expresss");
        let hit = near_miss(ix, Ecosystem::Npm, "expresss", e);
        assert_eq!(hit.map(|h| h.popular), Some("express"));
    }
}
