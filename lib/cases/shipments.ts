import 'server-only';
import { eq } from 'drizzle-orm';
import { cases } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { AppError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { recordCaseEvent } from './events';
import { announceCase } from './announce';
import { emailCustomerAboutCase, type ShipmentFacts } from './mail';
import { lockVisibleCase } from './policy';
import { ReplacementShipmentInput } from './schemas';

/**
 * The replacement parcel of an exchange or reissue (#18 item 5): recorded when the agent confirms
 * the shipment, correctable afterwards, and shown to the customer on the portal, in the timeline
 * and in the mail.
 */

/** The shipment given with confirm_shipment; both parts are required there (field errors otherwise). */
export function replacementShipmentOf(carrier: string | undefined, trackingNo: string | undefined): ShipmentFacts {
  const errors: Record<string, string[]> = {};
  if (!carrier) errors.carrier = ['required'];
  if (!trackingNo) errors.trackingNo = ['required'];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { carrier: carrier!, trackingNo: trackingNo!.toUpperCase() };
}

/** States in which the replacement is on its way or arrived: the tracking number can be corrected. */
const SHIPPED = ['replacement_shipped', 'delivered'] as const;

/** Staff correct the replacement's carrier or tracking number (a typo, a re-sent parcel). */
export async function setReplacementShipment({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor, 'update:case:any');
  const data = parseInput(ReplacementShipmentInput, input);
  await transaction(async (tx) => {
    const row = await lockVisibleCase(tx, actor, data.caseNo);
    if (!(SHIPPED as readonly string[]).includes(row.status))
      throw new AppError('replacement_not_shipped', undefined, { status: row.status });
    const shipment = replacementShipmentOf(data.carrier, data.trackingNo);
    await tx
      .update(cases)
      .set({
        replacementCarrier: shipment.carrier,
        replacementTrackingNo: shipment.trackingNo,
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(cases.id, row.id));
    await recordCaseEvent(tx, actor, {
      caseId: row.id,
      kind: 'replacement_tracking_changed',
      note: `${shipment.carrier} ${shipment.trackingNo}`,
    });
    await emailCustomerAboutCase(tx, row, { kind: 'shipment', status: row.status, shipment });
    await announceCase(tx, row.id);
    await recordAudit(tx, ctx, {
      action: 'case.replacement_tracking',
      entityType: 'case',
      entityId: row.caseNo,
      before: { carrier: row.replacementCarrier, trackingNo: row.replacementTrackingNo },
      after: shipment,
    });
  });
}
