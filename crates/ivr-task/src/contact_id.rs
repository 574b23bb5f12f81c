//! Contact ids derived for contacts that have none: a hash of the task's
//! `userTaskId` and the contact's E.164 number, so the same task sent again
//! gives every contact the same id, and NXLink, which keeps contact ids
//! unique, never calls a contact twice because a send was repeated.
//!
//! The second and later rows with the same number (a duplicate, which the
//! checks warn about) add how many rows before had that number, so each row
//! keeps an id of its own and stays stable as long as the file's order does.

use std::fmt::Write;

use sha2::{Digest, Sha256};

/// The prefix every derived id starts with.
pub const PREFIX: &str = "ivr-";

/// The id of the `occurrence`-th (from 0) contact with number `e164` in the
/// task `user_task_id`: `ivr-` and 32 hex digits (128 bits of SHA-256).
pub fn derive(user_task_id: &str, e164: &str, occurrence: usize) -> String {
    let mut hash = Sha256::new();
    hash.update(user_task_id.as_bytes());
    hash.update([0]);
    hash.update(e164.as_bytes());
    if occurrence > 0 {
        hash.update([0]);
        hash.update(occurrence.to_string().as_bytes());
    }
    let digest = hash.finalize();
    let mut id = String::with_capacity(PREFIX.len() + 32);
    id.push_str(PREFIX);
    for byte in &digest[..16] {
        // Writing to a String cannot fail.
        let _ = write!(id, "{byte:02x}");
    }
    id
}
