//! Automatic reconnection: the settings a page opts into with
//! `websocket(url, reconnect=…)`, and when and how long to wait before each
//! new attempt. Plain functions, tested natively.

use crate::error::number_text;
use crate::Error;

/// How a socket reconnects after losing its connection.
///
/// The wait before attempt `n` (1, 2, …) is `delay × factor^(n-1)`, capped
/// at `max_delay`, then spread by ± `jitter` of itself so that many pages
/// do not all come back at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconnect {
    /// Seconds before the first attempt.
    pub delay: f64,
    /// How much the wait grows with each failed attempt (at least 1).
    pub factor: f64,
    /// The longest wait, in seconds.
    pub max_delay: f64,
    /// The random spread of each wait, as a fraction of it (0 to 1).
    pub jitter: f64,
    /// Attempts in a row before giving up; `None` never gives up.
    pub attempts: Option<u32>,
    /// The most messages `send` queues while the socket is not open.
    pub queue: usize,
}

impl Default for Reconnect {
    fn default() -> Self {
        Reconnect {
            delay: 1.0,
            factor: 2.0,
            max_delay: 30.0,
            jitter: 0.1,
            attempts: None,
            queue: 1000,
        }
    }
}

/// The settings as a page gives them: each one optional, numbers as
/// JavaScript has them.
#[derive(Debug, Default, Clone, Copy)]
pub struct Settings {
    /// `delay`, in seconds.
    pub delay: Option<f64>,
    /// `factor`.
    pub factor: Option<f64>,
    /// `max_delay`, in seconds.
    pub max_delay: Option<f64>,
    /// `jitter`.
    pub jitter: Option<f64>,
    /// `attempts`.
    pub attempts: Option<f64>,
    /// `queue`.
    pub queue: Option<f64>,
}

fn invalid(name: &'static str, value: f64, why: &'static str) -> Error {
    Error::InvalidSetting {
        name,
        value: number_text(value),
        why,
    }
}

fn check(
    name: &'static str,
    value: Option<f64>,
    default: f64,
    ok: impl Fn(f64) -> bool,
    why: &'static str,
) -> Result<f64, Error> {
    match value {
        None => Ok(default),
        Some(v) if v.is_finite() && ok(v) => Ok(v),
        Some(v) => Err(invalid(name, v, why)),
    }
}

impl Reconnect {
    /// The settings a page asked for, defaults filling the gaps.
    ///
    /// # Errors
    /// [`Error::InvalidSetting`] naming the first setting out of range.
    pub fn from_settings(settings: Settings) -> Result<Reconnect, Error> {
        let defaults = Reconnect::default();
        let seconds = "it must be a number of seconds, 0 or more";
        let delay = check(
            "delay",
            settings.delay,
            defaults.delay,
            |v| v >= 0.0,
            seconds,
        )?;
        let factor = check(
            "factor",
            settings.factor,
            defaults.factor,
            |v| v >= 1.0,
            "it must be a number, 1 or more",
        )?;
        let max_delay = check(
            "max_delay",
            settings.max_delay,
            defaults.max_delay,
            |v| v >= delay,
            "it must be a number of seconds, at least delay",
        )?;
        let jitter = check(
            "jitter",
            settings.jitter,
            defaults.jitter,
            |v| (0.0..=1.0).contains(&v),
            "it must be a number from 0 to 1",
        )?;
        let whole = |v: f64| v.fract() == 0.0 && v <= f64::from(u32::MAX);
        let attempts = match settings.attempts {
            None => None,
            Some(v) => Some(check(
                "attempts",
                Some(v),
                0.0,
                |v| v >= 1.0 && whole(v),
                "it must be a whole number, 1 or more, or None for no limit",
            )? as u32),
        };
        let queue = check(
            "queue",
            settings.queue,
            defaults.queue as f64,
            |v| v >= 0.0 && whole(v),
            "it must be a whole number of messages, 0 or more",
        )? as usize;
        Ok(Reconnect {
            delay,
            factor,
            max_delay,
            jitter,
            attempts,
            queue,
        })
    }

