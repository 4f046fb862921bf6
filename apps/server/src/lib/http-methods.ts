const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A method that only reads (RFC 9110 §9.2.1): it changes nothing, so it needs no write rights and no origin check. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);
