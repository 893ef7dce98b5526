// Benchmarks of @medspa-kit/schedule on the large clinic (bench/clinic.mjs): findSlots for one
// day (target < 1 ms) and one month (< 10 ms), planSeries for six sessions with a consultation
// (< 15 ms in WASM), each on 10,000 appointments in the coming year and again with 30,000 more
// in the three years before, to show that cost follows the appointments in the searched range.
// Two ways: one-shot calls, which carry the whole clinic as JSON each time, and calls on a
// clinic opened once (`openClinic`, a row of its own), which carry only the request; plus
// booking and cancelling one slot on the open clinic.
import { findRequest, largeClinic, planRequest } from './clinic.mjs';

/**
 * Rows for `table()` of harness.mjs: `{name, ...measure(fn)}` per benchmark. `schedule` is the
 * loaded package; `measure` the harness's.
 */
export async function scheduleRows(schedule, measure) {
  const rows = [];
  for (const [label, past] of [
    ['10k', 0],
    ['40k', 30_000],
  ]) {
    const clinic = largeClinic({ past, future: 10_000 });
    const day = findRequest(clinic, '2025-03-12', '2025-03-12', false);
    const month = findRequest(clinic, '2025-03-01', '2025-03-31', true);
    const plan = planRequest(clinic);
    // The benchmarks only mean something if the answers are real.
    if (schedule.findSlots(day).slots.length === 0 || schedule.findSlots(month).slots.length === 0) {
      throw new Error('the large clinic has no free slot: the fixture is broken');
    }
    if (schedule.planSeries(plan).plan?.sessions.length !== 6) {
      throw new Error('the large clinic has no 6-session plan: the fixture is broken');
    }
    rows.push(
      { name: `schedule.findSlots (one day, all providers, ${label} appointments)`, ...measure(() => schedule.findSlots(day)) },
      { name: `schedule.findSlots (one month, one per start, ${label} appointments)`, ...measure(() => schedule.findSlots(month), { samples: 30 }) },
      { name: `schedule.planSeries (6 sessions + consultation, ${label} appointments)`, ...measure(() => schedule.planSeries(plan), { samples: 30 }) },
    );

    // The same queries on a clinic opened once.
    rows.push({
      name: `schedule.openClinic + closeClinic (${label} appointments)`,
      ...measure(() => schedule.closeClinic(schedule.openClinic(clinic)), { warmup: 5, samples: 20 }),
    });
    const handle = schedule.openClinic(clinic);
    try {
      const [dayIn, monthIn, planIn] = [day, month, plan].map(({ clinic: _, ...request }) => request);
      const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
      if (!same(schedule.findSlots(dayIn, handle), schedule.findSlots(day)) || !same(schedule.planSeries(planIn, handle), schedule.planSeries(plan))) {
        throw new Error('the open clinic answers differently from the one-shot calls');
      }
      const slot = schedule.findSlots(dayIn, handle).slots[0];
      const booking = { id: 'bench-1', start: slot.start, end: slot.end, providerId: slot.providerId, resourceIds: slot.resourceIds };
      rows.push(
        { name: `schedule.findSlots (one day, all providers, open clinic, ${label} appointments)`, ...measure(() => schedule.findSlots(dayIn, handle)) },
        { name: `schedule.findSlots (one month, one per start, open clinic, ${label} appointments)`, ...measure(() => schedule.findSlots(monthIn, handle), { samples: 30 }) },
        { name: `schedule.planSeries (6 sessions + consultation, open clinic, ${label} appointments)`, ...measure(() => schedule.planSeries(planIn, handle), { samples: 30 }) },
        {
          name: `schedule.addAppointments + removeAppointments (one booking, open clinic, ${label} appointments)`,
          ...measure(() => {
            schedule.addAppointments(handle, [booking]);
            schedule.removeAppointments(handle, ['bench-1']);
          }),
        },
      );
    } finally {
      schedule.closeClinic(handle);
    }
  }
  return rows;
}
