// The Trace page: a header with the trace's summary, a waterfall of its spans by time (services coloured, errors
// marked) and the selected span's details.
import { h, replace, message } from './dom.js';
import { getJson, serviceNames } from './api.js';
import { duration, time, findTraceId, serviceColor } from './format.js';
import { summarize, waterfall, serviceOf, isError } from './model.js';
import { serviceBadge } from './search.js';
import { spanDetails } from './span-details.js';

// Past this many rows the page would stop being quick to draw; the rest are counted, not shown.
const maxRows = 3000;

export function showTrace(view, rawId) {
  const abort = new AbortController();
  const id = findTraceId(rawId);
  if (!id) {
    replace(view, message('error', 'That is not a trace ID.', 'A trace ID is 16 or 32 hex digits.'));
    return () => {};
  }
  replace(view, h('p.muted', null, `Loading trace ${id}…`));
  load(view, id, abort.signal);
  return () => abort.abort();
}

async function load(view, id, signal) {
  let spans;
  try {
    [spans] = await Promise.all([getJson(`/api/v2/trace/${id}`, {}, signal), serviceNames(signal)]);
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(view, e.status === 404
      ? message('empty', `No trace ${id} is stored.`, 'Only traces a sampling policy kept are stored, and retention removes old ones. Search lists what is there.')
      : message('error', `Trace ${id} could not be loaded`, e.message));
    return;
  }
  if (!Array.isArray(spans) || spans.length === 0) {
    replace(view, message('empty', `No trace ${id} is stored.`, 'Search lists the traces that are.'));
    return;
  }
  render(view, spans);
}

function render(view, spans) {
  const s = summarize(spans);
  const rows = waterfall(spans);
  const details = h('aside.details', { 'aria-label': 'Span details' }, h('p.muted', null, 'Select a span to see its tags, annotations and IDs.'));
  const list = h('div.waterfall', { role: 'list' });
  const start = s.start ?? 0;
  const total = Math.max(1, s.duration ?? 1);
  let selected = null;
  const select = (row, el) => {
    selected?.classList.remove('selected');
    selected = el;
    el.classList.add('selected');
    replace(details, spanDetails(row.span, start));
  };
  for (const row of rows.slice(0, maxRows)) list.append(spanRow(row, start, total, select));
  replace(view,
    h('section.trace-head', null,
      h('h1', null, serviceBadge(s.rootService), ' ', h('span.op', null, s.rootName || '(unnamed)')),
      h('dl.facts', null,
        fact('Trace ID', h('code', null, s.traceId)), fact('Started', time(s.start)), fact('Duration', duration(s.duration)),
        fact('Spans', String(s.spanCount)), fact('Services', String(s.services.length)),
        fact('Errors', s.errorCount ? h('span.error-mark', null, `✖ ${s.errorCount}`) : '0'),
        fact('Kept by', s.policy ? h('span.policy', null, s.policy) : '–')),
      h('div.legend', null, s.services.map(serviceBadge))),
    rows.length > maxRows ? message('info', `Showing the first ${maxRows} of ${rows.length} spans.`) : null,
    h('div.trace-body', null, h('div.waterfall-box', null, ruler(total), list), details));
  const first = list.querySelector('.span-row.error') ?? list.querySelector('.span-row');
  first?.click();
}

const fact = (name, value) => [h('dt', null, name), h('dd', null, value)];

function ruler(total) {
  return h('div.ruler', { 'aria-hidden': 'true' }, h('div.label-col', null, 'Service · span'),
    h('div.ticks', null, [0, 0.25, 0.5, 0.75, 1].map(f => {
      const tick = h('span.tick', null, duration(total * f));
      tick.style.left = `${f * 100}%`;
      return tick;
    })));
}

function spanRow(row, start, total, select) {
  const { span, depth } = row;
  const service = serviceOf(span);
  const ts = typeof span.timestamp === 'number' ? span.timestamp : start;
  const dur = typeof span.duration === 'number' ? span.duration : 0;
  const bar = h('span.span-bar', null);
  bar.style.left = `${Math.min(100, Math.max(0, ((ts - start) / total) * 100))}%`;
  bar.style.width = `${Math.max(0.2, Math.min(100, (dur / total) * 100))}%`;
  bar.style.background = serviceColor(service);
  const label = h('div.label-col', null, h('span.service-name', null, service), ' ', h('span.op', null, String(span.name ?? '')));
  label.style.paddingLeft = `${0.3 + Math.min(depth, 30) * 0.8}em`;
  label.style.borderLeftColor = serviceColor(service);
  const error = isError(span);
  const el = h('div.span-row', { role: 'listitem', tabindex: 0, class: error ? 'span-row error' : 'span-row', 'data-span-id': String(span.id ?? '') },
    label, h('div.timeline', null, bar, h('span.span-duration', null, (error ? '✖ ' : '') + duration(dur))));
  el.addEventListener('click', () => select(row, el));
  el.addEventListener('keydown', e => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(row, el); }
    if (e.key === 'ArrowDown') el.nextElementSibling?.focus();
    if (e.key === 'ArrowUp') el.previousElementSibling?.focus();
  });
  return el;
}
