import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';

let cached: { url: string; transport: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null when mail is not configured (messages stay in the outbox). */
export function mailTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** Tests point the app at their own SMTP listener between cases. */
export function resetMailTransport(): void {
  cached = undefined;
}
