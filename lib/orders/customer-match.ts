import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { customerExternalIds, customers } from '@/db/schema';
import { customerPhoneColumns, encryptNullable, phoneHashes } from '@/lib/crypto';

/**
 * The customer an incoming order belongs to: the same phone (by keyed hash) or, failing that, the
 * same e-mail means the same person across channels; then the channel's buyer id (channel +
 * externalId, customer_external_ids); otherwise a new customer record. A buyer id that is given
 * is recorded for the customer found or created, unless it already names another customer.
 */
export async function findOrCreateCustomer(
  tx: Tx,
  c: {
    name: string;
    phone?: string;
    email?: string;
    region?: string;
    address?: string;
    channel?: string;
    externalId?: string;
  },
): Promise<string> {
  const id = await matchOrCreate(tx, c);
  if (c.channel && c.externalId) {
    await tx
      .insert(customerExternalIds)
      .values({ channel: c.channel, externalId: c.externalId, customerId: id })
      .onConflictDoNothing();
  }
  return id;
}

async function matchOrCreate(
  tx: Tx,
  c: {
    name: string;
    phone?: string;
    email?: string;
    region?: string;
    address?: string;
    channel?: string;
    externalId?: string;
  },
): Promise<string> {
  const email = c.email?.toLowerCase();
  if (c.phone) {
    const [hit] = await tx
      .select({ id: customers.id })
      .from(customers)
      // Either key's hash while a key rotation is re-encrypting (docs/keys.md).
      .where(inArray(customers.phoneHash, phoneHashes(c.phone)))
      .limit(1);
    if (hit) return hit.id;
  } else if (email) {
    const [hit] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).limit(1);
    if (hit) return hit.id;
  }
  if (c.channel && c.externalId) {
    const [hit] = await tx
      .select({ id: customerExternalIds.customerId })
      .from(customerExternalIds)
      .where(and(eq(customerExternalIds.channel, c.channel), eq(customerExternalIds.externalId, c.externalId)))
      .limit(1);
    if (hit) return hit.id;
  }
  const [created] = await tx
    .insert(customers)
    .values({
      name: c.name,
      email: email ?? null,
      ...customerPhoneColumns(c.phone),
      region: c.region ?? null,
      addressEnc: encryptNullable(c.address),
      updatedAt: sql`now()`,
    })
    .returning({ id: customers.id });
  return created!.id;
}
