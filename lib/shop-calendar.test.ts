import { describe, expect, it } from 'vitest';
import {
  currentPreset,
  dayCount,
  daysOf,
  formatDayRange,
  isDay,
  monthsOf,
  presetPeriod,
  previousPeriod,
  shiftDay,
  shopToday,
  weeksOf,
} from './shop-calendar';

describe('shop calendar', () => {
  it('accepts only real YYYY-MM-DD days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(true); // Date.parse rolls it over; the schema's dayField refuses it
    expect(isDay('2026-2-28')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
    expect(isDay(undefined)).toBe(false);
  });

  it('counts and shifts days across month, year and daylight-saving boundaries', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2026-03-29', 1)).toBe('2026-03-30'); // a European DST change changes nothing
    expect(dayCount({ from: '2026-11-01', to: '2026-11-01' })).toBe(1);
    expect(dayCount({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
    expect(daysOf({ from: '2026-11-29', to: '2026-12-02' })).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  it('compares a period with the one of equal length just before it', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });

  it('buckets a period into ISO weeks (starting Monday) and months', () => {
    // 2026-12-03 is a Thursday: its week starts on Monday 2026-11-30.
    expect(weeksOf({ from: '2026-12-03', to: '2026-12-14' })).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
    expect(monthsOf({ from: '2026-11-15', to: '2027-01-02' })).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });

  it("ends the presets on the shop's today and recognises them", () => {
    expect(presetPeriod('7d', '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(presetPeriod('month', '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(currentPreset({ from: '2026-11-04', to: '2026-12-03' }, '2026-12-03')).toBe('30d');
    expect(currentPreset({ from: '2026-11-05', to: '2026-12-03' }, '2026-12-03')).toBeUndefined();
  });

  it("takes today from the shop's time zone, not the server's", () => {
    const instant = Date.parse('2026-12-02T17:30:00Z'); // 01:30 on the 3rd in Shanghai
    expect(shopToday(instant, 'Asia/Shanghai')).toBe('2026-12-03');
    expect(shopToday(instant, 'America/New_York')).toBe('2026-12-02');
  });

  it('writes a period in the reader’s language', () => {
    expect(formatDayRange({ from: '2026-10-01', to: '2026-10-30' }, 'en')).toMatch(/Oct 1\s*–\s*30, 2026/);
    expect(formatDayRange({ from: '2026-10-01', to: '2026-10-01' }, 'zh-CN')).toBe('2026年10月1日');
  });
});
