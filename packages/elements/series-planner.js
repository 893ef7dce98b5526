// <medspa-series-planner>: the earliest plan of a treatment series (planSeries) on a timeline,
// one lane per session with its allowed window shaded; when no plan fits, why.
import { PluginElement, h, localeOf } from './base.js';
import { dayNumber, formatClinicTime, formatDate, formatMonth, monthStarts } from './format.js';
import { sheet } from './styles.js';

const plannerSheet = sheet(`
  [part~="timeline"] { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  [part~="axis"], [part~="session"], [part~="consultation"] {
    display: grid;
    grid-template-columns: minmax(10rem, 19rem) 1fr;
    gap: 0.75rem;
    align-items: center;
  }
  [part~="lane-label"] { display: block; font-weight: 600; }
  [part~="when"], [part~="window-dates"] { display: block; font-size: 0.875em; }
  [part~="window-dates"] { color: var(--medspa-muted, #5b6472); }
  [part~="track"] {
    position: relative;
    height: 1.5rem;
    background: var(--medspa-track, #f2f4f7);
    border-radius: var(--medspa-radius, 8px);
  }
  [part~="ticks"] { position: relative; height: 1.25rem; font-size: 0.75em; color: var(--medspa-muted, #5b6472); }
  [part~="tick"] { position: absolute; top: 0; padding-left: 0.2rem; border-left: 1px solid var(--medspa-border, #d0d5dd); white-space: nowrap; }
  [part~="window"] {
    position: absolute;
    top: 0;
    bottom: 0;
    background: var(--medspa-window, color-mix(in srgb, var(--medspa-accent, #2f5fd0) 20%, transparent));
    border-radius: var(--medspa-radius, 8px);
  }
  [part~="booking"] {
    position: absolute;
    top: 50%;
    width: 0.75rem;
    height: 0.75rem;
    transform: translate(-50%, -50%);
    border-radius: 50%;
    background: var(--medspa-accent, #2f5fd0);
    border: 2px solid var(--medspa-surface, #fff);
  }
  [part~="explanation"] { margin: 0 0 0.5rem; }
  [part~="blockers"] { margin: 0; padding-left: 1.25rem; }
`);

const BLOCKERS = {
  NO_QUALIFIED_PROVIDER: 'no provider holds the qualifications',
  CLINIC_CLOSED: 'the clinic is closed',
  NO_PROVIDER_HOURS: 'no qualified provider works that day',
  DOES_NOT_FIT: 'the treatment does not fit in anyone’s hours',
  PROVIDER_BUSY: 'every qualified provider is busy',
  ROOM_BUSY: 'no room is free',
  DEVICE_BUSY: 'the device is busy',
  CLIENT_BUSY: 'the client has another session',
  WASHOUT: 'a washout period applies',
  OUTSIDE_HORIZON: 'it is beyond the booking horizon',
  TOO_SHORT_NOTICE: 'it is too soon to book',
  PREFERENCE: 'the client’s preferences exclude it',
  SEARCH_LIMIT: 'the search reached its limit',
};

const sessionName = (k) => `Session ${k + 1}`;

export class MedspaSeriesPlanner extends PluginElement {
  static plugin = 'schedule';
  static importByName = () => import('@medspa-kit/schedule');
  static sheet = plannerSheet;
  static defaultLabel = 'Treatment series plan';
  static resultEvent = 'medspa-series-plan';
  static properties = ['clinic', 'request'];
  #clinic = null;
  #request = null;

  /** The clinic (`Clinic` of @medspa-kit/schedule); or `clinic` in the JSON data block. */
  get clinic() {
    return this.#clinic;
  }

  set clinic(clinic) {
    this.#clinic = clinic;
    this.requestUpdate();
  }

  /** The `PlanSeriesRequest` without its clinic; `now` defaults to the current time. */
  get request() {
    return this.#request;
  }

  set request(request) {
    this.#request = request;
    this.requestUpdate();
  }

  input() {
    const data = this.jsonData();
    const request = this.#request ?? data?.request;
    if (!request) return null;
    const clinic = this.#clinic ?? data?.clinic;
    return { now: new Date(), ...request, ...(clinic ? { clinic } : {}) };
  }

