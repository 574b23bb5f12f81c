//! What the tests share, one module for the crate: [`ccc`] and [`connect`]
//! for the dialect tests (fixtures, JSON compared as each provider does,
//! generated flows and documents), [`validate`] for the rule tests (flows
//! built block by block, the problems they find).

pub mod ccc;
pub mod connect;
pub mod validate;
