//! The `ivr` command.
fn main() {}
