async fn f(name: &str) {
    // ruleid: conf-rust-macro-token-trees
    sqlx::query(&format!("SELECT * FROM t WHERE n = '{}'", name));
    // ok: conf-rust-macro-token-trees
    sqlx::query("SELECT * FROM t WHERE n = $1");
}
