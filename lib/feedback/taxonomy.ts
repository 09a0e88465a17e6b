import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Queryable } from '@/db/client';
import { feedbackCategories, feedbackRules, feedbackSettings, feedbackTags } from '@/db/schema';
import { transaction } from '@/db/tx';
import { recordAudit } from '@/lib/audit';
import { authorize, can } from '@/lib/authz';
import type { Ctx } from '@/lib/context';
import { expectVersion, NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { FeedbackSettingsInput, LabelInput, RuleInput } from './schemas';
import type { TaggingRule } from './text';

const IdInput = z.object({ id: z.uuid('invalid_choice') });

export type Label = { id: string; nameZh: string; nameEn: string; active: boolean };
export type RuleDto = {
  id: string;
  keywords: string[];
  categoryId: string | null;
  tagId: string | null;
  position: number;
  active: boolean;
};
export type FeedbackSettings = typeof feedbackSettings.$inferSelect;
export type Taxonomy = { categories: Label[]; tags: Label[] };

/** Categories and tags, for every page that shows or picks them (staff, and admins who keep them). */
export async function listTaxonomy({ ctx }: { ctx: Ctx }): Promise<Taxonomy> {
  if (!can(ctx.actor, 'read:feedback:any') && !can(ctx.actor, 'manage:feedback:any'))
    authorize(ctx.actor, 'read:feedback:any');
  const db = await getDb();
  const pick = {
    id: feedbackCategories.id,
    nameZh: feedbackCategories.nameZh,
    nameEn: feedbackCategories.nameEn,
    active: feedbackCategories.active,
  };
  const [categories, tags] = await Promise.all([
    db.select(pick).from(feedbackCategories).orderBy(asc(feedbackCategories.position), asc(feedbackCategories.nameEn)),
    db
      .select({
        id: feedbackTags.id,
        nameZh: feedbackTags.nameZh,
        nameEn: feedbackTags.nameEn,
        active: feedbackTags.active,
      })
      .from(feedbackTags)
      .orderBy(asc(feedbackTags.nameEn)),
  ]);
  return { categories, tags };
}

export async function listRules({ ctx }: { ctx: Ctx }): Promise<RuleDto[]> {
  authorize(ctx.actor, 'manage:feedback:any');
  const db = await getDb();
  return db
    .select({
      id: feedbackRules.id,
      keywords: feedbackRules.keywords,
      categoryId: feedbackRules.categoryId,
      tagId: feedbackRules.tagId,
      position: feedbackRules.position,
      active: feedbackRules.active,
    })
    .from(feedbackRules)
    .orderBy(asc(feedbackRules.position), asc(feedbackRules.createdAt));
}

/** The active rules in order, with the caller's handle, for classifying a new comment. */
export async function activeRules(db: Queryable): Promise<TaggingRule[]> {
  return db
    .select({ keywords: feedbackRules.keywords, categoryId: feedbackRules.categoryId, tagId: feedbackRules.tagId })
    .from(feedbackRules)
    .where(eq(feedbackRules.active, true))
    .orderBy(asc(feedbackRules.position), asc(feedbackRules.createdAt));
}

function labelVerb(kind: 'category' | 'tag') {
  const table = kind === 'category' ? feedbackCategories : feedbackTags;
  return async function saveLabel({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
    authorize(ctx.actor, 'manage:feedback:any');
    const data = parseInput(LabelInput, input);
    return transaction(async (tx) => {
      const values = { nameZh: data.nameZh, nameEn: data.nameEn, active: data.active };
      if (data.id) {
        const [before] = await tx.select().from(table).where(eq(table.id, data.id)).for('update');
        if (!before) throw new NotFoundError(kind);
        await tx.update(table).set(values).where(eq(table.id, data.id));
        await recordAudit(tx, ctx, {
          action: `feedback_${kind}.update`,
          entityType: `feedback_${kind}`,
          entityId: data.id,
          before: { nameZh: before.nameZh, nameEn: before.nameEn, active: before.active },
          after: values,
        });
        return { id: data.id };
      }
      const [row] = await tx.insert(table).values(values).returning({ id: table.id });
      await recordAudit(tx, ctx, {
        action: `feedback_${kind}.create`,
        entityType: `feedback_${kind}`,
        entityId: row!.id,
        after: values,
      });
      return { id: row!.id };
    });
  };
}

/** Categories and tags are never deleted, only made inactive: counts of past feedback keep their names. */
export const saveCategory = labelVerb('category');
export const saveTag = labelVerb('tag');

export async function saveRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ id: string }> {
  authorize(ctx.actor, 'manage:feedback:any');
  const data = parseInput(RuleInput, input);
  return transaction(async (tx) => {
    const values = {
      keywords: data.keywords,
      categoryId: data.categoryId ?? null,
      tagId: data.tagId ?? null,
      position: data.position,
      active: data.active,
    };
    if (data.id) {
      const [before] = await tx.select().from(feedbackRules).where(eq(feedbackRules.id, data.id)).for('update');
      if (!before) throw new NotFoundError('rule');
      await tx.update(feedbackRules).set(values).where(eq(feedbackRules.id, data.id));
      await recordAudit(tx, ctx, {
        action: 'feedback_rule.update',
        entityType: 'feedback_rule',
        entityId: data.id,
        before: {
          keywords: before.keywords,
          categoryId: before.categoryId,
          tagId: before.tagId,
          position: before.position,
          active: before.active,
        },
        after: values,
      });
      return { id: data.id };
    }
    const [row] = await tx.insert(feedbackRules).values(values).returning({ id: feedbackRules.id });
    await recordAudit(tx, ctx, {
      action: 'feedback_rule.create',
      entityType: 'feedback_rule',
      entityId: row!.id,
      after: values,
    });
    return { id: row!.id };
  });
}

export async function deleteRule({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:feedback:any');
  const { id } = parseInput(IdInput, input);
  await transaction(async (tx) => {
    const [gone] = await tx.delete(feedbackRules).where(eq(feedbackRules.id, id)).returning();
    if (!gone) throw new NotFoundError('rule');
    await recordAudit(tx, ctx, {
      action: 'feedback_rule.delete',
      entityType: 'feedback_rule',
      entityId: id,
      before: { keywords: gone.keywords },
    });
  });
}

export async function loadFeedbackSettings(db: Queryable): Promise<FeedbackSettings> {
  const [row] = await db.select().from(feedbackSettings).where(eq(feedbackSettings.id, 1));
  // The migration inserts row 1; these defaults only apply if it was deleted by hand.
  return (
    row ?? {
      id: 1,
      csatEnabled: true,
      npsEnabled: true,
      npsDelayDays: 7,
      surveyValidDays: 14,
      version: 0,
      updatedAt: new Date(0),
    }
  );
}

export async function getFeedbackSettings({ ctx }: { ctx: Ctx }): Promise<FeedbackSettings> {
  authorize(ctx.actor, 'manage:feedback:any');
  return loadFeedbackSettings(await getDb());
}

export async function updateFeedbackSettings({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  authorize(ctx.actor, 'manage:feedback:any');
  const data = parseInput(FeedbackSettingsInput, input);
  await transaction(async (tx) => {
    // Row 1 comes with the migration; put it back if someone deleted it by hand.
    await tx.insert(feedbackSettings).values({ id: 1 }).onConflictDoNothing();
    const [before] = await tx.select().from(feedbackSettings).where(eq(feedbackSettings.id, 1)).for('update');
    if (!before) throw new NotFoundError('feedback_settings');
    expectVersion(before.version, data.version);
    const { version, ...values } = data;
    await tx
      .update(feedbackSettings)
      .set({ ...values, version: version + 1, updatedAt: new Date() })
      .where(eq(feedbackSettings.id, 1));
    await recordAudit(tx, ctx, {
      action: 'feedback_settings.update',
      entityType: 'feedback_settings',
      entityId: '1',
      before: {
        csatEnabled: before.csatEnabled,
        npsEnabled: before.npsEnabled,
        npsDelayDays: before.npsDelayDays,
        surveyValidDays: before.surveyValidDays,
      },
      after: values,
    });
  });
}
