/**
 * The Content-Security-Policy of every page. Stylesheet and script come from this origin only
 * (/static/), there is no inline script or style anywhere, forms post back to this origin, and
 * no other site may frame a page. Trusted Types are enforced: the one script writes text, never
 * markup.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');
