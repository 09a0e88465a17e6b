import 'server-only';
import { getDb } from '@/db/client';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';
import { afterSalesFigures, backlogAgeFigures, type AfterSalesFigures, type BacklogAge } from './after-sales';
import { previousPeriod, type Period } from '@/lib/shop-calendar';
import { ReportInput } from './input';
import { orderFigures, type OrderFigures } from './orders';
import {
  agentFigures,
  feedbackSummary,
  repeatCustomerFigures,
  type AgentRow,
  type FeedbackSummary,
  type RepeatCustomer,
} from './people';

export { ReportInput } from './input';
export type { BacklogAge, RepeatCustomer };
export type Dashboard = {
  period: Period;
  previous: Period;
  filters: ReportInput;
  orders: OrderFigures;
  afterSales: AfterSalesFigures;
  agents: AgentRow[];
  feedback: FeedbackSummary;
  backlogAge: BacklogAge[];
};

/**
 * The supervisor dashboard for a period of shop days against the period before, under optional
 * channel, category and team filters. Everything comes from the daily rollups
 * (lib/analytics/rollup.ts), so its cost does not grow with the number of orders or cases.
 */
export async function getDashboard({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Dashboard> {
  authorize(ctx.actor, 'read:report:any');
  const f = parseInput(ReportInput, input);
  const cur = { from: f.from, to: f.to };
  const prev = previousPeriod(cur);
  const db = await getDb();
  const [orders, afterSales, agents, feedback, backlogAge] = await Promise.all([
    orderFigures(db, f, cur, prev),
    afterSalesFigures(db, f, cur, prev),
    agentFigures(db, f, cur),
    feedbackSummary(db, cur, prev),
    backlogAgeFigures(db, f),
  ]);
  return { period: cur, previous: prev, filters: f, orders, afterSales, agents, feedback, backlogAge };
}

/** Customers with repeated cases in the period (same input and permission as the dashboard). */
export async function getRepeatCustomers({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<RepeatCustomer[]> {
  authorize(ctx.actor, 'read:report:any');
  const f = parseInput(ReportInput, input);
  return repeatCustomerFigures(await getDb(), f, { from: f.from, to: f.to });
}