  compute(schedule, request) {
    return schedule.planSeries(request);
  }

  render(answer) {
    return answer.plan ? this.#renderPlan(answer) : this.#renderUnplanned(answer.unplanned);
  }

  #renderPlan({ plan, windows, sameProvider }) {
    const locale = localeOf(this);
    const lanes = [];
    if (plan.consultation) {
      lanes.push({ part: 'consultation', name: 'Consultation', booking: plan.consultation, window: windows.find((w) => w.kind === 'consultation') });
    }
    plan.sessions.forEach((booking, k) => {
      lanes.push({ part: 'session', name: sessionName(k), booking, window: windows.find((w) => w.kind === 'session' && w.session === k) });
    });

    const days = lanes.flatMap(({ booking, window }) => [dayNumber(booking.start), ...(window ? [dayNumber(window.earliestDate), dayNumber(window.latestDate ?? window.earliestDate)] : [])]);
    const first = Math.min(...days) - 3;
    const last = Math.max(...days) + 4;
    const at = (day) => `${(((day - first) / (last - first)) * 100).toFixed(3)}%`;
    const windowText = (w) => (w.latestDate ? `${formatDate(w.earliestDate, locale)} – ${formatDate(w.latestDate, locale)}` : `from ${formatDate(w.earliestDate, locale)}`);

    const ticks = h('div', { part: 'ticks' });
    for (const month of monthStarts(first, last)) {
      const tick = h('span', { part: 'tick' }, formatMonth(month, locale));
      tick.style.left = at(dayNumber(month));
      ticks.append(tick);
    }
    const rows = [h('li', { part: 'axis', 'aria-hidden': 'true' }, h('span'), ticks)];
    for (const { part, name, booking, window } of lanes) {
      const track = h('div', { part: 'track', 'aria-hidden': 'true' });
      if (window) {
        const band = h('span', { part: 'window' });
        const end = window.latestDate ? dayNumber(window.latestDate) + 1 : last;
        band.style.left = at(dayNumber(window.earliestDate));
        band.style.width = `calc(${at(end)} - ${at(dayNumber(window.earliestDate))})`;
        track.append(band);
      }
      const pin = h('span', { part: 'booking' });
      pin.style.left = at(dayNumber(booking.start) + 0.5);
      track.append(pin);
      rows.push(h('li', { part },
        h('div', {},
          h('span', { part: 'lane-label' }, name),
          h('span', { part: 'when' }, `${formatClinicTime(booking.start, locale)} · ${booking.providerId}`),
          window && h('span', { part: 'window-dates' }, `Allowed ${windowText(window)}`)),
        track));
    }

    const sessions = plan.sessions;
    const summary = `${plan.consultation ? 'A consultation, then ' : ''}${sessions.length} session${sessions.length === 1 ? '' : 's'} from ${formatDate(sessions[0].start, locale)} to ${formatDate(sessions.at(-1).start, locale)}${sameProvider ? ' with one provider' : ''}, each inside its allowed window.`;
    return { summary, content: [h('ol', { part: 'timeline' }, ...rows)] };
  }

  #renderUnplanned(unplanned) {
    const locale = localeOf(this);
    const { window } = unplanned;
    const which = unplanned.kind === 'consultation' ? 'the consultation' : sessionName(unplanned.session);
    const span = window.latestDate ? `between ${formatDate(window.earliestDate, locale)} and ${formatDate(window.latestDate, locale)}` : `from ${formatDate(window.earliestDate, locale)} on`;
    const summary = `No plan fits: ${which} cannot be booked ${span}, mostly because ${BLOCKERS[unplanned.code] ?? unplanned.code}.`;
    const blockers = unplanned.blockers.map(({ code, count }) => h('li', { 'data-code': code }, `${BLOCKERS[code] ?? code} (${count} time${count === 1 ? '' : 's'})`));
    return {
      summary,
      content: [h('p', { part: 'explanation' }, `What stood in the way of ${which}, most often first:`), h('ul', { part: 'blockers' }, ...blockers)],
    };
  }
}
