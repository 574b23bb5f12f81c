//! A create that is never repeated blindly.
//!
//! When a create times out, loses its connection or answers 5xx, it may or
//! may not have been done. [`create_confirmed`] then looks the thing up (by
//! name, by the caller's own id, ...) and takes what it finds as the result;
//! only when the lookup finds nothing is the create sent again, a bounded
//! number of times. The CCC publisher and the NXLink task client use it.

use std::future::Future;

use ivr_flow::Text;

use crate::error::{CloudError, ErrorKind};

/// How a confirmed create ended.
#[derive(Debug)]
pub enum Confirmed<A, F> {
    /// The service answered the create.
    Answered(A),
    /// The answer was lost; the lookup found what the create made.
    Found(F),
}

/// Sends `send` (which must itself repeat only throttling refusals) up to
/// `max_creates` times; after each unclear failure `look` runs first, and
/// `Some` ends it as [`Confirmed::Found`]. An error `look` returns (e.g. two
/// candidates, a conflict) ends it too. `what` names the call in the error
/// given when every attempt failed without one to report.
pub async fn create_confirmed<A, F, S, SFut, L, LFut>(
    max_creates: u32,
    what: &str,
    mut send: S,
    mut look: L,
) -> Result<Confirmed<A, F>, CloudError>
where
    S: FnMut() -> SFut,
    SFut: Future<Output = Result<A, CloudError>>,
    L: FnMut() -> LFut,
    LFut: Future<Output = Result<Option<F>, CloudError>>,
{
    let mut last = None;
    for _ in 0..max_creates {
        match send().await {
            Ok(v) => return Ok(Confirmed::Answered(v)),
            Err(e) if e.is_retryable() => match look().await? {
                Some(found) => return Ok(Confirmed::Found(found)),
                None => last = Some(e),
            },
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        CloudError::new(
            ErrorKind::Other,
            Text::new(format!("{what} failed"), format!("{what} 失败")),
        )
    }))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn unclear() -> CloudError {
        CloudError::new(ErrorKind::Timeout, Text::new("t", "t"))
    }

    /// Sends that always time out, with `found` from every lookup: what
    /// came of it, and how many creates were sent.
    fn always_unclear(
        found: Option<&'static str>,
    ) -> (Result<Confirmed<u32, &'static str>, CloudError>, u32) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let sends = Cell::new(0);
        let out = rt.block_on(create_confirmed(
            3,
            "create",
            || {
                sends.set(sends.get() + 1);
                async { Err(unclear()) }
            },
            || async move { Ok(found) },
        ));
        (out, sends.get())
    }

    #[test]
    fn a_lost_answer_is_looked_up_before_any_resend() {
        let (out, sends) = always_unclear(Some("found"));
        assert!(matches!(out, Ok(Confirmed::Found("found"))));
        assert_eq!(sends, 1);
        let (out, sends) = always_unclear(None);
        assert_eq!(out.unwrap_err().kind(), ErrorKind::Timeout);
        assert_eq!(sends, 3);
    }
}
