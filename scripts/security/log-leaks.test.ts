import { describe, expect, it } from 'vitest';
import { findLeaks, PASSWORD_HASH } from './log-leaks';

const markers = [
  { label: 'the scanner e-mail', value: 'wapiti2021@mailinator.com' },
  { label: 'a password hash', value: PASSWORD_HASH },
  { label: 'AUTH_SECRET', value: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=' },
  { label: 'too short', value: 'abc' },
];

describe('findLeaks', () => {
  it('finds known values in log lines and hides them in the example', () => {
    const log = [
      '{"level":50,"err":{"message":"Failed query: insert into users\\nparams: wapiti2021@mailinator.com,x,customer,$argon2id$v=19$m=19456,t=2,p=1$K1X5eiNhm2X4ZYOaSGsl+w$HlkNLlCmC+/W3NdWIjBurASEIVFbw5BKtpzNcExmn2s"},"msg":"action failed"}',
      '{"level":50,"msg":"action failed","email":"[redacted]"}',
      'params: [ \'wapiti2021@mailinator.com\' ]',
      'abc abc abc',
    ].join('\n');
    expect(findLeaks(log, markers)).toEqual([
      {
        label: 'the scanner e-mail',
        count: 2,
        example: '{"level":50,"err":{"message":"Failed query: insert into users\\nparams: [the scanner e-mail],x,customer,[a password hash]"},"msg":"action failed"}',
      },
      {
        label: 'a password hash',
        count: 1,
        example: '{"level":50,"err":{"message":"Failed query: insert into users\\nparams: [the scanner e-mail],x,customer,[a password hash]"},"msg":"action failed"}',
      },
    ]);
  });

  it('leaves alone what npm run demo prints on purpose', () => {
    const banner = ['  Demo accounts (password: afterdesk-demo)', '    wapiti2021@mailinator.com  customer', ''].join('\n');
    expect(findLeaks(banner, [...markers, { label: 'the demo password', value: 'afterdesk-demo' }])).toEqual([]);
  });
});
