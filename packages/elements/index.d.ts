// @medspa-kit/elements: custom elements over the medspa-kit plugins. Each element loads its
// plugin package when it first appears in the document; install the peers of the elements you use.
import type { LintOptions, Report } from '@medspa-kit/phi-lint';
import type { Clinic, PlanSeriesRequest, PlanSeriesResponse } from '@medspa-kit/schedule';
import type { AppointmentCheck, CheckAppointmentRequest } from '@medspa-kit/consent';
import type { Cart, InstallmentPlan, Quote } from '@medspa-kit/billing';

/** How to load each plugin package; the all-in-one `medspa-kit` package serves for any of them. */
export interface PluginLoaders {
  'phi-lint'?: () => Promise<typeof import('@medspa-kit/phi-lint')>;
  schedule?: () => Promise<typeof import('@medspa-kit/schedule')>;
  consent?: () => Promise<typeof import('@medspa-kit/consent')>;
  billing?: () => Promise<typeof import('@medspa-kit/billing')>;
}

/**
 * Tells the elements how to load plugin packages, for bundlers:
 * `configure({ load: { billing: () => import('@medspa-kit/billing') } })`. Without it a page's
 * `<meta name="medspa-kit-packages" content="/packages/">` gives a base URL
 * (`/packages/billing/index.js`), and failing that the elements import `@medspa-kit/<plugin>`.
 * Call it in the module that imports the elements, before they load.
 */
export declare function configure(config: { load?: PluginLoaders }): void;

/** The detail of a `medspa-error` event; `message` never contains input text. */
export interface MedspaElementError {
  /** A plugin's `MedspaError` code, or the element's own: `LOAD_FAILED`, `INVALID_JSON`, `NO_TEXTAREA`, `RENDER_FAILED`. */
  code: string;
  /** JSON path to the offending field, such as `$.cart.lines[0].unitPrice`; `$` for the element's own codes. */
  path: string;
  message: string;
}

/** A request whose `now` may be left out: the element then uses the current time. */
export type WithOptionalNow<T extends { now: unknown }> = Omit<T, 'now'> & { now?: T['now'] | Date };

/**
 * `<medspa-phi-lint for="textarea-id" channel="sms" policy="reminder" locale="en">`: live
 * underlines on the textarea named by `for` (or the one inside), the verdict (aria-live) and a
 * Redact button. Changing `channel`, `policy`, `locale` or `options` relints; `for` re-attaches.
 * Sends `medspa-phi-lint` with each report.
 */
export declare class MedspaPhiLint extends HTMLElement {
  /** Further lint options (`context`, `direction`, `extraTerms`…); the attributes win over them. */
  options: LintOptions;
  /** The latest report, or null. */
  readonly report: Report | null;
}

/**
 * `<medspa-series-planner>`: the earliest plan of a treatment series on a timeline, each session's
 * allowed window shaded, or why no plan fits. Data: `clinic` and `request`, or a child
 * `<script type="application/json">{"clinic": …, "request": …}</script>`. Sends `medspa-series-plan`.
 */
export declare class MedspaSeriesPlanner extends HTMLElement {
  clinic: Clinic | null;
  /** The request without its clinic (or with it, when `clinic` is not set). */
  request: WithOptionalNow<PlanSeriesRequest> | null;
}

/**
 * `<medspa-consent-checklist>`: an appointment's overall paperwork state and each requirement with
 * its state, what is missing and its deadline. Data: `request`, or a child JSON block holding it.
 * Sends `medspa-consent-check`.
 */
export declare class MedspaConsentChecklist extends HTMLElement {
  request: WithOptionalNow<CheckAppointmentRequest> | null;
}

/** The detail of a `medspa-quote` event. */
export interface PackageQuoteResult {
  quote: Quote;
  /** The balance in `installments` parts from `first-due`, when both attributes are set. */
  installments: InstallmentPlan | null;
}

/**
 * `<medspa-package-quote installments="3" first-due="2025-07-31">`: a cart's lines, discounts,
 * tax and total, exact to the cent, and optionally the installments of its balance. Data: `cart`,
 * or a child JSON block holding it. Sends `medspa-quote`.
 */
export declare class MedspaPackageQuote extends HTMLElement {
  cart: Cart | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'medspa-phi-lint': MedspaPhiLint;
    'medspa-series-planner': MedspaSeriesPlanner;
    'medspa-consent-checklist': MedspaConsentChecklist;
    'medspa-package-quote': MedspaPackageQuote;
  }
  interface GlobalEventHandlersEventMap {
    'medspa-phi-lint': CustomEvent<Report>;
    'medspa-series-plan': CustomEvent<PlanSeriesResponse>;
    'medspa-consent-check': CustomEvent<AppointmentCheck>;
    'medspa-quote': CustomEvent<PackageQuoteResult>;
    'medspa-error': CustomEvent<MedspaElementError>;
  }
}
