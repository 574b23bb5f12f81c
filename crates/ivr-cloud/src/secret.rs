//! [`Secret`]: a secret string that never shows itself.
//!
//! `Debug` and `Display` print `***`, so a secret cannot leak through a log
//! line, an error message or a `{:?}` of a struct that holds one. The value is
//! wiped from memory when dropped. Reading it takes an explicit
//! [`Secret::expose`]; the only other view is [`Secret::last4`], the hint the
//! app shows next to a stored secret.

use std::fmt;

use zeroize::Zeroize;

/// A secret (access key secret, session token, NXLink access secret).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// Shortest secret whose last 4 characters are shown as a hint: for shorter
/// ones the hint would give away too much of it.
pub const MIN_LEN_FOR_HINT: usize = 8;

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Call only where it is used: signing, the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last 4 characters, for "a secret is stored (…abcd)". `None` when the
    /// secret is shorter than [`MIN_LEN_FOR_HINT`].
    pub fn last4(&self) -> Option<String> {
        let n = self.len();
        (n >= MIN_LEN_FOR_HINT).then(|| self.0.chars().skip(n - 4).collect())
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let s = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "***");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            secret: Secret,
        }
        let shown = format!("{:?}", Holder { secret: s.clone() });
        assert!(!shown.contains("EXAMPLEKEY"), "{shown}");
        assert_eq!(s.expose(), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    }

    #[test]
    fn last4_only_for_long_enough_secrets() {
        assert_eq!(
            Secret::new("sandbox-secret").last4().as_deref(),
            Some("cret")
        );
        assert_eq!(Secret::new("1234567").last4(), None);
        assert_eq!(Secret::new("12345678").last4().as_deref(), Some("5678"));
        // Characters, not bytes.
        assert_eq!(
            Secret::new("秘密秘密秘密秘密").last4().as_deref(),
            Some("秘密秘密")
        );
        assert_eq!(Secret::new("秘密秘密秘密秘密").len(), 8);
    }
}
