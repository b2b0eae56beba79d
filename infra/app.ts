/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy`). Context values, each optional for synth:
 *
 *   -c mailFrom=hr@example.nl      sender address; deploy asks for it when absent
 *   -c baseUrl=https://pip.example.nl   base of mailed links (default: the API's URL)
 *   -c stage=dev                   stack verbetertraject-<stage>
 *   -c retentionYears=2            years a closed dossier is kept
 *   -c logRetentionDays=90         retention of every log group
 *   -c cognitoDomainPrefix=acme-pip   Cognito hosted sign-in domain (optional)
 *
 * See infra/config.ts for what each one means and how it is checked.
 */
import { createApp } from './create-app.ts';

createApp().app.synth();
