import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, REDACTED, redactPersonalData, scrub } from '#shared/observability.ts';

/** Every line the logger writes while `act` runs. */
async function captureLogLines(act: () => void | Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
  return written.join('').split('\n').filter(Boolean);
}

const EMPLOYEE = { name: 'Eva de Vries', email: 'eva.devries@example.test' };
const MANAGER = { name: 'Mark Jansen', email: 'Mark.Jansen@Example.test' };
const TASK_TOKEN = `AQCEAAAAKgAAAAMAAAAA${'x9Yz'.repeat(40)}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the logger', () => {
  it('never writes a name, an e-mail address or a token, at any depth or in any text', async () => {
    // Prepare
    const logger = createLogger({ logLevel: 'DEBUG', serviceName: 'test' });

    // Act
    const lines = await captureLogLines(() => {
      logger.info('Trajectory created', {
        trajectory: {
          id: 'traj-1',
          employee: EMPLOYEE,
          manager: MANAGER,
          hrAdvisor: EMPLOYEE,
          reason: 'Gemiste deadlines',
        },
      });
      logger.info(`Mail sent to ${EMPLOYEE.email}`, {
        mail: { to: [MANAGER.email], subject: 'Actie gevraagd' },
      });
      logger.debug('Deep', { a: [{ b: { c: [{ d: { name: EMPLOYEE.name, fullName: EMPLOYEE.name } }] } }] });
      logger.warn('Waiting', {
        taskToken: TASK_TOKEN,
        payload: { 'task-token': TASK_TOKEN, link: `https://x.test/actions/${'k'.repeat(43)}` },
      });
      logger.error('Mail failed', new Error(`Email address is not verified: ${MANAGER.email}`));
      logger.error('Wrapped', {
        error: new Error('outer', { cause: new Error(`inner for ${EMPLOYEE.email}`) }),
      });
      logger.info('Request', {
        headers: { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6ImV2YSJ9.c2ln' },
      });
      logger.info('Free text', {
        note: `token eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6ImV2YSJ9.c2ln and ${TASK_TOKEN}`,
      });
    });

    // Assess
    expect(lines).toHaveLength(8);
    const all = lines.join('\n');
    for (const secret of [
      EMPLOYEE.name,
      EMPLOYEE.email,
      MANAGER.name,
      MANAGER.email,
      'Mark.Jansen',
      'eva.devries',
      '@example.test',
      '@Example.test',
      'Gemiste deadlines',
      TASK_TOKEN,
      'k'.repeat(43),
      'eyJ',
    ]) {
      expect(all).not.toContain(secret);
    }
    // Still useful: structure, ids, error types and the place of what was removed.
    const first = JSON.parse(lines[0]!);
    expect(first.message).toBe('Trajectory created');
    expect(first.trajectory).toEqual({
      id: 'traj-1',
      employee: REDACTED,
      manager: REDACTED,
      hrAdvisor: REDACTED,
      reason: REDACTED,
    });
    expect(JSON.parse(lines[1]!).message).toBe('Mail sent to [email]');
    const error = JSON.parse(lines[4]!).error;
    expect(error.type).toBe('Error');
    expect(error.message).toBe('Email address is not verified: [email]');
    expect(JSON.parse(lines[5]!).error.cause.message).toBe('inner for [email]');
  });
});

describe('redaction helpers', () => {
  it('recognises personal keys whatever their case or separators', () => {
    expect(redactPersonalData('Email', 'a@b.test')).toBe(REDACTED);
    expect(redactPersonalData('hr_advisor', { name: 'x' })).toBe(REDACTED);
    expect(redactPersonalData('task-token', 'x')).toBe(REDACTED);
    expect(redactPersonalData('trajectoryId', 'traj-1')).toBe('traj-1');
    expect(redactPersonalData('count', 3)).toBe(3);
  });

  it('scrubs addresses, bearer tokens and action links out of text', () => {
    expect(scrub('to <eva@example.test>, cc jan.de.boer+hr@sub.example.nl')).toBe('to <[email]>, cc [email]');
    expect(scrub('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(scrub('GET /actions/Zm9vYmFy?x=1')).toBe('GET /actions/[redacted]?x=1');
    expect(scrub('trajectory traj-1 moved to plan')).toBe('trajectory traj-1 moved to plan');
  });

  it('scrubs copy links, link paths inside another URL and the secrets of a query', () => {
    expect(scrub('GET /copy/Zm9vYmFy/dossier.pdf')).toBe('GET /copy/[redacted]/dossier.pdf');
    expect(scrub('?next=%2Fcopy%2FZm9vYmFy&x=1')).toBe('?next=%2Fcopy%2F[redacted]&x=1');
    expect(scrub('/auth/callback?code=abc123&state=def456')).toBe(
      '/auth/callback?code=[redacted]&state=[redacted]',
    );
    expect(scrub('f1?X-Amz-Credential=AKIA%2Fx&X-Amz-Signature=0abc')).toBe(
      'f1?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]',
    );
  });

  it("drops every credential's value by the end of its name, and the event's cookies and query", () => {
    for (const key of [
      'csrfToken',
      'x-csrf-token',
      'X-Amz-Signature',
      'codeVerifier',
      'cookies',
      'rawQueryString',
    ]) {
      expect(redactPersonalData(key, 'secret-value')).toBe(REDACTED);
    }
    expect(redactPersonalData('tokenCount', 3)).toBe(3);
  });
});
