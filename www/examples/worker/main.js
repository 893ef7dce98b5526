// The page never loads the scheduling module: it posts the request to a module worker, which
// runs planSeries, and shows the plan it posts back. A search over a busy calendar then cannot
// freeze typing or scrolling.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' }));
const clinic = {
  location: { zone: 'America/New_York', hours: weekdays },
  catalog: {
    treatments: [
      // Three peels, each 14 to 21 days after the one before.
      { id: 'peel', durationMinutes: 30, resources: [{ kind: 'room' }], series: { sessions: 3, intervals: [{ min: 14, max: 21 }] } },
    ],
  },
  providers: [{ id: 'maya-chen', qualifications: [], hours: weekdays }],
  resources: [{ id: 'room-1', kind: 'room' }],
};
// A fixed "now" so the example always shows the same plan; an app passes new Date().
const request = { clinic, treatmentId: 'peel', now: '2025-03-03T08:00-05:00' };

const when = new Intl.DateTimeFormat('en-US', { timeZone: clinic.location.zone, dateStyle: 'medium', timeStyle: 'short' });

worker.addEventListener('message', ({ data }) => {
  const status = document.querySelector('#status');
  if (data.error) {
    status.textContent = `Could not plan: ${data.error}`;
    return;
  }
  const { plan, unplanned } = data.answer;
  if (!plan) {
    status.textContent = `No plan: ${unplanned.code}`;
    return;
  }
  status.textContent = `${plan.sessions.length} sessions, planned in a worker`;
  for (const session of plan.sessions) {
    const time = document.createElement('time');
    time.dateTime = session.start; // the clinic's wall time with its UTC offset
    time.textContent = when.format(new Date(session.start));
    const item = document.createElement('li');
    item.append(time, ` with ${session.providerId} in ${session.resourceIds.join(', ')}`);
    document.querySelector('#plan').append(item);
  }
});

worker.postMessage(request);
