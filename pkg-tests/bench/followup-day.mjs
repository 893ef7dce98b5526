// Follow-up benchmarks' data: a 20-location group's completed appointments of one day, and a
// retention history of 100,000 sessions, generated deterministically (a JS counterpart of the
// recipe in crates/followup/benches/followup.rs, not the same numbers).
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const step = (id, kind, offset, channel, templateId) => ({ id, kind, offset, channel, templateId, class: 'healthcare' });
export const protocols = ['neurotoxin', 'filler', 'peel', 'laser-hair', 'hydrafacial'].map((treatmentId, i) => ({
  id: `p-${treatmentId}`,
  treatmentId,
  ...(i % 2 === 0 ? { series: { sessions: 3, intervals: [{ min: 14 + i, max: 28 + i }] } } : {}),
  steps: [
    step('care', 'aftercare', { hours: 0 }, 'sms', 'aftercare'),
    step('48h', 'check_in', { hours: 48 }, 'sms', 'checkin-48h'),
    step('1w', 'check_in', { days: 7 }, 'email', 'checkin-1w'),
    ...(i % 2 === 0 ? [step('rebook', 'rebooking', { days: 3 }, 'sms', 'rebook')] : []),
  ],
}));

const pad = (n) => String(n).padStart(2, '0');

export function followupDayRequest(count = 2000) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const hour = 14 + (i % 8);
    items.push({
      appointment: {
        id: `a${i}`, clientId: `c${i}`, start: `2025-06-10T${pad(hour)}:00Z`, end: `2025-06-10T${pad(hour)}:45Z`,
        zone: ZONES[Math.floor((i % 20) / 5)], treatments: [protocols[i % 5].treatmentId],
      },
      client: { id: `c${i}`, zone: ZONES[(i * 7) % 4], ...(i % 9 === 0 ? { optedOut: ['sms'] } : {}) },
      previous: [],
    });
  }
  return { protocols, rules: {}, now: '2025-06-10T23:00Z', items };
}

export function retentionRequest(sessionCount = 100_000) {
  const series = [];
  let sessions = 0;
  for (let i = 0; sessions < sessionCount; i++) {
    const done = 1 + (i % 3);
    const start = new Date(Date.UTC(2024, i % 12, 1 + (i % 27)));
    const dates = Array.from({ length: done }, (_, k) => new Date(start.getTime() + k * (20 + (i % 9)) * 86_400_000).toISOString().slice(0, 10));
    series.push({ id: `s${i}`, clientId: `c${i}`, treatmentId: 'peel', locationId: `L${i % 20}`, sessions: dates, valueMinor: 10_000 + (i % 50) * 1_000, receivedFollowup: i % 2 === 0 });
    sessions += done;
  }
  return { today: '2025-06-01', treatments: [{ treatmentId: 'peel', series: { sessions: 3, intervals: [{ min: 14, max: 30 }] } }], series };
}
