//! Hours of operation in a scenario: a state given outright (open, closed,
//! holiday) or a weekly schedule read against the scenario's clock, a local
//! time such as `2026-12-05T20:30` (no time zone: the contact centre's own).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a Check hours block finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HoursState {
    Open,
    Closed,
    /// Closed for a holiday: the block's Closed exit.
    Holiday,
}

/// Hours in a scenario: a state, or a schedule read against the clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Hours {
    State(HoursState),
    Schedule(Schedule),
}

/// A weekly schedule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Schedule {
    /// When the centre is open.
    pub open: Vec<Span>,
    /// Dates (`2026-12-25`) it is closed all day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

/// Open from `from` to `to` (`09:00`, `17:30`) on the given weekdays
/// (1 Monday .. 7 Sunday).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Span {
    pub days: Vec<u8>,
    pub from: String,
    pub to: String,
}

/// A local time: its date, weekday (1 Monday .. 7 Sunday) and minute of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub weekday: u8,
    pub minute: u32,
}

impl Clock {
    /// Reads `YYYY-MM-DDTHH:MM` (seconds and an offset after it are allowed
    /// and ignored); `None` when it is not such a time.
    pub fn parse(s: &str) -> Option<Clock> {
        let s = s.trim();
        let (date, time) = s.split_once(['T', ' '])?;
        let mut d = date.split('-');
        let year: i32 = d.next()?.parse().ok()?;
        let month: u32 = d.next()?.parse().ok()?;
        let day: u32 = d.next()?.parse().ok()?;
        if d.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let minute = minute_of(time.get(..5)?)?;
        Some(Clock {
            year,
            month,
            day,
            weekday: weekday(year, month, day),
            minute,
        })
    }

    /// The date as `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `HH:MM` as minutes since midnight (`24:00` is the day's end).
fn minute_of(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

/// ISO weekday (1 Monday .. 7 Sunday) of a proleptic Gregorian date.
fn weekday(year: i32, month: u32, day: u32) -> u8 {
    // Days since 1970-01-01 (a Thursday), by Howard Hinnant's algorithm.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days + 3).rem_euclid(7) + 1) as u8
}

impl Schedule {
    /// What the schedule says at `clock`; `Err` names a span it cannot read.
    pub fn at(&self, clock: &Clock) -> Result<HoursState, String> {
        if self.holidays.iter().any(|h| h.trim() == clock.date()) {
            return Ok(HoursState::Holiday);
        }
        for span in &self.open {
            let from = minute_of(&span.from).ok_or_else(|| bad_time(&span.from))?;
            let to = minute_of(&span.to).ok_or_else(|| bad_time(&span.to))?;
            if span.days.contains(&clock.weekday) && from <= clock.minute && clock.minute < to {
                return Ok(HoursState::Open);
            }
        }
        Ok(HoursState::Closed)
    }
}

fn bad_time(s: &str) -> String {
    format!("\"{s}\" is not a time of day such as 09:00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_iso() {
        assert_eq!(Clock::parse("2026-12-05T20:30").unwrap().weekday, 6); // Saturday
        assert_eq!(
            Clock::parse("2026-12-07 09:00:00+08:00").unwrap().weekday,
            1
        );
        assert_eq!(Clock::parse("2000-02-29T00:00").unwrap().weekday, 2);
        assert_eq!(Clock::parse("1970-01-01T00:00").unwrap().weekday, 4);
        assert!(Clock::parse("tomorrow").is_none());
        assert!(Clock::parse("2026-13-01T00:00").is_none());
        assert!(Clock::parse("2026-12-01T25:00").is_none());
    }

    #[test]
    fn a_schedule_reads_the_clock() {
        let s = Schedule {
            open: vec![Span {
                days: vec![1, 2, 3, 4, 5],
                from: "09:00".into(),
                to: "17:30".into(),
            }],
            holidays: vec!["2026-12-25".into()],
        };
        let at = |t: &str| s.at(&Clock::parse(t).unwrap()).unwrap();
        assert_eq!(at("2026-12-07T09:00"), HoursState::Open);
        assert_eq!(at("2026-12-07T17:29"), HoursState::Open);
        assert_eq!(at("2026-12-07T17:30"), HoursState::Closed);
        assert_eq!(at("2026-12-05T12:00"), HoursState::Closed); // Saturday
        assert_eq!(at("2026-12-25T12:00"), HoursState::Holiday);
        let bad = Schedule {
            open: vec![Span {
                days: vec![1],
                from: "9am".into(),
                to: "17:00".into(),
            }],
            holidays: vec![],
        };
        assert!(
            bad.at(&Clock::parse("2026-12-07T10:00").unwrap())
                .unwrap_err()
                .contains("9am")
        );
    }
}
