'use client';

import { AlertCircle, Lightbulb, LoaderCircle, MessageSquareMore, MessageSquareWarning, ThumbsUp } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldError, FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useT } from '@/lib/i18n/client';
import { cn } from '@/lib/utils';
import type { FeedbackFormState } from '../actions';

export const FREE_KINDS = ['suggestion', 'complaint', 'praise', 'other'] as const;
export type FreeKind = (typeof FREE_KINDS)[number];
export type FeedbackSubjects = {
  orders: { orderNo: string; label: string }[];
  products: { id: string; name: string; orderNos: string[] }[];
};
export type FeedbackDraft = {
  id?: number;
  version?: number;
  kind: FreeKind | '';
  comment: string;
  orderNo: string;
  productId: string;
};

const COMMENT_MAX = 2000;
const KIND_ICONS: Record<FreeKind, React.ReactNode> = {
  suggestion: <Lightbulb />,
  complaint: <MessageSquareWarning />,
  praise: <ThumbsUp />,
  other: <MessageSquareMore />,
};

/**
 * A customer's free feedback, new or edited: the kind (as explained radio cards), the text, and
 * optionally the order and product it is about. Only products of the chosen order are offered,
 * since the server refuses a product that is not in it.
 */
export function FeedbackForm({
  initial,
  subjects,
  action,
  onDone,
  onCancel,
}: {
  initial: FeedbackDraft;
  subjects: FeedbackSubjects;
  action: (prev: FeedbackFormState | null, form: FormData) => Promise<FeedbackFormState>;
  /** After success; a new feedback goes back to the list when absent. */
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const router = useRouter();
  const editing = initial.id !== undefined;
  const [kind, setKind] = useState<FreeKind | ''>(initial.kind);
  const [comment, setComment] = useState(initial.comment);
  const [orderNo, setOrderNo] = useState(initial.orderNo);
  const [productId, setProductId] = useState(initial.productId);
  const [state, formAction, pending] = useActionState<FeedbackFormState | null, FormData>(async (prev, form) => {
    const next = await action(prev, form);
    if (next.ok) {
      if (next.message) toast.success(next.message);
      if (onDone) onDone();
      else router.push('/portal/feedback');
    }
    return next;
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const shownFields = ['kind', 'comment', 'orderNo', 'productId'];
  const formError = state && !state.ok && !shownFields.some((f) => errors[f]) ? state.message : undefined;
  const products = orderNo ? subjects.products.filter((p) => p.orderNos.includes(orderNo)) : subjects.products;

  return (
    <form action={formAction} noValidate className="grid gap-6" data-testid="feedback-form">
      {editing ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="version" value={initial.version} />
        </>
      ) : null}
      <fieldset className="grid gap-2" aria-describedby={errors.kind ? 'feedback-kind-error' : undefined}>
        <legend className="mb-2 text-sm font-medium">
          {t('feedbackPortal.kindQuestion')}
          <span aria-hidden="true" className="ml-1 text-destructive">
            *
          </span>
        </legend>
        <div className={cn('grid gap-2', editing ? 'sm:grid-cols-2' : 'sm:grid-cols-2 lg:grid-cols-4')}>
          {FREE_KINDS.map((k) => (
            <label
              key={k}
              className={cn(
                'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors hover:bg-accent/40',
                'has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50',
                errors.kind && 'border-destructive/60',
              )}
            >
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
                className="sr-only"
              />
              <span
                aria-hidden
                className={cn('mt-0.5 text-muted-foreground [&_svg]:size-4.5', kind === k && 'text-primary')}
              >
                {KIND_ICONS[k]}
              </span>
              <span className="grid gap-0.5">
                <span className="font-medium">{t(`feedback.kinds.${k}`)}</span>
                <span className="text-xs text-muted-foreground">{t(`feedbackPortal.kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="feedback-kind-error">{errors.kind}</FieldError>
      </fieldset>

      <div className="grid gap-2">
        <FormField label={t('feedbackPortal.comment')} htmlFor="feedback-comment" error={errors.comment} required>
          <Textarea
            id="feedback-comment"
            name="comment"
            rows={5}
            maxLength={COMMENT_MAX}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('feedbackPortal.commentPlaceholder')}
            className="min-h-32"
            data-testid="feedback-comment"
          />
        </FormField>
        <span
          className={cn(
            'justify-self-end text-xs text-muted-foreground tabular-nums',
            comment.length >= COMMENT_MAX && 'text-destructive',
          )}
        >
          {t('survey.counter', { count: comment.length, max: COMMENT_MAX })}
        </span>
      </div>

      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          label={`${t('feedbackPortal.order')} (${t('common.optional')})`}
          htmlFor="feedback-order"
          error={errors.orderNo}
        >
          <NativeSelect
            id="feedback-order"
            name="orderNo"
            value={orderNo}
            onChange={(e) => {
              const next = e.target.value;
              setOrderNo(next);
              // A product stays chosen only if it is in the newly chosen order.
              if (next && productId && !subjects.products.some((p) => p.id === productId && p.orderNos.includes(next)))
                setProductId('');
            }}
            data-testid="feedback-order"
          >
            <option value="">{t('feedbackPortal.noOrder')}</option>
            {subjects.orders.map((o) => (
              <option key={o.orderNo} value={o.orderNo}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label={`${t('feedbackPortal.product')} (${t('common.optional')})`}
          htmlFor="feedback-product"
          error={errors.productId}
          hint={orderNo ? t('feedbackPortal.productHintOrder') : undefined}
        >
          <NativeSelect
            id="feedback-product"
            name="productId"
            value={productId}
            onChange={(e) => setProductId(e.target.value)}
            disabled={!products.length}
            data-testid="feedback-product"
          >
            <option value="">{t('feedbackPortal.noProduct')}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {!orderNo ? (
          <p className="-mt-2 text-sm text-muted-foreground sm:col-span-2">{t('feedbackPortal.subjectHint')}</p>
        ) : null}
      </div>

      {formError ? (
        <Alert variant="destructive" data-testid="feedback-error">
          <AlertCircle />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : (
          <Button type="button" variant="outline" onClick={() => router.push('/portal/feedback')}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" disabled={pending} data-testid="feedback-submit">
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {editing ? t('common.save') : t('feedbackPortal.submit')}
        </Button>
      </div>
    </form>
  );
}
