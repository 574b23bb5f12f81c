//! Alibaba Cloud CCC (Cloud Call Center): its two contact-flow APIs, each
//! read and written by pure functions. [`v2020`] is API 2020-07-01 (a
//! Definition of activities), [`v2017`] the legacy API 2017-07-05 (Content +
//! Canvas); `shared.rs` holds what both versions name alike.

mod shared;
pub mod v2017;
pub mod v2020;
