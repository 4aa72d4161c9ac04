//! tree-sitter's memory comes from mimalloc, not the C library's `malloc`.
//!
//! A parse allocates a subtree per node and the parse stack's links, and dropping the tree
//! frees them all again: on the benchmark's full tier, glibc's `malloc`/`free` (with its
//! fast-bin consolidation) were ~12 % of a scan's CPU samples, nearly all of them
//! tree-sitter's. mimalloc's per-thread, per-size free lists serve that pattern in a
//! fraction of the time (full tier, 2 threads: ~15 % less CPU; see
//! `docs/performance.md`). The rest of mamori keeps the default allocator: moving it too
//! gained little and raised the peak memory.
//!
//! mimalloc keeps freed pages for a while before returning them to the system (1 s by
//! default); a scan frees a tree per file, so the delay is shortened to keep the peak
//! memory of a scan where it was.

use std::sync::Once;

/// mimalloc's `mi_option_purge_delay` (its index in `mi_option_e`, `mimalloc.h`, the same
/// in mimalloc 2 and 3; `libmimalloc-sys` does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds mimalloc waits before returning freed memory to the system. On the full
/// tier (`-j 2`): the default 1,000 ms peaked at ~176 MB, 50-100 ms at ~158 MB with the
/// same CPU time, 10 ms at ~160 MB with twice the system time, 0 at ~153 MB with three
/// times the system time.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Points tree-sitter at mimalloc, once per process, before any tree-sitter object exists
/// (every parser is made by [`crate::parse`], which calls this first).
pub(crate) fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[allow(unsafe_code)]
        // SAFETY: the four functions are one allocator family (mimalloc), never return
        // null for non-zero sizes unless out of memory (as `malloc`), and align as
        // `malloc` does. `Once` runs this on one thread, and before it returns no
        // tree-sitter object exists: parsers (and so trees) are only made by
        // `crate::parse` after this call, and mamori makes no other tree-sitter object
        // that allocates (no queries, no lookahead iterators; grammars are static).
        // `mi_option_set` only stores an option.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
            tree_sitter::set_allocator(Some(tree_sitter::Allocator {
                malloc: libmimalloc_sys::mi_malloc,
                calloc: libmimalloc_sys::mi_calloc,
                realloc: libmimalloc_sys::mi_realloc,
                free: libmimalloc_sys::mi_free,
            }));
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn trees_are_made_and_freed_with_the_installed_allocator() {
        super::install();
        // A second install is a no-op; parsing, copying, editing and dropping trees on
        // several threads all go through one allocator.
        super::install();
        let handles: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    for j in 0..50 {
                        let src = format!("def f{i}_{j}(a):\n    return [a, {j}] + g(a)\n");
                        let tree = crate::parse(crate::Language::Python, src.as_bytes(), None)
                            .expect("parses");
                        let copy = tree.clone();
                        assert_eq!(copy.root_node().to_sexp(), tree.root_node().to_sexp());
                        drop(tree);
                        assert_eq!(copy.root_node().kind(), "module");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread ran");
        }
        // The option index names the purge delay: mimalloc reads back what was set.
        #[allow(unsafe_code)]
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, super::PURGE_DELAY_MS);
    }
}
