import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './index';

describe('parseEnv', () => {
  it('needs nothing for the demo', () => {
    const e = parseEnv({ NODE_ENV: 'development' });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e).toMatchObject({ SHOP_TIMEZONE: 'Asia/Shanghai', DEFAULT_LOCALE: 'zh-CN', DATA_DIR: '.data' });
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(parseEnv({ NODE_ENV: 'development', DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('names the variable and the fix for a bad value', () => {
    expect(() => parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a PostgreSQL URL/,
    );
    expect(() => parseEnv({ NODE_ENV: 'development', SHOP_TIMEZONE: 'Mars/Base' })).toThrow(/SHOP_TIMEZONE/);
    expect(() => parseEnv({ NODE_ENV: 'development', AUTH_SECRET: 'short' })).toThrow(EnvError);
  });
});
