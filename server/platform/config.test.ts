import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrl } from './config.js';

describe('loadConfig', () => {
  it('starts with no environment at all (embedded default)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(publicUrl(config)).toBe('http://127.0.0.1:3000');
  });

  it('names each bad variable on its own line', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'nonsense', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"abc"');
      expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('"nonsense"');
      expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
    }
  });

  it('never prints a secret it refuses', () => {
    expect(() => loadConfig({ TWILIO_AUTH_TOKEN: 'short' })).toThrow(
      /TWILIO_AUTH_TOKEN: .*\(got "\*\*\*"\)/,
    );
  });

  it('refuses local defaults in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL: required when NODE_ENV=production/,
    );
  });

  it('uses PUBLIC_URL for signatures when set, without a trailing slash', () => {
    expect(publicUrl(loadConfig({ PUBLIC_URL: 'https://garde.example.org/' }))).toBe(
      'https://garde.example.org',
    );
  });
});
