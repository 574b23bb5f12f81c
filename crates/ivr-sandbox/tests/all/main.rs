//! The sandbox's tests, one binary: each provider's API over real HTTP on
//! loopback (`cargo test -p ivr-sandbox --test all`; one module:
//! `cargo test -p ivr-sandbox --test all ccc_wire::`).

mod ccc_wire;
mod connect_wire;
mod nxlink_wire;
mod support;
