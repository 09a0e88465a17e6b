import 'server-only';
import { refreshRollups } from '@/lib/analytics/rollup';
import { sweepPendingAttachments } from '@/lib/attachments';
import { runScheduledBackup } from '@/lib/backup/job';
import { autoCloseCases, scanSla } from '@/lib/cases/jobs';
import { offerNpsSurveys } from '@/lib/feedback/surveys';
import { deliverEmail } from '@/lib/mail/outbox';
import type { JobKind } from './queue';
import type { JobHandler } from './worker';

/** What each kind of job does. Handlers are idempotent: a job may run again after a crash. */
export const JOB_HANDLERS: Record<JobKind, JobHandler> = {
  'email.send': deliverEmail,
  'sla.scan': async () => {
    await scanSla();
  },
  'cases.autoclose': async (_payload, job) => {
    await autoCloseCases(job.now);
  },
  'attachments.sweep': async () => {
    await sweepPendingAttachments();
  },
  'feedback.nps': async (_payload, job) => {
    await offerNpsSurveys(job.now);
  },
  'analytics.rollup': async () => {
    await refreshRollups();
  },
  'backup.scheduled': async (_payload, job) => {
    await runScheduledBackup({ now: job.now, signal: job.signal });
  },
};
