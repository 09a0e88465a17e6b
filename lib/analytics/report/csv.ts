import 'server-only';
import type { Dashboard, RepeatCustomer } from '@/lib/analytics/dashboard';
import { nameOf } from '@/lib/catalog/names';
import type { Translate } from '@/lib/i18n/translate';
import { csvLine } from '@/lib/orders/csv';
import type { ReportNames } from './names';
import { casesByDay, ordersByDay, SLA_STAGES, type ReportExport } from './params';

/** An amount in the shop currency's main unit with two decimals (orders are all in that currency). */
const amount = (cents: number) => (cents / 100).toFixed(2);
const fixed = (v: number | null, digits = 2) => (v === null ? '' : v.toFixed(digits));

/**
 * One report of the dashboard as CSV text: codes for machines (channel, reason, category) with
 * their names in the reader's language beside them, money in the shop currency (named in a
 * `currency` column beside every amount) with two decimals, rates as percentages. Cells go through csvCell, which defuses spreadsheet formulas in names.
 */
export function reportCsv(
  report: ReportExport,
  d: Dashboard & { repeatCustomers?: RepeatCustomer[] },
  t: Translate,
  names: ReportNames,
): string {
  const lines: (string | number | null)[][] = [];
  const as = d.afterSales;
  const channelName = (c: string) => nameOf(names.channels, c);
  const reasonName = (r: string) => t.dynamic(`cases.reasons.${r}`, undefined, r);
  const categoryName = (c: string) => nameOf(names.categories, c);
  const cur = names.currency;
  switch (report) {
    case 'orders-by-day':
      lines.push(['day', 'orders', 'gmv', 'currency']);
      for (const r of ordersByDay(d.orders.daily, d.period)) lines.push([r.day, r.orders, amount(r.gmvCents), cur]);
      break;
    case 'orders-by-channel':
      lines.push(['channel', 'channel_name', 'orders', 'gmv', 'currency']);
      for (const r of d.orders.byChannel)
        lines.push([r.channel, channelName(r.channel), r.orders, amount(r.gmvCents), cur]);
      break;
    case 'after-sales-by-day':
      lines.push(['day', 'opened', 'resolved', 'backlog']);
      for (const r of casesByDay(as.daily, d.period, as.backlogStart))
        lines.push([r.day, r.opened, r.resolved, r.backlog]);
      break;
    case 'after-sales-by-product':
      lines.push([
        'product_id',
        'product',
        'category',
        'opened',
        'delivered',
        'rate_percent',
        'cost',
        'top_reasons',
        'currency',
      ]);
      for (const r of as.byProduct)
        lines.push([
          r.productId,
          r.name,
          r.category,
          r.opened,
          r.delivered,
          fixed(r.rate),
          amount(r.costCents),
          r.topReasons.map(reasonName).join('; '),
          cur,
        ]);
      break;
    case 'after-sales-by-category':
      lines.push(['category', 'category_name', 'opened', 'delivered', 'rate_percent', 'cost', 'currency']);
      for (const r of as.byCategory)
        lines.push([
          r.category,
          categoryName(r.category),
          r.opened,
          r.delivered,
          fixed(r.rate),
          amount(r.costCents),
          cur,
        ]);
      break;
    case 'after-sales-by-reason':
      lines.push(['reason', 'reason_name', 'opened', 'previous', 'change']);
      for (const r of as.byReason)
        lines.push([r.reason, reasonName(r.reason), r.opened, r.previous, r.opened - r.previous]);
      break;
    case 'sla-by-stage':
      lines.push([
        'stage',
        'total',
        'met',
        'breaches',
        'compliance_percent',
        'previous_total',
        'previous_met',
        'previous_breaches',
        'previous_compliance_percent',
      ]);
      for (const s of SLA_STAGES) {
        const c = as.current.sla[s];
        const p = as.previous.sla[s];
        lines.push([s, c.total, c.met, c.total - c.met, fixed(c.rate), p.total, p.met, p.total - p.met, fixed(p.rate)]);
      }
      break;
    case 'agents':
      lines.push(['agent', 'resolved', 'resolution_avg_minutes', 'first_responses', 'csat_answered', 'csat_percent']);
      for (const a of d.agents)
        lines.push([
          a.name,
          a.resolved,
          fixed(a.resolutionAvgMinutes, 1),
          a.firstResponses,
          a.csatAnswered,
          fixed(a.csatPercent, 1),
        ]);
      break;
    case 'repeat-customers':
      lines.push(['customer', 'cases']);
      for (const c of d.repeatCustomers ?? []) lines.push([c.name, c.cases]);
      break;
  }
  return lines.map(csvLine).join('');
}
