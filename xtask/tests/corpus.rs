//! xtask's port of `make_corpus.sh` uses exactly the script's pins.

use xtask::corpus::{self, script_array};

fn pairs(items: &[String], sep: &str) -> Vec<(String, String)> {
    items
        .iter()
        .map(|s| {
            let (n, v) = s.rsplit_once(sep).unwrap_or((s, ""));
            (n.to_string(), v.to_string())
        })
        .collect()
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect()
}

#[test]
fn port_pins_match_the_shared_script() {
    let Some(script) = corpus::shared_script(&xtask::workspace_root()) else {
        eprintln!("../shared/tools/make_corpus.sh not present; nothing to compare");
        return;
    };
    let text = std::fs::read_to_string(script).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        pairs(&script_array(&text, "PY_PKGS"), "=="),
        owned(corpus::PY_PKGS)
    );
    assert_eq!(
        pairs(&script_array(&text, "JS_PKGS"), "@"),
        owned(corpus::JS_PKGS)
    );
    assert_eq!(
        pairs(&script_array(&text, "RS_CRATES"), "="),
        owned(corpus::RS_CRATES)
    );
    assert_eq!(script_array(&text, "MID_PY"), corpus::MID_PY);
    assert_eq!(script_array(&text, "MID_JS"), corpus::MID_JS);
    assert_eq!(script_array(&text, "MID_RS"), corpus::MID_RS);
}
