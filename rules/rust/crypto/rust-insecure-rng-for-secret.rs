use rand::{distributions::Alphanumeric, rngs::OsRng, rngs::SmallRng, rngs::StdRng, Rng, RngCore, SeedableRng};

pub fn new_session_id() -> String {
    // ruleid: rust-insecure-rng-for-secret
    let session_id: String = std::iter::repeat_with(fastrand::alphanumeric).take(32).collect();
    session_id
}

pub fn password_reset_code() -> u32 {
    // ruleid: rust-insecure-rng-for-secret
    let reset_code = fastrand::u32(100_000..1_000_000);
    reset_code
}

pub fn new_api_key() -> String {
    let mut rng = SmallRng::from_entropy();
    // ruleid: rust-insecure-rng-for-secret
    let api_key: String = (0..40).map(|_| rng.sample(Alphanumeric) as char).collect();
    api_key
}

pub fn new_salt() -> [u8; 16] {
    let mut rng = StdRng::seed_from_u64(42);
    let mut salt = [0u8; 16];
    // ruleid: rust-insecure-rng-for-secret
    rng.fill_bytes(&mut salt);
    salt
}

pub fn new_session_id_safe() -> String {
    // ok: rust-insecure-rng-for-secret
    let session_id: String = OsRng.sample_iter(&Alphanumeric).take(32).map(char::from).collect();
    session_id
}

pub fn new_salt_safe() -> [u8; 16] {
    let mut rng = StdRng::from_entropy();
    let mut salt = [0u8; 16];
    // ok: rust-insecure-rng-for-secret
    rng.fill_bytes(&mut salt);
    salt
}

pub fn retry_delay_ms() -> u64 {
    // ok: rust-insecure-rng-for-secret
    let jitter = fastrand::u64(0..250);
    500 + jitter
}

pub fn shuffle_playlist(tracks: &mut Vec<String>) {
    let mut rng = SmallRng::seed_from_u64(7);
    // ok: rust-insecure-rng-for-secret
    let pick = rng.gen_range(0..tracks.len());
    tracks.swap(0, pick);
}
