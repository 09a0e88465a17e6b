import 'server-only';
import type { Ctx } from '@/lib/context';
import { env } from '@/lib/env';
import { feedbackSubjects } from '@/lib/feedback/queries';
import { formatDate } from '@/lib/i18n/format';
import { getLocale } from '@/lib/i18n/server';
import type { FeedbackSubjects } from '../_components/feedback-form';

/** The customer's orders (labelled with their date) and bought products, for the feedback form. */
export async function loadFeedbackSubjects(ctx: Ctx): Promise<FeedbackSubjects> {
  const [subjects, locale] = [await feedbackSubjects({ ctx }), await getLocale()];
  return {
    orders: subjects.orders.map((o) => ({
      orderNo: o.orderNo,
      label: `${o.orderNo} · ${formatDate(o.placedAt, locale, env().SHOP_TIMEZONE)}`,
    })),
    products: subjects.products,
  };
}
