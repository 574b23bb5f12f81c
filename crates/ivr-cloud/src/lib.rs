//! Cloud providers: request signing, typed clients, profiles and the credential store.
