import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { customers } from '@/db/schema';
import { encryptNullable, maskPhone, phoneHash } from '@/lib/crypto';
import { uniquePhone } from '@/test/factories';

/** Test data for lib/customers/*.int.test.ts: a customer row written as the app writes one. */
export async function insertCustomer(
  opts: {
    name?: string;
    phone?: string | null;
    email?: string | null;
    region?: string | null;
    address?: string | null;
    tags?: string[];
    userId?: string | null;
    createdAt?: Date;
  } = {},
) {
  const phone = opts.phone === undefined ? uniquePhone() : opts.phone;
  const db = await getDb();
  const [c] = await db
    .insert(customers)
    .values({
      name: opts.name ?? `测试客户${randomUUID().slice(0, 6)}`,
      email: opts.email ?? null,
      phoneEnc: encryptNullable(phone),
      phoneHash: phone ? phoneHash(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      region: opts.region ?? null,
      addressEnc: encryptNullable(opts.address),
      tags: opts.tags ?? [],
      userId: opts.userId ?? null,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    })
    .returning();
  return { ...c!, phone };
}

/** A tag (and name prefix) no other test uses, so lists filtered by it hold only this test's rows. */
export const uniqueTag = (prefix = 't') => `${prefix}${randomUUID().slice(0, 8)}`;