    /// Seconds to wait before attempt number `attempt` (1 for the first),
    /// given `random` uniform in [0, 1).
    pub fn delay_before(&self, attempt: u32, random: f64) -> f64 {
        let exponent = attempt.saturating_sub(1).min(1024) as i32;
        let base = (self.delay * self.factor.powi(exponent)).min(self.max_delay);
        (base * (1.0 + self.jitter * (2.0 * random - 1.0))).max(0.0)
    }

    /// Whether attempt number `attempt` is past the limit.
    pub fn gives_up_before(&self, attempt: u32) -> bool {
        self.attempts.is_some_and(|limit| attempt > limit)
    }
}

/// Whether a connection that ended with `code` is worth reconnecting: every
/// ending except a clean close with 1000, which is the server saying it is
/// done with this client. (A close the page asked for never reconnects.)
pub fn reconnects_after(code: u16, was_clean: bool) -> bool {
    !(was_clean && code == 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::default()
    }

    #[test]
    fn defaults_fill_every_gap() {
        assert_eq!(
            Reconnect::from_settings(settings()).unwrap(),
            Reconnect::default()
        );
    }

    #[test]
    fn waits_grow_by_the_factor_up_to_the_cap() {
        let r = Reconnect {
            jitter: 0.0,
            ..Reconnect::default()
        };
        let waits: Vec<f64> = (1..=7).map(|n| r.delay_before(n, 0.5)).collect();
        assert_eq!(waits, [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]);
        assert_eq!(r.delay_before(u32::MAX, 0.5), 30.0);
    }

    #[test]
    fn jitter_spreads_each_wait_both_ways() {
        let r = Reconnect {
            jitter: 0.5,
            ..Reconnect::default()
        };
        assert_eq!(r.delay_before(2, 0.0), 1.0);
        assert_eq!(r.delay_before(2, 0.5), 2.0);
        assert!((r.delay_before(2, 0.999_999) - 3.0).abs() < 1e-5);
    }

    #[test]
    fn attempts_limit_counts_from_one() {
        let r = Reconnect {
            attempts: Some(2),
            ..Reconnect::default()
        };
        assert!(!r.gives_up_before(1));
        assert!(!r.gives_up_before(2));
        assert!(r.gives_up_before(3));
        assert!(!Reconnect::default().gives_up_before(u32::MAX));
    }

    #[test]
    fn out_of_range_settings_are_named() {
        let cases = [
            (
                Settings {
                    delay: Some(-1.0),
                    ..settings()
                },
                "invalid reconnect setting delay=-1: it must be a number of seconds, 0 or more",
            ),
            (
                Settings {
                    factor: Some(0.5),
                    ..settings()
                },
                "invalid reconnect setting factor=0.5: it must be a number, 1 or more",
            ),
            (
                Settings {
                    delay: Some(5.0),
                    max_delay: Some(1.0),
                    ..settings()
                },
                "invalid reconnect setting max_delay=1: it must be a number of seconds, at least delay",
            ),
            (
                Settings {
                    jitter: Some(1.5),
                    ..settings()
                },
                "invalid reconnect setting jitter=1.5: it must be a number from 0 to 1",
            ),
            (
                Settings {
                    attempts: Some(0.0),
                    ..settings()
                },
                "invalid reconnect setting attempts=0: it must be a whole number, 1 or more, or None for no limit",
            ),
            (
                Settings {
                    queue: Some(2.5),
                    ..settings()
                },
                "invalid reconnect setting queue=2.5: it must be a whole number of messages, 0 or more",
            ),
            (
                Settings {
                    delay: Some(f64::NAN),
                    ..settings()
                },
                "invalid reconnect setting delay=NaN: it must be a number of seconds, 0 or more",
            ),
        ];
        for (given, message) in cases {
            let err = Reconnect::from_settings(given).unwrap_err();
            assert_eq!(err.python_class(), "ValueError");
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn only_a_clean_1000_ends_reconnection() {
        assert!(!reconnects_after(1000, true));
        assert!(reconnects_after(1000, false));
        assert!(reconnects_after(1001, true));
        assert!(reconnects_after(1006, false));
        assert!(reconnects_after(1011, true));
        assert!(reconnects_after(4000, true));
    }
}
