/**
 * GET /static/{file} (public): the stylesheet and the script of the web pages. Both are part of
 * the code (functions/web/assets/), so a page and its assets always come from the same release;
 * a URL that names the current version (`?v=`) may be cached for a year.
 */
import type { ApiEvent, ApiResult } from '#shared/http.ts';
import { header } from '#shared/http.ts';
import { ASSETS } from '#web/assets.ts';

const NOT_FOUND: ApiResult = {
  statusCode: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  body: 'Not Found',
};

export async function handler(event: ApiEvent): Promise<ApiResult> {
  const name = event.pathParameters?.file ?? '';
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return NOT_FOUND;
  const etag = `"${asset.version}"`;
  const current = event.queryStringParameters?.v === asset.version;
  const headers = {
    'Content-Type': asset.contentType,
    'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  if (header(event, 'if-none-match') === etag) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers, body: asset.body };
}
