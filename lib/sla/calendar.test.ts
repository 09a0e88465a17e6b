import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, businessMinutesBetween, dueAt, resumeDue, slaState, type BusinessCalendar } from './calendar';

const TZ = 'Asia/Shanghai';
const nineToSix: [number, number] = [9 * 60, 18 * 60];
const weekdays: BusinessCalendar = {
  timeZone: TZ,
  hours: [null, nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, null],
};
/** A Shanghai wall-clock time as an instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);

describe('dueAt with business hours', () => {
  it('runs within the same working day', () => {
    expect(dueAt(sh('2026-11-24T10:00:00'), 120, weekdays)).toEqual(sh('2026-11-24T12:00:00'));
  });

  it('carries over the night and the weekend', () => {
    // Friday 17:30 + 60 business minutes = Monday 09:30.
    expect(dueAt(sh('2026-11-27T17:30:00'), 60, weekdays)).toEqual(sh('2026-11-30T09:30:00'));
    // A request on Saturday starts counting on Monday at 09:00.
    expect(dueAt(sh('2026-11-28T11:00:00'), 30, weekdays)).toEqual(sh('2026-11-30T09:30:00'));
  });

  it('ends exactly at closing time rather than the next morning', () => {
    expect(dueAt(sh('2026-11-24T17:00:00'), 60, weekdays)).toEqual(sh('2026-11-24T18:00:00'));
  });

  it('skips holidays and works make-up days', () => {
    const festive: BusinessCalendar = {
      ...weekdays,
      holidays: new Set(['2026-11-30']),
      extraWorkdays: new Set(['2026-11-29']),
    };
    // Friday 17:00 + 2h: 1h on Friday, then Sunday (make-up day) 09:00–10:00.
    expect(dueAt(sh('2026-11-27T17:00:00'), 120, festive)).toEqual(sh('2026-11-29T10:00:00'));
    const holidayMonday: BusinessCalendar = { ...weekdays, holidays: new Set(['2026-11-30']) };
    expect(dueAt(sh('2026-11-27T17:00:00'), 120, holidayMonday)).toEqual(sh('2026-12-01T10:00:00'));
  });
});

describe('pauses while waiting on the customer', () => {
  it('stop the clock for their duration', () => {
    const pauses = [{ from: sh('2026-11-24T11:00:00'), to: sh('2026-11-24T14:00:00') }];
    expect(dueAt(sh('2026-11-24T10:00:00'), 120, weekdays, pauses)).toEqual(sh('2026-11-24T15:00:00'));
  });

  it('an open pause means no due time yet', () => {
    expect(dueAt(sh('2026-11-24T10:00:00'), 120, weekdays, [{ from: sh('2026-11-24T10:30:00'), to: null }])).toBeNull();
  });

  it('a pause outside working hours changes nothing', () => {
    const night = [{ from: sh('2026-11-24T19:00:00'), to: sh('2026-11-25T08:00:00') }];
    expect(dueAt(sh('2026-11-24T17:00:00'), 120, weekdays, night)).toEqual(sh('2026-11-25T10:00:00'));
  });
});

describe('round the clock', () => {
  it('counts every minute, and still honours pauses', () => {
    const cal = ALWAYS_OPEN(TZ);
    expect(dueAt(sh('2026-11-27T23:30:00'), 60, cal)).toEqual(sh('2026-11-28T00:30:00'));
    expect(
      dueAt(sh('2026-11-27T23:30:00'), 60, cal, [{ from: sh('2026-11-28T00:00:00'), to: sh('2026-11-28T08:00:00') }]),
    ).toEqual(sh('2026-11-28T08:30:00'));
  });
});

describe('businessMinutesBetween and slaState', () => {
  it('measures only working, unpaused time', () => {
    expect(businessMinutesBetween(sh('2026-11-27T17:00:00'), sh('2026-11-30T10:00:00'), weekdays)).toBe(120);
    expect(
      businessMinutesBetween(sh('2026-11-24T10:00:00'), sh('2026-11-24T15:00:00'), weekdays, [
        { from: sh('2026-11-24T11:00:00'), to: sh('2026-11-24T14:00:00') },
      ]),
    ).toBe(120);
    expect(businessMinutesBetween(sh('2026-11-24T15:00:00'), sh('2026-11-24T10:00:00'), weekdays)).toBe(0);
  });

  it('classifies the clock for queues', () => {
    const due = sh('2026-11-24T12:00:00');
    expect(slaState(due, sh('2026-11-24T12:00:01'), 60)).toBe('breached');
    expect(slaState(due, sh('2026-11-24T11:50:00'), 60)).toBe('due_soon');
    expect(slaState(due, sh('2026-11-24T11:00:00'), 60)).toBe('on_track');
    expect(slaState(null, sh('2026-11-24T11:00:00'), 60)).toBe('paused');
  });
});

describe('resumeDue after waiting on the customer', () => {
  it('gives back the business time that was left when the clock stopped', () => {
    // Due Tue 15:00; paused Tue 11:00 with 4 business hours left; resumed Thu 10:00 → due Thu 14:00.
    expect(
      resumeDue(sh('2026-11-24T15:00:00'), sh('2026-11-24T11:00:00'), sh('2026-11-26T10:00:00'), weekdays),
    ).toEqual(sh('2026-11-26T14:00:00'));
  });

  it('carries the remainder over closing time and the weekend', () => {
    // 2h left at the pause; resumed Friday 17:00 → 1h on Friday, 1h on Monday.
    expect(
      resumeDue(sh('2026-11-24T13:00:00'), sh('2026-11-24T11:00:00'), sh('2026-11-27T17:00:00'), weekdays),
    ).toEqual(sh('2026-11-30T10:00:00'));
  });

  it('leaves a deadline already missed before the pause, and an absent one, alone', () => {
    const missed = sh('2026-11-24T10:00:00');
    expect(resumeDue(missed, sh('2026-11-24T11:00:00'), sh('2026-11-26T10:00:00'), weekdays)).toEqual(missed);
    expect(resumeDue(null, sh('2026-11-24T11:00:00'), sh('2026-11-26T10:00:00'), weekdays)).toBeNull();
  });

  it('round the clock, shifts by exactly the paused time', () => {
    const cal = ALWAYS_OPEN(TZ);
    expect(resumeDue(sh('2026-11-24T12:00:00'), sh('2026-11-24T10:00:00'), sh('2026-11-25T10:00:00'), cal)).toEqual(
      sh('2026-11-25T12:00:00'),
    );
  });
});
