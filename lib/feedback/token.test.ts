import { describe, expect, it } from 'vitest';
import { signSurveyToken, verifySurveyToken } from './token';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const surveyId = '6c1f1f0e-6a39-4d8e-9d0a-2c7b1e0f3a11';
const now = Date.UTC(2026, 10, 24, 12);
const inAWeek = now + 7 * 86_400_000;

describe('survey tokens', () => {
  it('round-trip until they expire', () => {
    const token = signSurveyToken({ surveyId, expiresAt: inAWeek }, key);
    expect(verifySurveyToken(token, key, now)).toEqual({ ok: true, surveyId });
    expect(verifySurveyToken(token, key, inAWeek - 1000)).toEqual({ ok: true, surveyId });
    expect(verifySurveyToken(token, key, inAWeek)).toEqual({ ok: false, code: 'token_expired' });
  });

  it('refuse a changed payload, a changed signature and another key', () => {
    const token = signSurveyToken({ surveyId, expiresAt: inAWeek }, key);
    const [data, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ s: surveyId, e: Math.floor(inAWeek / 1000) + 86_400 })).toString(
      'base64url',
    );
    expect(verifySurveyToken(`${forged}.${sig}`, key, now)).toEqual({ ok: false, code: 'token_tampered' });
    const flipped = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(verifySurveyToken(`${data}.${flipped}`, key, now)).toEqual({ ok: false, code: 'token_tampered' });
    expect(verifySurveyToken(token, otherKey, now)).toEqual({ ok: false, code: 'token_tampered' });
  });

  it('refuse malformed input without throwing', () => {
    for (const bad of ['', 'abc', 'a.b.c', 'a b.c', '.', `${Buffer.from('not json').toString('base64url')}.x`]) {
      expect(verifySurveyToken(bad, key, now).ok).toBe(false);
    }
  });
});
