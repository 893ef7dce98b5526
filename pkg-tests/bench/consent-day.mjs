// A 20-location group's day for the consent benchmarks: 2,000 appointments, 10 requirements
// each, 5 form records per client, generated deterministically (the same recipe as
// crates/consent/benches/day.rs).
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
const TREATMENTS = ['neurotoxin', 'filler', 'laser-hair', 'peel', 'facial'];
const CATEGORIES = ['injectable', 'laser', 'peel', 'facial', 'skin'];

export function groupRules() {
  const forms = Array.from({ length: 10 }, (_, i) => ({
    id: `form-${i}`,
    kind: i === 0 ? 'medical_history' : 'informed_consent',
    version: '2',
    questions: [{ id: `q${i}a`, required: true }, { id: `q${i}b` }],
  }));
  const requirements = Array.from({ length: 10 }, (_, i) => ({
    id: `req-${i}`,
    form: `form-${i}`,
    appliesTo: { categories: [CATEGORIES[i % 5]] },
    validity: i % 2 === 0 ? { policy: 'every_n_months', months: 12 } : { policy: 'every_n_days', days: 365 },
    minVersion: '2',
    dueHoursBefore: 24 * (i % 3),
  }));
  return {
    forms,
    treatments: TREATMENTS.map((id) => ({ id, categories: CATEGORIES })),
    requirements,
    reviewTriggers: [
      { id: 't0', question: 'q0b', when: { equals: true } },
      { id: 't1', question: 'q1b', when: { withinMonths: 6 } },
    ],
  };
}

/** A 31-bit LCG over BigInt, so the sequence equals the Rust bench's. */
function lcg(seed) {
  let state = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return (n) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
    return Number((state >> 33n) % BigInt(n));
  };
}

const pad = (n) => String(n).padStart(2, '0');

export function groupDay(appointmentCount = 2000) {
  const next = lcg(7);
  const statuses = ['sent', 'opened', 'completed', 'signed', 'signed', 'signed'];
  const clients = [];
  const appointments = [];
  for (let c = 0; c < appointmentCount; c++) {
    const records = Array.from({ length: 5 }, () => {
      const form = next(10);
      const day = 1 + next(28);
      const month = 1 + next(12);
      const version = ['1', '2'][next(2)];
      const status = statuses[next(6)];
      return {
        form: `form-${form}`,
        version,
        status,
        completedAt: `2024-${pad(month)}-${pad(day)}T15:00Z`,
        signedAt: `2024-${pad(month)}-${pad(day)}T15:05Z`,
        answers: [
          { question: `q${form}a`, value: 'yes' },
          { question: `q${form}b`, value: next(10) === 0 },
        ],
      };
    });
    clients.push({ id: `client-${c}`, birthDate: '1985-05-05', records });
    const zone = ZONES[Math.floor((c % 20) / 5)];
    const hour = 9 + next(9);
    const minute = 15 * next(4);
    const treatment = TREATMENTS[next(5)];
    appointments.push({
      id: `appt-${c}`,
      clientId: `client-${c}`,
      start: `2025-03-12T${pad(hour + 5)}:${pad(minute)}:00Z`,
      zone,
      locationId: `loc-${c % 20}`,
      treatments: [treatment],
    });
  }
  return { rules: groupRules(), clients, appointments, from: '2025-03-12', to: '2025-03-12', now: '2025-03-11T20:00Z' };
}
