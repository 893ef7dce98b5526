//! The days of the week as requests name them (`"mon"` … `"sun"`), shared by every plugin that
//! reads weekly hours so that one type, and one TypeScript declaration, serves them all.

use serde::{Deserialize, Serialize};

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// Monday is 0, Sunday 6 (chrono's `num_days_from_monday`).
    ///
    /// ```
    /// assert_eq!(medspa_zoned::Weekday::Sun.index(), 6);
    /// ```
    pub const fn index(self) -> usize {
        self as usize
    }
}
