'use client';

import { PRIORITIES } from '@/lib/cases/priority';
import { LoaderCircle, Send } from 'lucide-react';
import { useRef, useState } from 'react';
import { AttachmentPicker, attachmentIdsOf } from '@/components/cases/attachment-picker';
import { CannedReplyPicker, replyBodyFor, type CannedReplyOption } from '@/components/cases/canned-reply-picker';
import type { CaseReplyContext } from '@/lib/replies/case-values';
import { fillReply } from '@/lib/replies/variables';
import { useHotkeys } from '@/components/cases/shortcuts';
import { StaffOptions, type StaffOption } from '@/components/cases/staff-options';
import { useRunAction } from '@/components/forms/use-run-action';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import type { CaseAction } from '@/lib/cases/workflow';
import { useI18n, useT } from '@/lib/i18n/client';
import { currencySymbol } from '@/lib/money';
import { assignAction, caseActionAction, flagsAction, sendMessageAction } from '../actions';

/** The workflow steps the agent may take now, with an optional note and (for refunds) the amount in the order's currency. */
export function CaseActions({
  caseNo,
  version,
  actions,
  currency,
}: {
  caseNo: string;
  version: number;
  actions: CaseAction[];
  currency: string;
}) {
  const { t, locale } = useI18n();
  const { pending, run } = useRunAction();
  const [note, setNote] = useState('');
  const [refund, setRefund] = useState('');
  // confirm_shipment (exchange, reissue) records how the replacement went out.
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  if (actions.length === 0) return <p className="text-sm text-muted-foreground">{t('caseDesk.detail.noActions')}</p>;
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="action-note" className="text-xs text-muted-foreground">
          {t('caseDesk.detail.actionNote')}
        </Label>
        <Textarea
          id="action-note"
          rows={2}
          maxLength={2000}
          value={note}
          aria-describedby="action-note-hint"
          onChange={(e) => setNote(e.target.value)}
        />
        <p id="action-note-hint" className="text-xs text-muted-foreground">
          {t('caseDesk.detail.actionNoteHint')}
        </p>
      </div>
      {actions.includes('start_refund') ? (
        <div className="grid gap-1.5">
          <Label htmlFor="refund-amount" className="text-xs text-muted-foreground">
            {t('caseDesk.detail.refundAmount', { currency: currencySymbol(currency, locale) })}
          </Label>
          <Input
            id="refund-amount"
            inputMode="decimal"
            value={refund}
            onChange={(e) => setRefund(e.target.value)}
            placeholder={t('caseDesk.detail.refundHint')}
          />
        </div>
      ) : null}
      {actions.includes('confirm_shipment') ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="grid gap-1.5">
            <Label htmlFor="replacement-carrier" className="text-xs text-muted-foreground">
              {t('replacementShipment.carrier')}
            </Label>
            <Input
              id="replacement-carrier"
              maxLength={40}
              value={carrier}
              onChange={(e) => setCarrier(e.target.value)}
              data-testid="replacement-carrier"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="replacement-tracking" className="text-xs text-muted-foreground">
              {t('replacementShipment.trackingNo')}
            </Label>
            <Input
              id="replacement-tracking"
              maxLength={40}
              value={trackingNo}
              onChange={(e) => setTrackingNo(e.target.value)}
              data-testid="replacement-tracking-input"
            />
          </div>
          <p className="text-xs text-muted-foreground sm:col-span-2">{t('replacementShipment.hint')}</p>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={['reject', 'cancel', 'inspect_mismatch'].includes(action) ? 'outline' : 'default'}
            disabled={pending}
            data-testid={`case-action-${action}`}
            onClick={() =>
              run(
                () =>
                  caseActionAction({
                    caseNo,
                    version,
                    action,
                    note: note || undefined,
                    refund: refund || undefined,
                    ...(action === 'confirm_shipment' ? { carrier, trackingNo } : {}),
                  }),
                () => setNote(''),
              )
            }
          >
            {t(`cases.actions.${action}`)}
          </Button>
        ))}
      </div>
    </div>
  );
}

