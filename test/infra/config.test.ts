import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '#infra/config.ts';

const configWith = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('readConfig', () => {
  it('synthesizes without any context: no sender yet, base URL from the API, stage dev', () => {
    // Act
    const config = configWith({});

    // Assess
    expect(config).toEqual({
      mailFrom: undefined,
      baseUrl: undefined,
      stage: 'dev',
      stackName: 'verbetertraject-dev',
      retentionYears: 2,
      logRetentionDays: 90,
      cognitoDomainPrefix: undefined,
      sesSandboxRecipients: [],
      filesMaxMb: 10,
      copyLinkDays: 30,
      eventBus: 'stack',
      escalationWebhookUrl: undefined,
      employerName: undefined,
      hrContact: undefined,
      consequenceStatement: {},
    });
  });

  it("reads the employer's own consequence statement per language", () => {
    // Act
    const config = configWith({ consequenceStatementNl: '  Eigen tekst van de werkgever. ' });

    // Assess: trimmed; English keeps the standard text.
    expect(config.consequenceStatement).toEqual({ nl: 'Eigen tekst van de werkgever.' });
    expect(() => configWith({ consequenceStatementEn: 'x'.repeat(2001) })).toThrow('consequenceStatementEn');
  });

  it('reads sesSandboxRecipients as the CLI passes them (commas) and as cdk.json holds them (a list)', () => {
    // Act
    const fromCli = configWith({
      sesSandboxRecipients: ' pieter@example.nl, sanne@example.nl,,pieter@example.nl ',
    });
    const fromJson = configWith({ sesSandboxRecipients: ['pieter@example.nl', 'sanne@example.nl'] });

    // Assess
    expect(fromCli.sesSandboxRecipients).toEqual(['pieter@example.nl', 'sanne@example.nl']);
    expect(fromJson.sesSandboxRecipients).toEqual(['pieter@example.nl', 'sanne@example.nl']);
  });

  it('takes values as the CLI passes them (strings) and as cdk.json holds them (numbers)', () => {
    // Act
    const config = configWith({
      mailFrom: ' hr@example.nl ',
      baseUrl: 'https://pip.example.nl/',
      stage: 'prod',
      retentionYears: '7',
      logRetentionDays: 365,
      cognitoDomainPrefix: 'acme-pip',
      filesMaxMb: '25',
      copyLinkDays: '14',
      employerName: ' Gemeente Voorbeeld ',
      hrContact: 'HR-servicepunt, 020 123 45 67',
    });

    // Assess
    expect(config).toMatchObject({
      mailFrom: 'hr@example.nl',
      baseUrl: 'https://pip.example.nl',
      stage: 'prod',
      stackName: 'verbetertraject-prod',
      retentionYears: 7,
      logRetentionDays: 365,
      cognitoDomainPrefix: 'acme-pip',
      filesMaxMb: 25,
      copyLinkDays: 14,
      employerName: 'Gemeente Voorbeeld',
      hrContact: 'HR-servicepunt, 020 123 45 67',
    });
  });

  it.each([
    ['mailFrom', 'HR <hr@example.nl>'],
    ['mailFrom', 'hr'],
    ['baseUrl', 'http://pip.example.nl'],
    ['baseUrl', 'pip.example.nl'],
    ['stage', 'Prod'],
    ['stage', 'a-very-long-stage-name-indeed'],
    ['retentionYears', '0'],
    ['retentionYears', '1.5'],
    ['logRetentionDays', '100'],
    ['cognitoDomainPrefix', 'my-cognito-login'],
    ['cognitoDomainPrefix', 'Acme'],
    ['stage', { nested: true }],
    ['sesSandboxRecipients', 'pieter@example.nl,example.nl'],
    ['sesSandboxRecipients', 'Pieter <pieter@example.nl>'],
    ['sesSandboxRecipients', [42]],
    ['filesMaxMb', '0'],
    ['filesMaxMb', '101'],
    ['copyLinkDays', '0'],
    ['copyLinkDays', '366'],
    ['copyLinkDays', '7.5'],
    ['eventBus', 'custom'],
    ['employerName', 'x'.repeat(101)],
    ['hrContact', 'HR\nBcc: someone@example.nl'],
    ['escalationWebhookUrl', 'http://hooks.example.nl/x'],
    ['escalationWebhookUrl', 'hooks.example.nl/x'],
  ])('rejects %s = %j, naming the key', (key, value) => {
    expect(() => configWith({ [key]: value })).toThrow(ConfigError);
    expect(() => configWith({ [key]: value })).toThrow(key);
  });
});
