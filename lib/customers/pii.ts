import 'server-only';
import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { decryptNullable } from '@/lib/crypto';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { RevealedCustomerContact } from './dto';
import { CustomerIdInput } from './schemas';

/**
 * A customer's full phone, e-mail and street address for someone holding reveal:pii:any — the
 * order page's reveal (lib/orders/pii.ts) for the profile. Each reveal is an audit event, written
 * before the values leave the server.
 */
export async function revealCustomerContact({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<RevealedCustomerContact> {
  authorize(ctx.actor, 'reveal:pii:any');
  const { id } = parseInput(CustomerIdInput, input);
  return transaction(async (tx) => {
    const [c] = await tx
      .select({ phoneEnc: customers.phoneEnc, email: customers.email, addressEnc: customers.addressEnc })
      .from(customers)
      .where(eq(customers.id, id))
      .limit(1);
    if (!c) throw new NotFoundError('customer');
    await recordAudit(tx, ctx, {
      action: 'customer.reveal_pii',
      entityType: 'customer',
      entityId: id,
      after: { fields: ['phone', 'email', 'address'] },
    });
    return { phone: decryptNullable(c.phoneEnc), email: c.email, address: decryptNullable(c.addressEnc) };
  });
}
