fn f() {
    // ruleid: conf-rust-method-chains
    let c = reqwest::Client::builder().danger_accept_invalid_certs(true).build();
    // ok: conf-rust-method-chains
    let d = reqwest::Client::builder().danger_accept_invalid_certs(false).build();
}