export function Composer({
  caseNo,
  allowInternal,
  replies = [],
  replyContext,
}: {
  caseNo: string;
  allowInternal: boolean;
  replies?: CannedReplyOption[];
  /** The customer's language and this case's values for the replies' variables. */
  replyContext?: CaseReplyContext;
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [round, setRound] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const focus = (asNote: boolean) => {
    setInternal(asNote && allowInternal);
    area.current?.focus();
  };
  useHotkeys({ r: () => focus(false), n: () => focus(true) });
  return (
    <form
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const attachments = attachmentIdsOf(e.currentTarget);
        if (!attachments) return void toast.info(t('attachments.wait'));
        if (body.trim())
          run(
            () => sendMessageAction({ caseNo, body, internal, attachments }),
            () => {
              setBody('');
              setRound((n) => n + 1);
            },
          );
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        {allowInternal ? (
          <div className="flex gap-1 text-sm" role="tablist">
            {[false, true].map((v) => (
              <button
                key={String(v)}
                type="button"
                role="tab"
                aria-selected={internal === v}
                onClick={() => setInternal(v)}
                className={`rounded-md px-3 py-1 ${internal === v ? (v ? 'bg-warning/20 font-medium' : 'bg-accent font-medium') : 'text-muted-foreground hover:bg-muted'}`}
              >
                {v ? t('caseDesk.detail.note') : t('caseDesk.detail.reply')}
                <kbd className="ml-1.5 hidden font-mono text-[10px] text-muted-foreground sm:inline">
                  {v ? 'N' : 'R'}
                </kbd>
              </button>
            ))}
          </div>
        ) : (
          <span />
        )}
        {replies.length ? (
          <CannedReplyPicker
            replies={replies}
            onInsert={(reply) => {
              const { text, missing } = replyContext
                ? fillReply(replyBodyFor(reply, replyContext.locale), replyContext.values)
                : { text: reply.body, missing: [] };
              setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${text}` : text));
              area.current?.focus();
              if (missing.length)
                toast.info(
                  t('replies.missingValues', {
                    names: missing.map((v) => t(`replies.variableNames.${v}`)).join(t('common.listSeparator')),
                  }),
                );
            }}
          />
        ) : null}
      </div>
      <Textarea
        ref={area}
        rows={3}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className={internal ? 'border-warning/60 bg-warning/5' : undefined}
        aria-label={internal ? t('caseDesk.detail.note') : t('caseDesk.detail.reply')}
        data-testid="case-composer"
        onKeyDown={(e) => {
          // Ctrl/⌘ + Enter sends, as in most help desks; Escape leaves the box for the shortcuts.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
      />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <AttachmentPicker key={round} disabled={pending} />
        <Button type="submit" size="sm" disabled={pending || !body.trim()} title="Ctrl + Enter">
          {pending ? <LoaderCircle className="animate-spin" /> : <Send />}
          {t('caseDesk.detail.send')}
        </Button>
      </div>
    </form>
  );
}

export function AssignmentControls({
  caseNo,
  me,
  assigneeId,
  priority,
  escalated,
  staff,
}: {
  caseNo: string;
  me: string;
  assigneeId: string | null;
  priority: string;
  escalated: boolean;
  staff: StaffOption[];
}) {
  const t = useT();
  const { pending, run } = useRunAction();
  useHotkeys({ a: () => assigneeId !== me && run(() => assignAction({ caseNo, assigneeId: me })) });
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="case-assignee" className="text-xs text-muted-foreground">
          {t('caseDesk.detail.assignee')}
        </Label>
        <NativeSelect
          id="case-assignee"
          value={assigneeId ?? ''}
          disabled={pending}
          onChange={(e) => run(() => assignAction({ caseNo, assigneeId: e.target.value || null }))}
          data-testid="assignee-select"
        >
          <option value="">{t('caseDesk.detail.unassigned')}</option>
          <StaffOptions staff={staff} />
        </NativeSelect>
      </div>
      <div className="flex flex-wrap gap-2">
        {assigneeId !== me ? (
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() => run(() => assignAction({ caseNo, assigneeId: me }))}
            data-testid="assign-me"
          >
            {t('caseDesk.detail.assignMe')}
            <kbd className="ml-1 font-mono text-[10px] text-muted-foreground">A</kbd>
          </Button>
        ) : null}
        {assigneeId ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() => run(() => assignAction({ caseNo, assigneeId: null }))}
          >
            {t('caseDesk.detail.unassign')}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant={escalated ? 'ghost' : 'outline'}
          disabled={pending}
          onClick={() => run(() => flagsAction({ caseNo, escalated: !escalated }))}
        >
          {escalated ? t('caseDesk.detail.deescalate') : t('caseDesk.detail.escalate')}
        </Button>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="case-priority" className="text-xs text-muted-foreground">
          {t('caseDesk.columns.priority')}
        </Label>
        <NativeSelect
          id="case-priority"
          defaultValue={priority}
          disabled={pending}
          onChange={(e) => run(() => flagsAction({ caseNo, priority: e.target.value }))}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`caseDesk.priority.${p}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}
