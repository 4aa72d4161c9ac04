#!/usr/bin/env bash
# Fuzz smoke run for CI (issue 9): every fuzz target runs its committed seed corpus, then
# mutated inputs, for SECONDS in total (default 60), on stable Rust and without libFuzzer.
# A panic, or an input slower than 10 s, fails the run; the input is saved under
# fuzz/artifacts/<target>/. A crash that kills the process (stack overflow) leaves its
# input in fuzz/artifacts/<target>/current.
#
#   fuzz/smoke.sh            # 60 s
#   fuzz/smoke.sh 300        # longer
#   FUZZ_SEED=42 fuzz/smoke.sh   # reproducible mutation sequence
#   FUZZ_PROFILE=dev CARGO_TARGET_DIR=$PWD/target fuzz/smoke.sh 40
#                            # CI: a debug build that reuses `cargo test`'s artifacts
#                            # (seconds to build instead of minutes; overflow checks on)
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
seed_args=()
if [ -n "${FUZZ_SEED:-}" ]; then
  seed_args=(--seed "$FUZZ_SEED")
fi
# Its own workspace: keep its build under the main target folder (ignored by git).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-../target/fuzz}"
# No --locked: the mamori crates it builds gain dependencies; fuzz/Cargo.lock is a base.
profile="${FUZZ_PROFILE:-release}"
case "$profile" in
  dev) out_dir=debug ;;
  *) out_dir="$profile" ;;
esac
cargo build --profile "$profile" --bin fuzz_smoke
# Further arguments (e.g. `--target NAME`) go to fuzz_smoke.
exec "$CARGO_TARGET_DIR/$out_dir/fuzz_smoke" --seconds "$seconds" "${seed_args[@]}" "${@:2}"
