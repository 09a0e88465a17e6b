/** "3h 20m" / "2d 4h": how far a deadline is, for queues. */
export function formatSpan(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const zh = locale.startsWith('zh');
  const unit = { d: zh ? '天' : 'd', h: zh ? '小时' : 'h', m: zh ? '分' : 'm' };
  if (d > 0) return `${d}${unit.d}${h ? ` ${h}${unit.h}` : ''}`;
  if (h > 0) return `${h}${unit.h}${m ? ` ${m}${unit.m}` : ''}`;
  return `${m}${unit.m}`;
}
