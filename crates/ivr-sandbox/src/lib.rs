//! The local cloud: the providers' flow APIs on loopback, with real signature checks.
