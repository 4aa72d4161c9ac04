//! The offline registry index shipped with mamori (`data/index/`, built by
//! `src/bin/build-index.rs` from the registry-name snapshots):
//!
//! - `pypi.names`: every PyPI project name at the snapshot date;
//! - `npm.names`: the npm packages with at least ~480 downloads a month at the snapshot
//!   date, each with its monthly downloads rounded to a power of two;
//! - `pypi-ranked.tsv`: the 15,000 most downloaded PyPI projects with their rank;
//! - `npm-top.tsv`: the 5,000 most downloaded npm packages with their monthly downloads;
//! - `SNAPSHOT`: snapshot month and name count per registry.
//!
//! A `.names` file is a sorted set of 32-bit hashes of the names (PEP 503-normalized for
//! PyPI), gap-encoded with Golomb–Rice codes: about 14–16 bits a name instead of the ~66 an
//! `fst` set of these very diverse names takes (7.3 MB for PyPI alone). A name that is not
//! in the registry collides with a listed one with probability `count / 2^32` (≈ 0.02 % for
//! PyPI): a hallucinated name is then missed, never a real one flagged.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::names::pep503;

static PYPI_NAMES: &[u8] = include_bytes!("../data/index/pypi.names");
static NPM_NAMES: &[u8] = include_bytes!("../data/index/npm.names");
static PYPI_RANKED: &str = include_str!("../data/index/pypi-ranked.tsv");
static NPM_TOP: &str = include_str!("../data/index/npm-top.tsv");
static SNAPSHOT: &str = include_str!("../data/index/SNAPSHOT");

const MAGIC: &[u8; 8] = b"MMRNAME1";

/// A registry mamori knows about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ecosystem {
    PyPI,
    Npm,
    Crates,
}

impl Ecosystem {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => "crates.io",
        }
    }
}

/// What the index says about a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// In the snapshot. `rank`: PyPI download rank (1 = most downloaded) when among the
    /// 15,000 most downloaded. `downloads`: npm monthly downloads (upper bound of its
    /// power-of-two bucket).
    Yes {
        rank: Option<u32>,
        downloads: Option<u64>,
    },
    /// Not in the snapshot.
    No,
    /// This registry has no offline data (crates.io, or a corrupt embedded file).
    NoData,
}

/// The stable 32-bit hash used by the `.names` files: FNV-1a 64 with a splitmix64 finish,
/// high half.
#[must_use]
pub fn name_hash(name: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    u32::try_from(h >> 32).unwrap_or(u32::MAX)
}

/// A decoded `.names` file: sorted hashes and, for npm, a value per hash.
#[derive(Debug, Default)]
pub struct NameSet {
    hashes: Vec<u32>,
    values: Vec<u8>,
}

impl NameSet {
    #[must_use]
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// `Some(value)` (0 when the file has no values) when `name` is in the set.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<u8> {
        let i = self.hashes.binary_search(&name_hash(name)).ok()?;
        Some(self.values.get(i).copied().unwrap_or(0))
    }

    /// Encodes `(name, value)` pairs (names already normalized). Values are kept only when
    /// `with_values`. Duplicate hashes keep the largest value.
    #[must_use]
    pub fn encode(names: &[(String, u8)], with_values: bool) -> Vec<u8> {
        let mut pairs: Vec<(u32, u8)> = names.iter().map(|(n, v)| (name_hash(n), *v)).collect();
        pairs.sort_unstable();
        let mut dedup: Vec<(u32, u8)> = Vec::with_capacity(pairs.len());
        for (h, v) in pairs {
            match dedup.last_mut() {
                Some(last) if last.0 == h => last.1 = last.1.max(v),
                _ => dedup.push((h, v)),
            }
        }
        let n = dedup.len() as u64;
        let mean = (1u64 << 32).checked_div(n).unwrap_or(1);
        let k = (63 - mean.max(1).leading_zeros()).saturating_sub(1).min(31);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
        out.push(u8::try_from(k).unwrap_or(0));
        out.push(u8::from(with_values));
        let mut w = BitWriter::default();
        let mut prev = 0u32;
        for (h, _) in &dedup {
            let gap = h - prev;
            prev = *h;
            let q = gap >> k;
            for _ in 0..q {
                w.bit(true);
            }
            w.bit(false);
            w.bits(gap, k);
        }
        out.extend_from_slice(&w.finish());
        if with_values {
            out.extend(dedup.iter().map(|(_, v)| *v));
        }
        out
    }

    /// Decodes a `.names` file; `None` when it is malformed.
    #[must_use]
    pub fn decode(bytes: &[u8]) -> Option<NameSet> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let n = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let k = u32::from(*rest.get(4)?);
        let with_values = *rest.get(5)? != 0;
        let body = rest.get(6..)?;
        if k > 31 {
            return None;
        }
        let mut hashes = Vec::with_capacity(n);
        let mut r = BitReader {
            data: body,
            next: 0,
            buf: 0,
            n: 0,
            consumed: 0,
        };
        let mut prev = 0u32;
        for _ in 0..n {
            let q = r.unary()?;
            let low = r.bits(k)?;
            let gap = (q.checked_shl(k)?) | low;
            prev = prev.checked_add(gap)?;
            hashes.push(prev);
        }
        let used = r.consumed.div_ceil(8);
        let values = if with_values {
            body.get(used..used + n)?.to_vec()
        } else {
            Vec::new()
        };
        Some(NameSet { hashes, values })
    }
}

