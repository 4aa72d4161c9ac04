//! Secret detectors (work in progress).
