/**
 * The local cloud points the adapters at its emulators with the SDK's standard
 * AWS_ENDPOINT_URL_<SERVICE> variables only; this proves the SDK clients the adapters build
 * honour them, so no adapter needs an endpoint setting or a local-only branch of its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let server: Server;
let endpoint: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.headers['x-amz-target'] ?? req.url}`);
      // A well-formed refusal: enough for the client to have proven where it went.
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'EndpointProbe', message: 'probe' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('AWS_ENDPOINT_URL_SFN', endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SESV2', endpoint);
  vi.stubEnv('STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:123456789012:stateMachine:trajectory');
  vi.stubEnv('TASK_STATE_MACHINE_ARN', 'arn:aws:states:eu-west-1:123456789012:stateMachine:human-task');
  vi.stubEnv('MAIL_FROM', 'noreply@example.test');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('adapters built from the environment', () => {
  it('send Step Functions calls to AWS_ENDPOINT_URL_SFN', async () => {
    // Prepare
    const { createWorkflowFromEnv } = await import('#adapters/sfn-workflow.ts');

    // Act
    await expect(createWorkflowFromEnv().start('traj-1', { trajectoryId: 'traj-1' })).rejects.toThrow(
      'probe',
    );

    // Assess
    expect(seen).toContain('AWSStepFunctions.StartExecution');
  });

  it('send SES v2 calls to AWS_ENDPOINT_URL_SESV2', async () => {
    // Prepare
    const { createMailerFromEnv } = await import('#adapters/ses-mailer.ts');

    // Act
    await expect(
      createMailerFromEnv().send({ to: ['a@example.test'], subject: 's', text: 't', html: '<p>h</p>' }),
    ).rejects.toThrow();

    // Assess
    expect(seen).toContain('/v2/email/outbound-emails');
  });
});
