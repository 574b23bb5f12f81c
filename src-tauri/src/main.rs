//! The `ivr-studio` binary: opens the IVR Studio window.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    match ivr_studio::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ivr-studio: {error}");
            ExitCode::FAILURE
        }
    }
}
