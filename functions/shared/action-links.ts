/**
 * Action links: the only credential a manager, employee or HR advisor needs to answer a task
 * is the random token in `<base>/actions/<token>`. Only its SHA-256 is stored, so a copy of the
 * table (a backup, a log of an item) never holds a usable link; the mail holds the only copy.
 *
 * No code compares a token, or its hash, with a stored secret, so there is no comparison to make
 * constant-time: the hash of what the caller sent is the DynamoDB key (`LINK#<hash>`) and the
 * lookup either finds an item or not. Whatever timing that lookup leaks is about the SHA-256 of
 * the caller's own guess, which tells nothing about any real token's preimage. Should a check
 * ever compare secrets in code, it must use `crypto.timingSafeEqual` on equal-length buffers.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 256 bits: well over the 128 the contract asks for, and still a short URL (43 characters). */
export const TOKEN_BYTES = 32;

/** What a token looks like: base64url, no padding. Anything else is not worth a lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

export interface MintedLink {
  /** Goes into the mail, and nowhere else. */
  token: string;
  /** SHA-256 of the token, hex: the key the link is stored and found under. */
  linkHash: string;
}

/** The SHA-256 (hex) of a token, as stored on the task and as the key of its `ActionLink`. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh link token and its hash. */
export function mintActionLink(): MintedLink {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, linkHash: hashToken(token) };
}

/**
 * Whether `value` could be a token this module minted. Lets an endpoint answer 404 for
 * garbage without hashing megabytes or querying the table for it.
 */
export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** `<base>/actions/<token>`; a trailing slash on the base is tolerated. */
export function actionUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/actions/${encodeURIComponent(token)}`;
}

/**
 * `<base>/copy/<token>`: the employee's read-only copy of their dossier (functions/core/employee-copy.ts).
 * A path of its own, so a copy link can never be taken for a task's link, nor the other way round.
 */
export function copyUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/copy/${encodeURIComponent(token)}`;
}
