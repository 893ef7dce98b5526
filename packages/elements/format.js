// Dates and times as the clinic's wall clock shows them. Every instant the plugins return carries
// the clinic's UTC offset, so its local date and time are read from the text itself, never
// converted through the browser's own zone.

const DAY_MS = 86_400_000;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 of a local date `YYYY-MM-DD`, or of the local date of a clinic instant. */
export const dayNumber = (text) => Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / DAY_MS;

const formatters = new Map();
function formatter(locale, options) {
  const key = JSON.stringify([locale, options]);
  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }));
  return formatters.get(key);
}

/** A local date `YYYY-MM-DD` (or a clinic instant's date) in words: "Mon, Mar 3". */
export function formatDate(isoDate, locale) {
  return formatter(locale, { weekday: 'short', month: 'short', day: 'numeric' }).format(dayNumber(isoDate) * DAY_MS);
}

/** A month tick of a timeline: "Mar", or "Jan 2026" in January. */
export function formatMonth(isoDate, locale) {
  return formatter(locale, isoDate.slice(5, 7) === '01' ? { month: 'short', year: 'numeric' } : { month: 'short' }).format(dayNumber(isoDate) * DAY_MS);
}

/** A clinic instant on the clinic's wall clock with its offset: "Mon, Mar 3, 9:30 AM (UTC−05:00)". */
export function formatClinicTime(instant, locale) {
  const match = INSTANT.exec(instant);
  if (!match) return instant;
  const [, year, month, day, hour, minute, offset] = match;
  const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute);
  const text = formatter(locale, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(wall);
  return `${text} (UTC${offset === 'Z' ? '' : offset.replace('-', '−')})`;
}

/** The first day of each month in `[first, last]` (day numbers), as local dates. */
export function monthStarts(first, last) {
  const starts = [];
  for (let day = first; day <= last; day++) {
    const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (iso.endsWith('-01')) starts.push(iso);
  }
  return starts;
}
