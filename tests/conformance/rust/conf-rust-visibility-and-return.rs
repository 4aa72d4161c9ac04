pub fn a(x: u8) -> u8 {
    // ruleid: conf-rust-visibility-and-return
    unsafe_op(x)
}
pub(crate) async fn b(x: u8) {
    // ruleid: conf-rust-visibility-and-return
    unsafe_op(x);
}
const C: u8 = {
    // ok: conf-rust-visibility-and-return
    unsafe_op(1)
};
