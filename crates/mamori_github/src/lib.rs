//! mamori's CI integration: `git` for diff-aware scans ([`git`], [`diff`]), and pull-request
//! reviews through the GitHub REST API ([`api`], [`review`]).
//!
//! Invariant: never prints and never reads the environment; the CLI passes tokens, paths
//! and the pull request in, and shows what comes back.

pub mod api;
pub mod diff;
pub mod git;
pub mod review;
