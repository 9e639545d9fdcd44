import { describe, expect, it } from 'vitest';
import { ConfigError, hl7ListenOf, loadConfig, publicUrl, strongSecret } from './config.js';

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

  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://gardeline@db.internal/gardeline',
    REDIS_URL: 'redis://queue.internal:6379',
    PUBLIC_URL: 'https://garde.example.org',
    TWILIO_API_URL: 'https://api.twilio.com',
    TWILIO_AUTH_TOKEN: 'a-real-auth-token-from-twilio',
    SESSION_SECRET: 'Jx3vQ9pLr2Wm8Zt5Kc7Hy4Nb6Fd1Gs0Ae',
    TRUST_PROXY: '1',
  };

  it('accepts a complete production environment, trusting the proxy it names', () => {
    expect(loadConfig(production).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...production, TRUST_PROXY: '10.0.0.2, loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.2',
      'loopback',
    ]);
  });

  it('requires TRUST_PROXY in production behind the https PUBLIC_URL', () => {
    expect(() => loadConfig({ ...production, TRUST_PROXY: undefined })).toThrow(
      /TRUST_PROXY: required/,
    );
    expect(() => loadConfig({ ...production, TRUST_PROXY: '0' })).toThrow(/TRUST_PROXY: required/);
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'everyone' })).toThrow(
      /TRUST_PROXY: a hop/,
    );
  });

  it('refuses an http PUBLIC_URL in production', () => {
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'http://garde.example.org' })).toThrow(
      /PUBLIC_URL: must be https/,
    );
  });

  it('refuses weak session secrets in production, without printing them', () => {
    for (const weak of [
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'abcdabcdabcdabcdabcdabcdabcdabcdabcd',
      'my-gardeline-session-secret-2026-prod',
      'short-but-16-chars',
    ]) {
      expect(() => loadConfig({ ...production, SESSION_SECRET: weak })).toThrow(
        /SESSION_SECRET: too weak/,
      );
      try {
        loadConfig({ ...production, SESSION_SECRET: weak });
      } catch (err) {
        expect(String(err)).not.toContain(weak);
      }
    }
    expect(strongSecret('5f0c3b9e1a7d2c4b8e6f0a1d3c5b7e9f')).toBe(true);
  });

  describe('the hospital feed settings (HL7_*)', () => {
    it('listens on 2575 by default, on any port under test, nowhere in production unless told', () => {
      expect(hl7ListenOf(loadConfig({}))).toEqual({
        port: 2575,
        host: '127.0.0.1',
        yieldsWhenBusy: true,
      });
      expect(hl7ListenOf(loadConfig({ NODE_ENV: 'test' }))?.port).toBe(0);
      expect(hl7ListenOf(loadConfig(production))).toBeNull();
      expect(
        hl7ListenOf(loadConfig({ ...production, HL7_PORT: '2575', HL7_HOST: '0.0.0.0' })),
      ).toEqual({ port: 2575, host: '0.0.0.0', yieldsWhenBusy: false });
      expect(hl7ListenOf(loadConfig({ HL7_PORT: 'off' }))).toBeNull();
    });

    it('refuses half a TLS setting', () => {
      expect(() => loadConfig({ HL7_TLS_CERT: '/etc/gardeline/hl7.pem' })).toThrow(
        /HL7_TLS_KEY: required with HL7_TLS_CERT/,
      );
      expect(() => loadConfig({ HL7_PORT: 'all' })).toThrow(/HL7_PORT/);
    });
  });
});
