//! Where a socket is in its life. One value says it, so that "waiting to
//! reconnect" and "closed for good" cannot both hold, and a reconnection
//! timer cannot outlive the wait it belongs to.
//!
//! - A socket starts `Connecting { attempt: 0 }`; the browser's `open`
//!   makes it `Open`.
//! - A connection lost while `Connecting` or `Open`, with reconnection on,
//!   becomes `Backoff { attempt: n, timer }` (`n` counting the attempts
//!   since the connection was last open); the timer makes it
//!   `Connecting { attempt: n }`.
//! - Every other ending is `Closed { event }`: a close without
//!   reconnection, a clean 1000 from the server, giving up after the last
//!   attempt, or the page's `close()` while waiting.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;

use crate::transport::{CLOSED, CONNECTING};

/// The phase of a socket's life, each holding what that phase has.
#[derive(Debug)]
pub(super) enum Phase {
    /// A browser connection is being made: the first one (`attempt` 0), or
    /// reconnection attempt number `attempt`.
    Connecting {
        /// Reconnection attempts since the connection was last open.
        attempt: u32,
    },
    /// The browser connection opened. It may since have begun to close:
    /// the browser moves it to CLOSING and CLOSED without an event, so its
    /// own `readyState` tells.
    Open,
    /// The connection was lost; when `timer` fires, reconnection attempt
    /// number `attempt` begins. Dropping the phase clears the timer.
    Backoff {
        /// The attempt the timer starts (1 for the first).
        attempt: u32,
        /// The wait, held for its `Drop`, which clears it.
        #[allow(dead_code)]
        timer: Timeout,
    },
    /// Closed for good: the `close` event as `recv()` and the waiters
    /// receive it.
    Closed {
        /// The close event, naming no target.
        event: JsValue,
    },
}

impl Phase {
    /// Whether a browser connection is live, its listeners or read loop
    /// reporting to the socket.
    pub(super) fn is_live(&self) -> bool {
        matches!(self, Phase::Connecting { .. } | Phase::Open)
    }

    /// The close event, once the socket has closed for good.
    pub(super) fn close_event(&self) -> Option<&JsValue> {
        match self {
            Phase::Closed { event } => Some(event),
            _ => None,
        }
    }

    /// Whether a reconnection attempt is under way. Its failure is reported
    /// by the `reconnect` event that follows, not by an `error` for each
    /// attempt.
    pub(super) fn is_retry(&self) -> bool {
        matches!(self, Phase::Connecting { attempt } if *attempt > 0)
    }

    /// The number of the reconnection attempt that would follow if the
    /// connection were lost now.
    pub(super) fn next_attempt(&self) -> u32 {
        match self {
            Phase::Connecting { attempt } | Phase::Backoff { attempt, .. } => attempt + 1,
            Phase::Open | Phase::Closed { .. } => 1,
        }
    }

    /// `readyState` as the page sees it: that of the live connection
    /// (`browser`), CONNECTING while waiting to reconnect, CLOSED once
    /// closed for good.
    pub(super) fn ready_state(&self, browser: impl FnOnce() -> u16) -> u16 {
        match self {
            Phase::Connecting { .. } | Phase::Open => browser(),
            Phase::Backoff { .. } => CONNECTING,
            Phase::Closed { .. } => CLOSED,
        }
    }
}
