import { setServiceOrder } from './format.js';

// Requests to the host's own API. A token (StreamJobs:Taps:Token) is kept for this tab only and sent as a bearer
// header; without one the host answers loopback requests, as its access rules say.

const tokenKey = 'streamjobs.token';

export function token() {
  return sessionStorage.getItem(tokenKey) ?? '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(tokenKey, value);
  else sessionStorage.removeItem(tokenKey);
}

export function headers(extra = {}) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

/** An answer the page can show: the host's own message when it sent one. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** GET path (with query params, empty ones left out) → parsed JSON; throws ApiError with a readable message. */
export async function getJson(path, params = {}, signal) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  const url = query.size ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: headers({ Accept: 'application/json' }), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, `The host did not answer (${e.message}). Is it still running?`);
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* a non-JSON answer is described below */ }
  if (!response.ok) throw new ApiError(response.status, describe(response.status, body, text), body);
  if (body === null && text) throw new ApiError(response.status, `The host answered ${url} with something that is not JSON.`);
  return body;
}

export function describe(status, body, text) {
  const said = body && typeof body === 'object' && typeof body.error === 'string' ? body.error
    : body && typeof body === 'object' && typeof body.message === 'string' ? body.message
    : (text ?? '').slice(0, 300);
  if (status === 401) return `The host needs a token (${said}). Set it with the Token button.`;
  if (status === 403) return `The host refused: ${said}`;
  if (status === 404 && !said) return 'Not found.';
  return said || `The host answered ${status}.`;
}

/** The host's service names, sorted; also sets the service colours' order. An error leaves the colours hashed. */
export async function serviceNames(signal) {
  try {
    const names = await getJson('/api/v2/services', {}, signal);
    const list = Array.isArray(names) ? names.filter(n => typeof n === 'string') : [];
    setServiceOrder(list);
    return list;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    return [];
  }
}
