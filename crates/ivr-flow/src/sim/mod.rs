//! The call simulator: walks a flow as a call would, deterministically and
//! offline. Prompts are heard with their variables filled in, keys pressed,
//! digits collected, timeouts taken, branches evaluated; the outside world (a
//! function's result, a queue that is full, hours, the clock) comes from a
//! [`Scenario`]. Every step is an [`Event`], so the app's Simulate panel and
//! `ivr test` share one trace. Saved test cases ([`cases`]) replay a call and
//! check what happened; [`coverage`] says which exits a suite never took.
//!
//! ```
//! use std::sync::Arc;
//! use ivr_flow::sim::{Compiled, Input, Scenario, Session, State};
//!
//! let flow = Arc::new(Compiled::new(ivr_flow::starter_flow()));
//! let mut call = Session::start(flow, Scenario::default(), Default::default());
//! if let State::Waiting { .. } = call.state() {
//!     call.input(Input::Press { keys: "1".into() }).unwrap();
//! }
//! assert!(!call.events().is_empty());
//! ```

pub mod cases;
mod compiled;
pub mod coverage;
mod events;
mod hours;
mod scenario;
mod session;
mod transcript;
mod values;

pub use compiled::Compiled;
pub use events::{Awaiting, Event, Outcome, TransferTo};
pub use hours::{Clock, Hours, HoursState, Schedule, Span};
pub use scenario::{Mock, Scenario};
pub use session::{Input, InputError, STEP_BUDGET, Session, State};
pub use transcript::transcript;
pub use values::{Vars, compare, fill, key_of, speech};
