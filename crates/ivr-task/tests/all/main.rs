//! ivr-task's tests, one binary: the task file, the call-list reader, every
//! check, the wire bodies.

mod checks;
mod csv_read;
mod file_format;
mod props;
mod support;
mod wire;
