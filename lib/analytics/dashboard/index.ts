import 'server-only';
import { getDb } from '@/db/client';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { parseInput } from '@/lib/validation';
import { afterSalesFigures, type AfterSalesFigures } from './after-sales';
import { previousPeriod, ReportInput, type Period } from './input';
import { orderFigures, type OrderFigures } from './orders';
import { agentFigures, feedbackSummary, queueFigures, type AgentRow, type BacklogAge, type FeedbackSummary, type RepeatCustomer } from './people';

export { ReportInput } from './input';
export type Dashboard = {
  period: Period;
  previous: Period;
  filters: ReportInput;
  orders: OrderFigures;
  afterSales: AfterSalesFigures;
  agents: AgentRow[];
  feedback: FeedbackSummary;
  backlogAge: BacklogAge[];
  repeatCustomers: RepeatCustomer[];
};

/**
 * The supervisor dashboard for a period of shop days against the period before, under optional
 * channel, category and team filters. Everything but the live queue's age and repeat customers
 * comes from the daily rollups (lib/analytics/rollup.ts).
 */
export async function getDashboard({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Dashboard> {
  authorize(ctx.actor, 'read:report:any');
  const f = parseInput(ReportInput, input);
  const cur = { from: f.from, to: f.to };
  const prev = previousPeriod(cur);
  const db = await getDb();
  const [orders, afterSales, agents, feedback, queue] = await Promise.all([
    orderFigures(db, f, cur, prev),
    afterSalesFigures(db, f, cur, prev),
    agentFigures(db, f, cur),
    feedbackSummary(db, cur, prev),
    queueFigures(db, f, cur),
  ]);
  return { period: cur, previous: prev, filters: f, orders, afterSales, agents, feedback, ...queue };
}
