// Formatting shared by the pages: durations in microseconds (Zipkin's unit), times, ids, colours.

/** 1234 (µs) → "1.23ms"; the unit grows with the value so lists line up by magnitude. */
export function duration(micros) {
  if (micros === undefined || micros === null || !Number.isFinite(micros)) return '–';
  if (micros < 1000) return `${Math.round(micros)}µs`;
  if (micros < 1_000_000) return `${(micros / 1000).toFixed(micros < 10_000 ? 2 : micros < 100_000 ? 1 : 0)}ms`;
  if (micros < 60_000_000) return `${(micros / 1_000_000).toFixed(2)}s`;
  return `${(micros / 60_000_000).toFixed(1)}min`;
}

/** "250ms", "1.5s", "300us", "2m", "150" (ms) → microseconds, or NaN. The search form's duration fields use it. */
export function parseDuration(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|min)?\s*$/i.exec(text ?? '');
  if (!m) return NaN;
  const scale = { us: 1, 'µs': 1, ms: 1000, s: 1_000_000, m: 60_000_000, min: 60_000_000 }[(m[2] ?? 'ms').toLowerCase()];
  return Math.round(Number(m[1]) * scale);
}

/** Epoch microseconds → local "2026-12-03 12:56:12.345". */
export function time(micros) {
  if (!Number.isFinite(micros)) return '–';
  const d = new Date(micros / 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Epoch microseconds → "12 s ago", for result lists. */
export function ago(micros, nowMs = Date.now()) {
  const s = Math.max(0, Math.round((nowMs - micros / 1000) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A B3/Zipkin trace id: 16 or 32 hex digits. Pasted text is trimmed and may carry a b3 header or traceparent. */
export function findTraceId(text) {
  const t = String(text ?? '').trim();
  if (t.length > 200) return null;
  const parent = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i.exec(t); // W3C traceparent
  if (parent) return parent[1].toLowerCase();
  const m = /^(?:b3:\s*|x-b3-traceid:\s*)?([0-9a-f]{16}|[0-9a-f]{32})(?:-[0-9a-f]{16}(?:-[01d](?:-[0-9a-f]{16})?)?)?$/i.exec(t);
  return m ? m[1].toLowerCase() : null;
}

/** OTLP and W3C carry 16-byte trace ids: a 64-bit B3 id is left-padded with zeros. */
export function otlpTraceId(traceId) {
  return String(traceId).padStart(32, '0');
}

// No red: red marks errors.
const palette = ['#4e79a7', '#f28e2b', '#59a14f', '#499894', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d4a6c8'];
let order = new Map();

/**
 * Services are coloured by their place in the host's sorted service list (/api/v2/services), so the services of one
 * trace get distinct colours and a service keeps its colour on every page; a name not in the list gets a hashed hue.
 */
export function setServiceOrder(names) {
  order = new Map(names.filter(n => typeof n === 'string').map((n, i) => [n, i]));
}

export function serviceColor(name) {
  const i = order.get(name);
  if (i !== undefined) return i < palette.length ? palette[i] : `hsl(${Math.round((i * 137.508) % 360)} 45% 55%)`;
  let hash = 2166136261;
  for (const c of String(name ?? '')) hash = Math.imul(hash ^ c.codePointAt(0), 16777619);
  return `hsl(${(hash >>> 0) % 360} 45% 55%)`;
}
