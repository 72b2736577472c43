import { randomBytes } from 'node:crypto';

/**
 * A caller's x-request-id is kept only if it is short and plain, so it cannot bloat or forge log lines:
 * the request line writes it unescaped (see RequestLogFields).
 */
const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** 128 random bits per id, as 32 lower-case hex digits: as unlikely to repeat as a UUID's 122. */
const ID_HEX_DIGITS = 32;
/** Ids made from one call to crypto.randomBytes. */
const IDS_PER_BATCH = 256;

let batch = '';
let nextOffset = 0;

/**
 * A new request id, e.g. 5f0c2b9e8d7a41c3b6e2f19a0d4c7e58. Every request without a usable id of its own
 * needs one, a cache hit included, so ids are cut from one hex string of random bytes per 256 ids instead of
 * one randomUUID (a random fill, a format and a concatenation) each: a slice of a flat string costs a few
 * tens of nanoseconds.
 */
export function newRequestId(): string {
  if (nextOffset === batch.length) {
    batch = randomBytes((IDS_PER_BATCH * ID_HEX_DIGITS) / 2).toString('hex');
    nextOffset = 0;
  }
  const id = batch.slice(nextOffset, nextOffset + ID_HEX_DIGITS);
  nextOffset += ID_HEX_DIGITS;
  return id;
}

/** The caller's x-request-id if it is safe to log, else a new id. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : newRequestId();
}
