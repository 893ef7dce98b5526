// <medspa-package-quote>: a cart priced by quote(): lines, discounts, tax and total exact to the
// cent, and with `installments` and `first-due`, the installment plan of the balance.
import { PluginElement, h, localeOf } from './base.js';
import { formatDate } from './format.js';
import { sheet } from './styles.js';

const quoteSheet = sheet(`
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: 0.35rem 0.5rem; text-align: right; border-bottom: 1px solid var(--medspa-border, #d0d5dd); }
  th:first-child, td:first-child { text-align: left; }
  thead th { font-size: 0.875em; color: var(--medspa-muted, #5b6472); font-weight: 600; }
  tbody th, tfoot th { font-weight: normal; }
  [part~="total"] th, [part~="total"] td { font-weight: 700; border-top: 2px solid var(--medspa-accent, #2f5fd0); }
  [part~="rejected"] { color: var(--medspa-warn, #9a6700); margin: 0.5rem 0 0; }
  [part~="installments"] { margin: 0.75rem 0 0; padding-left: 1.25rem; }
`);

// ISO 4217 minor units, as @medspa-kit/billing reads amounts; every other active code has 2.
// Intl's own digits come from CLDR and differ for some (IQD: CLDR 0, ISO 4217 3).
const EXPONENTS = {
  ...Object.fromEntries('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' ').map((c) => [c, 0])),
  ...Object.fromEntries('BHD IQD JOD KWD LYD OMR TND'.split(' ').map((c) => [c, 3])),
  CLF: 4,
  UYW: 4,
};

/** Formats `{minor, currency}` exactly: the minor units become a decimal string, never a float. */
function formatMoney({ minor, currency }, locale) {
  const exponent = EXPONENTS[currency] ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const units = digits.slice(0, digits.length - exponent);
  const decimal = `${minor < 0 ? '-' : ''}${units}${exponent ? `.${digits.slice(-exponent)}` : ''}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(decimal);
}

const KIND_WORDS = { service: 'Service', retail: 'Retail', package: 'Package', membership: 'Membership', gift_card: 'Gift card' };
const REJECTIONS = {
  unknown: 'unknown code', duplicate: 'entered twice', not_yet_valid: 'not valid yet', expired: 'expired',
  no_date: 'needs a date', below_minimum: 'below the minimum spend', members_only: 'members only',
};

export class MedspaPackageQuote extends PluginElement {
  static observedAttributes = ['label', 'installments', 'first-due'];
  static plugin = 'billing';
  static importByName = () => import('@medspa-kit/billing');
  static sheet = quoteSheet;
  static defaultLabel = 'Quote';
  static resultEvent = 'medspa-quote';
  static properties = ['cart'];
  #cart = null;

  /** The `Cart` to price; or the JSON data block. */
  get cart() {
    return this.#cart;
  }

  set cart(cart) {
    this.#cart = cart;
    this.requestUpdate();
  }

  input() {
    return this.#cart ?? this.jsonData();
  }

  compute(billing, cart) {
    const quote = billing.quote(cart);
    const count = Number(this.getAttribute('installments'));
    const firstDue = this.getAttribute('first-due');
    const installments = count > 0 && firstDue ? billing.installmentPlan({ total: quote.balanceDue, count, firstDue }) : null;
    return { quote, installments };
  }

  render({ quote, installments }, cart) {
    const locale = localeOf(this);
    const money = (amount) => formatMoney(amount, locale);
    const less = (amount) => money({ ...amount, minor: -amount.minor });
    const row = (part, label, amount) => h('tr', { part }, h('th', { scope: 'row', colspan: 5 }, label), h('td', {}, amount));

    const lines = quote.lines.map((line) => {
      const { kind, quantity } = cart.lines[line.index];
      const discount = line.lineDiscount.minor + line.cartDiscount.minor;
      const name = `${line.id ?? KIND_WORDS[kind] ?? kind}${line.section === 'insurance' ? ' (insurance)' : ''}`;
      return h('tr', { part: 'line' },
        h('th', { scope: 'row' }, name),
        h('td', {}, String(quantity)),
        h('td', {}, money(line.gross)),
        h('td', {}, discount ? less({ ...line.gross, minor: discount }) : ''),
        h('td', {}, line.tax.minor ? money(line.tax) : ''),
        h('td', { part: 'amount' }, money(line.total)));
    });
    const zero = (amount) => amount.minor === 0;
    const totals = [
      row('subtotal', 'Subtotal', money(quote.subtotal)),
      ...quote.discounts.map((d) => row('discount', d.source === 'promotion' ? `Code ${cart.appliedCodes[d.index]}` : 'Discount', less(d.amount))),
      ...quote.taxes.map((t) => row('tax', `Tax ${t.rateId} ${t.rate}% on ${money(t.taxable)}`, money(t.tax))),
      !zero(quote.tip) && row('tip', 'Tip', money(quote.tip)),
      row('total', 'Total', money(quote.total)),
      !zero(quote.depositsApplied) && row('deposit', 'Deposit paid', less(quote.depositsApplied)),
      ...quote.tenders.map((t) => row('tender', t.kind === 'gift_card' ? 'Gift card' : 'Store credit', less(t.applied))),
      quote.balanceDue.minor !== quote.total.minor && row('balance', 'Balance due', money(quote.balanceDue)),
      quote.insurance.lines.length > 0 && row('insurance', 'Billed to insurance', money(quote.insurance.total)),
    ];
    const table = h('table', { part: 'table' },
      h('thead', {}, h('tr', {}, ...['Item', 'Qty', 'Price', 'Discount', 'Tax', 'Total'].map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, ...lines),
      h('tfoot', {}, ...totals));
    const rejected = quote.rejectedCodes.length > 0 && h('p', { part: 'rejected' },
      `Not applied: ${quote.rejectedCodes.map((r) => `${cart.appliedCodes[r.index]} (${REJECTIONS[r.reason] ?? r.reason})`).join(', ')}`);
    const plan = installments && h('ol', { part: 'installments', 'aria-label': 'Installments' },
      ...installments.payments.map((p) => h('li', {}, `${formatDate(p.due, locale)}: ${money(p.amount)}${p.kind === 'deposit' ? ' (deposit)' : ''}`)));

    const tax = zero(quote.taxTotal) ? '' : `, tax ${money(quote.taxTotal)}`;
    const balance = quote.balanceDue.minor !== quote.total.minor ? `; ${money(quote.balanceDue)} due` : '';
    const split = installments ? ` Or ${installments.payments.length} payments from ${formatDate(installments.payments[0].due, locale)}.` : '';
    return { summary: `Total ${money(quote.total)}${tax}${balance}.${split}`, content: [table, rejected, plan].filter(Boolean) };
  }
}
