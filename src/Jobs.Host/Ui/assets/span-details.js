// One span's details: what it is, its tags and annotations, and its IDs as B3 headers and OTLP/W3C carry them, so
// they can be pasted into logs, curl or another tracing tool.
import { h } from './dom.js';
import { duration, time, otlpTraceId } from './format.js';
import { serviceOf, tagsOf, isError } from './model.js';

const str = v => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function endpoint(e) {
  if (!e || typeof e !== 'object') return '';
  const address = str(e.ipv4) || (e.ipv6 ? `[${str(e.ipv6)}]` : '');
  return [str(e.serviceName), address && (e.port ? `${address}:${str(e.port)}` : address)].filter(Boolean).join(' ');
}

const table = (cls, rows) => h(`table.${cls}`, null, h('tbody', null, rows));
const row = (key, value, cls) => (value === '' || value === undefined ? null : h('tr', { class: cls }, h('th', null, key), h('td', null, value)));

export function spanDetails(span, traceStart) {
  const traceId = str(span.traceId), id = str(span.id), parent = str(span.parentId);
  const offset = typeof span.timestamp === 'number' ? span.timestamp - traceStart : undefined;
  const tags = tagsOf(span);
  const annotations = Array.isArray(span.annotations) ? span.annotations.filter(a => a && typeof a === 'object') : [];
  const sampled = span.debug === true ? 'd' : '1';
  return [
    h('h2', null, serviceOf(span), ' · ', str(span.name) || '(unnamed)', isError(span) ? h('span.error-mark', null, ' ✖ error') : null),
    table('kv', [
      row('Kind', str(span.kind)),
      row('Start', offset === undefined ? '' : `+${duration(offset)} (${time(span.timestamp)})`),
      row('Duration', duration(span.duration)),
      row('Local', endpoint(span.localEndpoint)),
      row('Remote', endpoint(span.remoteEndpoint)),
      row('Shared', span.shared === true ? 'yes' : ''),
      row('Debug', span.debug === true ? 'yes' : ''),
    ]),
    h('h3', null, `Tags (${Object.keys(tags).length})`),
    Object.keys(tags).length
      ? table('kv.tags', Object.keys(tags).sort().map(k => row(k, str(tags[k]), k === 'error' ? 'error' : undefined)))
      : h('p.muted', null, 'none'),
    h('h3', null, `Annotations (${annotations.length})`),
    annotations.length
      ? table('kv.annotations', annotations.map(a => row(
        typeof a.timestamp === 'number' ? `+${duration(a.timestamp - traceStart)}` : '–', str(a.value))))
      : h('p.muted', null, 'none'),
    h('h3', null, 'IDs'),
    table('kv.ids', [
      row('Trace ID', traceId), row('Span ID', id), row('Parent ID', parent),
      row('b3', `${traceId}-${id}-${sampled}${parent ? '-' + parent : ''}`),
      row('X-B3-TraceId', traceId), row('X-B3-SpanId', id), row('X-B3-ParentSpanId', parent),
      row('traceparent', `00-${otlpTraceId(traceId)}-${id}-01`),
      row('OTLP trace_id', otlpTraceId(traceId)), row('OTLP span_id', id), row('OTLP parent_span_id', parent),
    ]),
  ];
}
