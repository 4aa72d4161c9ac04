//! Checks `mamori_text::github` against the expected `primaryLocationLineHash` values in
//! `tests/data/github-fingerprint-vectors.json` (GitHub's published vectors plus our own).

use mamori_text::github::{line_hash, line_hashes};
use serde_json::Value;

const VECTORS: &str = include_str!("data/github-fingerprint-vectors.json");

fn vectors() -> Vec<(String, Vec<String>)> {
    let doc: Value = serde_json::from_str(VECTORS).expect("vectors file is JSON");
    let list = doc["vectors"].as_array().expect("`vectors` is an array");
    list.iter()
        .map(|v| {
            let input = v["input"].as_str().expect("`input` is a string").to_owned();
            let hashes = v["line_hashes"]
                .as_array()
                .expect("`line_hashes` is an array")
                .iter()
                .map(|h| h.as_str().expect("hash is a string").to_owned())
                .collect();
            (input, hashes)
        })
        .collect()
}

#[test]
fn every_vector_matches() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 9, "expected all nine vectors");
    let mut failures = Vec::new();
    for (i, (input, expected)) in vectors.iter().enumerate() {
        let got = line_hashes(input.as_bytes());
        if &got != expected {
            failures.push(format!(
                "vector {i} ({input:?}):\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn single_line_lookup_matches_every_vector() {
    for (input, expected) in vectors() {
        for (i, hash) in expected.iter().enumerate() {
            assert_eq!(
                line_hash(input.as_bytes(), i + 1).as_ref(),
                Some(hash),
                "line {} of {input:?}",
                i + 1
            );
        }
        assert_eq!(line_hash(input.as_bytes(), expected.len() + 1), None);
    }
}
