// Clinics for the schedule package's tests and benchmarks. `largeClinic` is the recipe of
// crates/schedule/tests/support (20 providers, 8 rooms, 4 lasers, Mon–Sat 08:00–20:00 in
// New York, 15-minute step, 12-month horizon, 2-hour notice, appointments from the same 64-bit
// LCG), so the Node and criterion numbers measure the same calendar; its catalog adds the
// neurotoxin and facial treatments a real clinic has. `smallClinic` is a one-location day spa
// for readable end-to-end tests.

export const NOW = '2025-01-06T08:00-05:00';
export const ZONE = 'America/New_York';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Knuth's MMIX LCG over BigInt (the high 31 bits), the same sequence as the Rust `Lcg`. */
export function lcg(seed) {
  let state = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return (n) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
    return Number((state >> 33n) % BigInt(Math.max(n, 1)));
  };
}

const pad = (n) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
/** Days since 1970 of a calendar date, and back, on UTC dates (no time zone involved). */
const dayNumber = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
const isoDate = (days) => new Date(days * DAY_MS).toISOString().slice(0, 10);
/** `YYYY-MM-DDTHH:MMZ` of a count of minutes since 1970. */
const isoMinute = (minutes) => `${new Date(minutes * 60_000).toISOString().slice(0, 16)}Z`;

/** The catalog both clinics share: a consultation, a 6-session laser series that needs one,
 * a neurotoxin touch-up at 14–21 days then every 90–120, a peel, a HydraFacial and filler,
 * with the washouts of docs/domain.md §3. */
export function catalog() {
  const room = { kind: 'room' };
  return {
    treatments: [
      { id: 'consult', durationMinutes: 30, qualifications: ['MD'], resources: [room] },
      {
        id: 'laser-hair',
        durationMinutes: 45,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
        qualifications: ['RN', 'laser'],
        resources: [room, { kind: 'device' }],
        categories: ['laser'],
        series: { sessions: 6, intervals: [{ min: 28, max: 42 }] },
        consultation: { treatmentId: 'consult', maxAgeDays: 90 },
      },
      { id: 'peel', durationMinutes: 30, bufferAfterMinutes: 10, qualifications: ['RN'], resources: [room], categories: ['peel'] },
      {
        id: 'neurotoxin',
        durationMinutes: 30,
        bufferAfterMinutes: 5,
        qualifications: ['RN'],
        anyQualification: ['NP', 'MD'],
        resources: [room],
        categories: ['injectable'],
        series: { sessions: 4, intervals: [{ min: 14, max: 21 }, { min: 90, max: 120 }] },
      },
      { id: 'hydrafacial', durationMinutes: 60, bufferAfterMinutes: 15, resources: [room], categories: ['facial'] },
      { id: 'filler', durationMinutes: 45, qualifications: ['RN'], anyQualification: ['NP', 'MD'], resources: [room], categories: ['filler', 'injectable'] },
    ],
    washouts: [
      { after: 'peel', then: 'laser', days: 14 },
      { after: 'filler', then: 'facial', days: 14 },
    ],
  };
}

/**
 * The large clinic: `past` appointments in the three years before `NOW` and `future` in the
 * twelve months after it (10,000 by default), deterministic.
 */
export function largeClinic({ past = 0, future = 10_000 } = {}) {
  const next = lcg(0x5eed);
  const providers = Array.from({ length: 20 }, (_, i) => {
    const qualifications = ['RN'];
    if (i % 2 === 0) qualifications.push('laser');
    if (i % 5 === 0) qualifications.push('MD');
    if (i % 4 === 1) qualifications.push('NP');
    const off = i % 6; // one weekday off, Monday to Saturday
    const hours = WEEK.slice(0, 6)
      .filter((_, d) => d !== off)
      .map((day) => ({
        day,
        start: i % 3 === 0 ? '08:00' : '10:00',
        end: i % 3 === 0 ? '16:00' : '20:00',
        breaks: [{ start: '13:00', end: '13:30' }],
      }));
    const exceptions = Array.from({ length: 6 }, (_, k) => ({
      date: isoDate(dayNumber(2025, 2, 3) + i * 11 + k * 37),
      kind: 'time_off',
    }));
    return { id: `p${pad(i)}`, qualifications, hours, exceptions };
  });
  const resources = [
    ...Array.from({ length: 8 }, (_, i) => ({ id: `room${i}`, kind: 'room' })),
    ...Array.from({ length: 4 }, (_, i) => ({ id: `laser${i}`, kind: 'device' })),
  ];
  const appointments = [];
  const start = dayNumber(2025, 1, 6);
  for (const [count, first, days] of [
    [past, start - 3 * 365, 3 * 365],
    [future, start, 365],
  ]) {
    for (let n = 0; n < count; n++) {
      const day = first + next(days);
      const minute = 8 * 60 + 15 * next(44);
      const length = [30, 45, 60][next(3)];
      // Local wall time written as UTC + 5 h (EST); an hour off in summer, fine for busy time.
      const utc = day * 1440 + minute + 5 * 60;
      const resourceIds = [`room${next(8)}`];
      if (next(3) === 0) resourceIds.push(`laser${next(4)}`);
      const providerId = `p${pad(next(20))}`;
      const bufferAfterMinutes = next(2) === 0 ? 10 : 0;
      appointments.push({ start: isoMinute(utc), end: isoMinute(utc + length), providerId, resourceIds, bufferAfterMinutes });
    }
  }
  return {
    location: {
      zone: ZONE,
      hours: WEEK.slice(0, 6).map((day) => ({ day, start: '08:00', end: '20:00' })),
      closedDates: ['2025-05-26', '2025-07-04', '2025-12-25'],
      slotStepMinutes: 15,
      minNoticeMinutes: 120,
      horizonDays: 365,
    },
    catalog: catalog(),
    providers,
    resources,
    appointments,
  };
}

