/**
 * GET /openapi.json (public): the OpenAPI 3.1 description of the API, docs/openapi.json as
 * committed. The file is bundled into the function, so the description served is always the one
 * of the code it describes; it holds schemas and texts only, no personal data.
 */
// Types only: the function bundles the file and nothing of the API's chain.
import type { ApiEvent, ApiResult } from '#shared/http.ts';
import description from '../../docs/openapi.json' with { type: 'json' };

const BODY = JSON.stringify(description);

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // A release changes it; a few minutes of caching spare nothing worth a stale description.
  'Cache-Control': 'public, max-age=300',
  'X-Content-Type-Options': 'nosniff',
};

export async function handler(_event: ApiEvent): Promise<ApiResult> {
  return { statusCode: 200, headers: HEADERS, body: BODY };
}
