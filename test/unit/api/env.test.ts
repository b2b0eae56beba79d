import { afterEach, describe, expect, it, vi } from 'vitest';
import { config, ConfigurationError, optionalEnv, requireEnv, resetEnvCache } from '#shared/env.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe('requireEnv', () => {
  it('fails with the name of a missing variable', () => {
    vi.stubEnv('TABLE_NAME', '');
    expect(() => requireEnv('TABLE_NAME')).toThrow(ConfigurationError);
    expect(() => requireEnv('TABLE_NAME')).toThrow('Missing environment variable TABLE_NAME');
  });

  it('reads a variable once and remembers it', () => {
    vi.stubEnv('TABLE_NAME', 'trajectories');
    expect(requireEnv('TABLE_NAME')).toBe('trajectories');
    vi.stubEnv('TABLE_NAME', 'changed');
    expect(config.tableName).toBe('trajectories');
  });
});

describe('optionalEnv', () => {
  it('falls back when unset or blank', () => {
    vi.stubEnv('SOME_SETTING', '  ');
    expect(optionalEnv('SOME_SETTING', 'default')).toBe('default');
  });
});

describe('config', () => {
  it('checks the state machine ARN', () => {
    vi.stubEnv('STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:123456789012:stateMachine:Trajectory-Abc_1');
    expect(config.stateMachineArn).toBe(
      'arn:aws:states:eu-west-1:123456789012:stateMachine:Trajectory-Abc_1',
    );
    resetEnvCache();
    vi.stubEnv('STATE_MACHINE_ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:x');
    expect(() => config.stateMachineArn).toThrow(/STATE_MACHINE_ARN/);
  });

  it('checks the sender address, with or without a display name', () => {
    vi.stubEnv('MAIL_FROM', 'Verbetertraject <noreply@example.test>');
    expect(config.mailFrom).toBe('Verbetertraject <noreply@example.test>');
    resetEnvCache();
    vi.stubEnv('MAIL_FROM', 'noreply');
    expect(() => config.mailFrom).toThrow(/MAIL_FROM/);
  });

  it('reads the base URL without its trailing slash and refuses what is not a URL', () => {
    vi.stubEnv('BASE_URL', 'https://verbetertraject.example.test/');
    expect(config.baseUrl).toBe('https://verbetertraject.example.test');
    resetEnvCache();
    vi.stubEnv('BASE_URL', 'verbetertraject.example.test');
    expect(() => config.baseUrl).toThrow(/BASE_URL/);
  });
});
