//! Supply-chain checks: which packages a project depends on (imports in code and manifest
//! entries), which of those names are not real or are near-misses of popular packages
//! (an offline index of PyPI and npm names shipped with mamori), and, on request, what the
//! live registries say about them.

pub mod index;
pub mod names;
