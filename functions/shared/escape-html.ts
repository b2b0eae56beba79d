/**
 * Escaping text for HTML, shared by the mails' HTML part (functions/core/mails.ts) and the pages
 * (functions/web/html.ts), so both escape the same characters the same way.
 */

/** The five characters that can change the meaning of HTML text or of an attribute value. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
