//! Flow files on disk: size-limited reads, atomic writes, autosave.
