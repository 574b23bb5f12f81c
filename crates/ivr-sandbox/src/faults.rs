//! Fault switches: make the next N calls (optionally of one Action, one
//! Connect operation such as `CreateContactFlow`, or one NXLink path such as
//! `task/create`) throttle,
//! fail with 500, wait, or lose their response after the action was done.
//!
//! Tests set them through the in-process [`Faults`] handle, or by POSTing
//! `{"kind": "throttle"|"fail"|"delay"|"drop", "count": N, "action": "...",
//! "delay_ms": D}` to `/__sandbox/faults` (DELETE clears them).

use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

/// What a fault does to a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Refuse with the provider's throttling error: CCC `Throttling.User`
    /// (400, `x-acs-retry-after`), Connect `ThrottlingException` (429),
    /// NXLink code 429 (HTTP 429, `retry-after`).
    Throttle,
    /// Refuse with a 500 (CCC `InternalError`, Connect
    /// `InternalServiceException`, NXLink code 500), without doing the action.
    Fail,
    /// Wait `delay_ms` before handling the call.
    Delay,
    /// Do the action, then close the connection without a response.
    Drop,
}

/// One switch: `kind` for the next `count` calls (of `action`, when given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub kind: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default)]
    pub delay_ms: u64,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// `kind` for the next `count` calls of any action.
    pub fn new(kind: FaultKind, count: u32) -> Self {
        Fault {
            kind,
            count,
            action: None,
            delay_ms: 0,
        }
    }

    /// Limits the fault to calls of `action` (e.g. `CreateContactFlow`).
    #[must_use]
    pub fn for_action(mut self, action: impl Into<String>) -> Self {
        self.action = Some(action.into());
        self
    }

    /// Sets the delay of a [`FaultKind::Delay`] fault.
    #[must_use]
    pub fn with_delay_ms(mut self, ms: u64) -> Self {
        self.delay_ms = ms;
        self
    }
}

/// What to do to one call, taken from the switches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub delay_ms: u64,
    pub throttle: bool,
    pub fail: bool,
    pub drop: bool,
}

/// The shared, cloneable set of switches.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    inner: Arc<Mutex<Vec<Fault>>>,
}

impl Faults {
    /// Adds a switch.
    pub fn push(&self, fault: Fault) {
        if fault.count > 0 {
            self.lock().push(fault);
        }
    }

    /// Removes every switch.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The switches still armed.
    pub fn pending(&self) -> Vec<Fault> {
        self.lock().clone()
    }

    /// Takes (counts down) the switches that apply to one call of `action`.
    pub fn take(&self, action: &str) -> Plan {
        let mut plan = Plan::default();
        let mut faults = self.lock();
        // Refusals first: a refused call is not performed, so a drop switch
        // is kept for a call that is.
        for pass_drops in [false, true] {
            for f in faults.iter_mut() {
                if f.action.as_deref().is_some_and(|a| a != action)
                    || (f.kind == FaultKind::Drop) != pass_drops
                {
                    continue;
                }
                let taken = match f.kind {
                    FaultKind::Delay if plan.delay_ms == 0 => {
                        plan.delay_ms = f.delay_ms;
                        true
                    }
                    FaultKind::Throttle if !plan.throttle && !plan.fail => {
                        plan.throttle = true;
                        true
                    }
                    FaultKind::Fail if !plan.throttle && !plan.fail => {
                        plan.fail = true;
                        true
                    }
                    FaultKind::Drop if !plan.drop && !plan.throttle && !plan.fail => {
                        plan.drop = true;
                        true
                    }
                    _ => false,
                };
                if taken {
                    f.count = f.count.saturating_sub(1);
                }
            }
        }
        faults.retain(|f| f.count > 0);
        plan
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_and_filters_by_action() {
        let f = Faults::default();
        f.push(Fault::new(FaultKind::Throttle, 2));
        f.push(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
        assert!(f.take("ListContactFlows").throttle);
        let p = f.take("CreateContactFlow");
        assert!(p.throttle && !p.drop, "a throttled call is not dropped");
        let p = f.take("ListContactFlows");
        assert_eq!(p, Plan::default());
        assert!(f.take("CreateContactFlow").drop);
        assert!(f.pending().is_empty());
    }

    #[test]
    fn parses_the_control_body() {
        let f: Fault = serde_json::from_str(r#"{"kind":"delay","delay_ms":50}"#).unwrap();
        assert_eq!(f, Fault::new(FaultKind::Delay, 1).with_delay_ms(50));
    }
}
