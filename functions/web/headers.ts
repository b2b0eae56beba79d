/**
 * The Content-Security-Policy of every page. Stylesheet and script come from this origin only
 * (/static/), there is no inline script or style anywhere, forms post back to this origin, and
 * no other site may frame a page. Trusted Types are enforced: the one script writes text, never
 * markup. The script may call this origin, and, where pages attach documents, the bucket's
 * origin the browser uploads them to (`connect-src`; see `contentSecurityPolicy`).
 */
export const CONTENT_SECURITY_POLICY = policy();

/** The policy with `uploadOrigin` (the evidence files' bucket) allowed for the script's uploads. */
export function contentSecurityPolicy(uploadOrigin?: string): string {
  return uploadOrigin ? policy(uploadOrigin) : CONTENT_SECURITY_POLICY;
}

function policy(uploadOrigin?: string): string {
  return [
    "default-src 'none'",
    `connect-src 'self'${uploadOrigin ? ` ${uploadOrigin}` : ''}`,
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}