/** A `findSlots` request for the laser series' treatment on the large clinic. */
export function findRequest(clinic, from, to, onePerStart = false) {
  return { clinic, treatmentId: 'laser-hair', from, to, now: NOW, limit: 1000, onePerStart };
}

/** A `planSeries` request: six laser sessions with a consultation, one provider throughout,
 * for a client who had a peel two days after `NOW` (the 14-day washout applies). */
export function planRequest(clinic) {
  return {
    clinic,
    treatmentId: 'laser-hair',
    now: NOW,
    client: { sessions: [{ treatmentId: 'peel', start: '2025-01-08T10:00-05:00' }] },
    preferences: { sameProvider: true },
  };
}

/**
 * A small day spa in `zone`: Mon–Sat 09:00–18:00, three providers (an MD who also consults,
 * a laser-certified RN, an NP injector), two rooms, one laser, and a few bookings in the week
 * after `now` (given as a local date, `YYYY-MM-DD`).
 */
export function smallClinic({ zone = ZONE, week = '2025-03-03', bookings = true } = {}) {
  const days = WEEK.slice(0, 6);
  const hours = (start, end, breaks) => days.map((day) => ({ day, start, end, ...(breaks ? { breaks } : {}) }));
  const lunch = [{ start: '12:30', end: '13:15' }];
  const [y, m, d] = week.split('-').map(Number);
  const at = (dayOffset, hhmm) => `${isoDate(dayNumber(y, m, d) + dayOffset)}T${hhmm}`;
  return {
    location: { zone, hours: hours('09:00', '18:00'), slotStepMinutes: 15, minNoticeMinutes: 60, horizonDays: 365 },
    catalog: catalog(),
    providers: [
      { id: 'dr-okafor', qualifications: ['MD', 'RN'], hours: hours('09:00', '17:00', lunch) },
      { id: 'nurse-lee', qualifications: ['RN', 'laser'], hours: hours('10:00', '18:00', lunch) },
      { id: 'np-garcia', qualifications: ['RN', 'NP'], hours: hours('09:00', '15:00') },
    ],
    resources: [
      { id: 'room-1', kind: 'room' },
      { id: 'room-2', kind: 'room' },
      { id: 'gentlemax', kind: 'device' },
    ],
    // Wall times, so the fixture works in any zone: `withOffsets` turns them into instants.
    appointments: bookings
      ? [
          { id: 'a1', start: at(0, '10:00'), end: at(0, '11:00'), providerId: 'nurse-lee', resourceIds: ['room-1', 'gentlemax'] },
          { id: 'a2', start: at(0, '09:00'), end: at(0, '09:30'), providerId: 'dr-okafor', resourceIds: ['room-2'] },
          { id: 'a3', start: at(1, '14:00'), end: at(1, '15:00'), providerId: 'np-garcia', resourceIds: ['room-1'] },
        ]
      : [],
  };
}

/**
 * Gives every `start`/`end` of the clinic's appointments the UTC offset `toClinicTime` reports
 * for that wall time (the fixture writes wall times; the API takes instants).
 */
export function withOffsets(clinic, resolveLocalTime) {
  const fix = (wall) => {
    const [date, time] = wall.split('T');
    return resolveLocalTime({ date, time, zone: clinic.location.zone }).instant;
  };
  return {
    ...clinic,
    appointments: clinic.appointments.map((a) => ({ ...a, start: fix(a.start), end: fix(a.end) })),
  };
}