#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    cur: u8,
    used: u32,
}

impl BitWriter {
    fn bit(&mut self, b: bool) {
        if b {
            self.cur |= 1 << self.used;
        }
        self.used += 1;
        if self.used == 8 {
            self.out.push(self.cur);
            self.cur = 0;
            self.used = 0;
        }
    }

    fn bits(&mut self, v: u32, k: u32) {
        for i in 0..k {
            self.bit((v >> i) & 1 == 1);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.out.push(self.cur);
        }
        self.out
    }
}

/// Reads the LSB-first bit stream [`BitWriter`] writes, 64 bits at a time.
struct BitReader<'a> {
    data: &'a [u8],
    /// Next byte to load.
    next: usize,
    buf: u64,
    /// Valid bits in `buf`.
    n: u32,
    /// Bits consumed so far.
    consumed: usize,
}

impl BitReader<'_> {
    fn refill(&mut self) {
        while self.n <= 56 {
            let Some(b) = self.data.get(self.next) else {
                return;
            };
            self.buf |= u64::from(*b) << self.n;
            self.n += 8;
            self.next += 1;
        }
    }

    fn drop_bits(&mut self, k: u32) {
        self.buf = if k >= 64 { 0 } else { self.buf >> k };
        self.n -= k;
        self.consumed += k as usize;
    }

    /// A unary count: the number of 1 bits before the next 0 (which is consumed).
    fn unary(&mut self) -> Option<u32> {
        let mut q = 0u32;
        loop {
            self.refill();
            if self.n == 0 {
                return None;
            }
            let ones = (!self.buf).trailing_zeros().min(self.n);
            if ones < self.n {
                q += ones;
                self.drop_bits(ones + 1);
                return Some(q);
            }
            q += self.n;
            let all = self.n;
            self.drop_bits(all);
        }
    }

    fn bits(&mut self, k: u32) -> Option<u32> {
        if k == 0 {
            return Some(0);
        }
        self.refill();
        if self.n < k {
            return None;
        }
        let v = u32::try_from(self.buf & ((1u64 << k) - 1)).ok()?;
        self.drop_bits(k);
        Some(v)
    }
}

/// npm downloads are stored as `ceil(log2(downloads))` in a byte.
#[must_use]
pub fn downloads_bucket(downloads: u64) -> u8 {
    u8::try_from(64 - downloads.leading_zeros()).unwrap_or(u8::MAX)
}

/// The upper bound of a bucket (so popularity comparisons never overstate a gap).
fn bucket_downloads(bucket: u8) -> Option<u64> {
    (bucket > 0).then(|| (1u64 << u32::from(bucket).min(62)) - 1)
}

/// The embedded index, decoded on first use.
pub struct Index {
    pypi: Option<NameSet>,
    npm: Option<NameSet>,
    pypi_ranked: Vec<(&'static str, u64)>,
    pypi_rank: HashMap<&'static str, u32>,
    npm_top: Vec<(&'static str, u64)>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("pypi", &self.len(Ecosystem::PyPI))
            .field("npm", &self.len(Ecosystem::Npm))
            .finish_non_exhaustive()
    }
}

/// The shared index, decoded on first use (a few milliseconds).
#[must_use]
pub fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(Index::embedded)
}

fn parse_tsv(data: &'static str) -> Vec<(&'static str, u64)> {
    data.lines()
        .filter_map(|l| {
            let (n, v) = l.split_once('\t')?;
            Some((n, v.trim().parse().ok()?))
        })
        .collect()
}

impl Index {
    /// The index embedded in this build. A corrupt embedded file (the tests check them)
    /// degrades to "no offline data" for that registry.
    #[must_use]
    pub fn embedded() -> Self {
        let pypi_ranked = parse_tsv(PYPI_RANKED);
        let pypi_rank = pypi_ranked
            .iter()
            .map(|(n, r)| (*n, u32::try_from(*r).unwrap_or(u32::MAX)))
            .collect();
        Self {
            pypi: NameSet::decode(PYPI_NAMES).filter(|s| !s.is_empty()),
            npm: NameSet::decode(NPM_NAMES).filter(|s| !s.is_empty()),
            pypi_ranked,
            pypi_rank,
            npm_top: parse_tsv(NPM_TOP),
        }
    }

