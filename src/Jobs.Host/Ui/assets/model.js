// What the pages need to know about a trace (a Zipkin v2 span list): its root, time span, services, errors, the
// policy that kept it, and the spans in waterfall order. Span fields may be missing or of the wrong type (the
// store returns what producers sent), so every read is defensive.

const text = v => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const num = v => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export const serviceOf = span => text(span?.localEndpoint?.serviceName) || 'unknown';
export const tagsOf = span => (span && typeof span.tags === 'object' && span.tags !== null && !Array.isArray(span.tags) ? span.tags : {});

/** Zipkin marks a failed span with an "error" tag; OTLP-converted spans may carry otel.status_code=ERROR instead. */
export function isError(span) {
  const tags = tagsOf(span);
  return 'error' in tags || text(tags['otel.status_code']).toUpperCase() === 'ERROR';
}

// The tag the host puts on kept traces' spans to say which sampling policy kept them.
export const policyTags = ['streamjobs.policy', 'sampling.policy'];

/** The policy that kept the trace: the host's own field when it sent one, else the tag on any span. */
export function policyOf(spans) {
  for (const span of spans) {
    const tags = tagsOf(span);
    for (const key of policyTags) if (typeof tags[key] === 'string' && tags[key]) return tags[key];
  }
  return '';
}

/** A summary for the result list and the trace header. */
export function summarize(spans) {
  const list = Array.isArray(spans) ? spans.filter(s => s && typeof s === 'object') : [];
  const ids = new Set(list.map(s => text(s.id)));
  let start = Infinity, end = -Infinity;
  for (const s of list) {
    const ts = num(s.timestamp);
    if (ts === undefined) continue;
    start = Math.min(start, ts);
    end = Math.max(end, ts + (num(s.duration) ?? 0));
  }
  // The root: a span without a parent, else one whose parent never arrived; the earliest of those.
  const roots = list.filter(s => !s.parentId).concat(list.filter(s => s.parentId && !ids.has(text(s.parentId))));
  roots.sort((a, b) => (num(a.timestamp) ?? Infinity) - (num(b.timestamp) ?? Infinity));
  const root = roots[0] ?? list[0];
  return {
    traceId: text(list[0]?.traceId),
    root,
    rootService: root ? serviceOf(root) : '',
    rootName: text(root?.name),
    start: Number.isFinite(start) ? start : undefined,
    duration: Number.isFinite(start) ? Math.max(end - start, num(root?.duration) ?? 0) : num(root?.duration),
    spanCount: list.length,
    errorCount: list.filter(isError).length,
    services: [...new Set(list.map(serviceOf))].sort(),
    policy: policyOf(list),
  };
}

/**
 * Spans in waterfall order: depth-first from the roots, children by start time, each with its depth. Spans whose
 * parent is missing start a tree of their own, and a parent cycle (hostile data) cannot loop: each span is visited once.
 */
export function waterfall(spans) {
  const list = spans.filter(s => s && typeof s === 'object');
  const ids = new Set(list.map(s => text(s.id)));
  const children = new Map();
  const roots = [];
  for (const s of list) {
    const parent = text(s.parentId);
    if (parent && parent !== text(s.id) && ids.has(parent)) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(s);
    } else roots.push(s);
  }
  const byStart = (a, b) => (num(a.timestamp) ?? Infinity) - (num(b.timestamp) ?? Infinity);
  const rows = [];
  const seen = new Set();
  const stack = roots.sort(byStart).reverse().map(span => ({ span, depth: 0 }));
  while (stack.length) {
    const { span, depth } = stack.pop();
    if (seen.has(span)) continue;
    seen.add(span);
    rows.push({ span, depth });
    const kids = (children.get(text(span.id)) ?? []).filter(k => !seen.has(k)).sort(byStart);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i], depth: depth + 1 });
  }
  // Spans only reachable through a cycle have no root; show them at the end rather than lose them.
  for (const s of list) if (!seen.has(s)) rows.push({ span: s, depth: 0 });
  return rows;
}
