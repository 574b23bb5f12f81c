//! ivr-flow's tests, one binary (`cargo test -p ivr-flow --test all`; one
//! module: `cargo test -p ivr-flow --test all corpus::`). The proptest cases
//! saved from past failures are in `tests/proptest-regressions/`, one file
//! per module.

mod aliyun_ccc2017;
mod aliyun_ccc2020;
mod connect_laws;
mod connect_roundtrip;
mod corpus;
mod diff;
mod file_format;
mod render;
mod sim;
mod support;
mod validate_props;
mod validate_rules;
mod validate_targets;