    /// Snapshot month of a registry's data (`2026-11`), if it has any.
    #[must_use]
    pub fn snapshot(eco: Ecosystem) -> Option<&'static str> {
        let key = match eco {
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Crates => return None,
        };
        SNAPSHOT.lines().find_map(|l| {
            let mut parts = l.split('\t');
            (parts.next() == Some(key)).then(|| parts.next()).flatten()
        })
    }

    /// Number of names held for a registry.
    #[must_use]
    pub fn len(&self, eco: Ecosystem) -> usize {
        match eco {
            Ecosystem::PyPI => self.pypi.as_ref().map_or(0, NameSet::len),
            Ecosystem::Npm => self.npm.as_ref().map_or(0, NameSet::len),
            Ecosystem::Crates => 0,
        }
    }

    /// Looks `name` up (PyPI names are PEP 503-normalized first).
    #[must_use]
    pub fn lookup(&self, eco: Ecosystem, name: &str) -> Known {
        match eco {
            Ecosystem::PyPI => {
                let Some(set) = &self.pypi else {
                    return Known::NoData;
                };
                let n = pep503(name);
                if set.get(&n).is_none() {
                    return Known::No;
                }
                Known::Yes {
                    rank: self.pypi_rank.get(n.as_str()).copied(),
                    downloads: None,
                }
            }
            Ecosystem::Npm => {
                let Some(set) = &self.npm else {
                    return Known::NoData;
                };
                match set
                    .get(name)
                    .or_else(|| set.get(&name.to_ascii_lowercase()))
                {
                    Some(b) => Known::Yes {
                        rank: None,
                        downloads: bucket_downloads(b),
                    },
                    None => Known::No,
                }
            }
            Ecosystem::Crates => Known::NoData,
        }
    }

    /// The most popular names, most popular first: `(name, rank)` for PyPI (the top
    /// 15,000), `(name, monthly downloads)` for npm (the top 5,000).
    #[must_use]
    pub fn top(&self, eco: Ecosystem) -> &[(&'static str, u64)] {
        match eco {
            Ecosystem::PyPI => &self.pypi_ranked,
            Ecosystem::Npm => &self.npm_top,
            Ecosystem::Crates => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let names: Vec<(String, u8)> = (0..5000)
            .map(|i| (format!("pkg-{i}"), (i % 7) as u8))
            .collect();
        for with_values in [false, true] {
            let bytes = NameSet::encode(&names, with_values);
            let set = NameSet::decode(&bytes).expect("decodes");
            assert_eq!(set.len(), 5000);
            assert_eq!(set.get("pkg-12"), Some(if with_values { 5 } else { 0 }));
            assert_eq!(set.get("pkg-x"), None);
        }
        assert!(NameSet::decode(b"garbage").is_none());
        let empty = NameSet::decode(&NameSet::encode(&[], false)).expect("decodes");
        assert!(empty.is_empty());
    }

    #[test]
    fn embedded_index() {
        let ix = index();
        assert!(ix.len(Ecosystem::PyPI) > 800_000);
        assert!(ix.len(Ecosystem::Npm) > 200_000);
        assert_eq!(Index::snapshot(Ecosystem::PyPI), Some("2026-11"));
        assert!(matches!(
            ix.lookup(Ecosystem::PyPI, "Requests"),
            Known::Yes { rank: Some(r), .. } if r < 100
        ));
        assert!(matches!(
            ix.lookup(Ecosystem::PyPI, "ruamel_yaml"),
            Known::Yes { .. }
        ));
        assert_eq!(
            ix.lookup(Ecosystem::PyPI, "surely-not-a-real-package-name-xq"),
            Known::No
        );
        assert!(matches!(
            ix.lookup(Ecosystem::Npm, "express"),
            Known::Yes { downloads: Some(d), .. } if d > 1_000_000
        ));
        assert_eq!(
            ix.lookup(Ecosystem::Npm, "express-surely-not-real-xq"),
            Known::No
        );
        assert_eq!(ix.lookup(Ecosystem::Crates, "serde"), Known::NoData);
        assert_eq!(ix.top(Ecosystem::PyPI).first().map(|x| x.1), Some(1));
    }
}

#[cfg(test)]
mod timing {
    /// `cargo test --release -p mamori_supply -- --ignored --nocapture index_load_time`
    #[test]
    #[ignore = "timing, not a check"]
    #[allow(clippy::print_stderr)]
    fn index_load_time() {
        let t = std::time::Instant::now();
        let ix = super::Index::embedded();
        let load = t.elapsed();
        let t = std::time::Instant::now();
        let mut hits = 0;
        for i in 0..100_000 {
            if ix.lookup(super::Ecosystem::PyPI, &format!("pkg-{i}")) != super::Known::No {
                hits += 1;
            }
        }
        eprintln!(
            "index decode: {load:?}; 100k PyPI lookups: {:?} ({hits} hits)",
            t.elapsed()
        );
    }
}
