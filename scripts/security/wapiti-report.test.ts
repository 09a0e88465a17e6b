import { describe, expect, it } from 'vitest';
import { startOobEndpoint } from './oob-endpoint';
import { describe as describeFinding, failingFindings, findingsOf, levelOf, summarise, type WapitiReport } from './wapiti-report';

const report: WapitiReport = {
  vulnerabilities: {
    'SQL Injection': [{ method: 'POST', path: '/sign-in', info: 'SQL Injection via injection in the parameter email\nmore', level: 4, parameter: 'email' }],
    'Content Security Policy Configuration': [{ method: 'GET', path: '/', info: 'CSP "script-src" value is not safe', level: '2', parameter: '' }],
    'HTTP Secure Headers': [
      { method: 'GET', path: '/', info: 'X-XSS-Protection is not set', level: 1 },
      { method: 'GET', path: '/desk', info: 'X-XSS-Protection is not set', level: 1 },
    ],
    'Cross Site Scripting': [],
  },
  anomalies: {
    'Internal Server Error': [{ method: 'GET', path: '/desk/orders', info: 'The server responded with a 500 HTTP error code', level: 3, parameter: 'q' }],
  },
};

describe('levelOf', () => {
  it('reads numbers, digit strings and names; an unreadable level counts as high', () => {
    expect([levelOf(0), levelOf('4'), levelOf('High'), levelOf('moderate'), levelOf(7), levelOf(undefined), levelOf('weird')]).toEqual([0, 4, 3, 2, 4, 3, 3]);
  });
});

describe('wapiti report', () => {
  const findings = findingsOf(report);

  it('flattens vulnerabilities and anomalies', () => {
    expect(findings).toHaveLength(5);
    expect(findings.filter((f) => f.kind === 'anomaly')).toHaveLength(1);
  });

  it('judges reflected XSS, open redirects and a session cookie without HttpOnly as high, whatever wapiti says', () => {
    const raised = findingsOf({
      vulnerabilities: {
        'Cross Site Scripting': [{ method: 'POST', path: '/desk/orders', level: 2, parameter: 'q', info: 'XSS vulnerability found via injection in the parameter q' }],
        'Open Redirect': [{ method: 'GET', path: '/sign-in', level: 1, parameter: 'callbackUrl', info: 'Open Redirect' }],
        'HttpOnly Flag cookie': [
          { level: 1, info: 'HttpOnly flag is not set in the cookie : authjs.session-token' },
          { level: 1, info: 'HttpOnly flag is not set in the cookie : afterdesk-theme' },
        ],
        'Secure Flag cookie': [{ level: 1, info: 'Secure flag is not set in the cookie : authjs.session-token' }],
      },
    });
    expect(failingFindings(raised).map((f) => `${f.category} ${f.wapitiLevel}→${f.level}`)).toEqual([
      'Cross Site Scripting 2→3',
      'Open Redirect 1→3',
      'HttpOnly Flag cookie 1→3',
    ]);
    expect(describeFinding(raised[0]!)).toBe('HIGH (wapiti: medium) Cross Site Scripting: POST /desk/orders [q] — XSS vulnerability found via injection in the parameter q');
  });

  it('fails on high and critical vulnerabilities only', () => {
    expect(failingFindings(findings).map((f) => f.category)).toEqual(['SQL Injection']);
    expect(failingFindings(findingsOf({ vulnerabilities: { CSP: [{ level: 2 }] } }))).toEqual([]);
  });

  it('summarises by kind, level and category, worst first', () => {
    expect(summarise(findings)).toEqual([
      'vulnerability SQL Injection (critical): 1',
      'vulnerability Content Security Policy Configuration (medium): 1',
      'vulnerability HTTP Secure Headers (low): 2',
      'anomaly Internal Server Error (high): 1',
    ]);
  });

  it('describes a finding on one line', () => {
    expect(describeFinding(findings[0]!)).toBe('CRITICAL SQL Injection: POST /sign-in [email] — SQL Injection via injection in the parameter email');
  });
});

describe('out-of-band endpoint', () => {
  it('records requests the scanned app makes and answers wapiti in its shape', async () => {
    const endpoint = await startOobEndpoint(0);
    try {
      expect((await fetch(`${endpoint.url}ssrf/sess1/42/75726c/`)).status).toBe(200);
      expect((await fetch(`${endpoint.url}favicon.ico`)).status).toBe(404);
      const answer = (await (await fetch(`${endpoint.url}get_ssrf.php?id=sess1`)).json()) as Record<string, Record<string, { method: string; url: string }[]>>;
      expect(Object.keys(answer)).toEqual(['42']);
      expect(answer['42']!['75726c']![0]).toMatchObject({ method: 'GET', url: '/ssrf/sess1/42/75726c/' });
      expect(await (await fetch(`${endpoint.url}get_ssrf.php?id=other`)).json()).toEqual({});
    } finally {
      await endpoint.close();
    }
  });
});
