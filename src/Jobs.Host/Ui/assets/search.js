// The Search page: the form (service, span name, time range, durations, policy, tags) and the result list. The
// form's state lives in the URL (Zipkin's parameter names), so a search can be bookmarked and Back works.
import { h, replace, message } from './dom.js';
import { getJson, serviceNames } from './api.js';
import { navigate } from './nav.js';
import { duration, parseDuration, time, ago, serviceColor } from './format.js';
import { summarize } from './model.js';

const lookbacks = [['5 min', 300_000], ['15 min', 900_000], ['1 hour', 3_600_000], ['6 hours', 21_600_000],
  ['1 day', 86_400_000], ['2 days', 172_800_000], ['7 days', 604_800_000]];
const defaultLookback = 3_600_000;
const knownPolicies = ['errors', 'warnings', 'retries', 'slow', 'debug', 'baseline'];
const sorts = { newest: (a, b) => (b.start ?? 0) - (a.start ?? 0), oldest: (a, b) => (a.start ?? 0) - (b.start ?? 0),
  longest: (a, b) => (b.duration ?? 0) - (a.duration ?? 0), shortest: (a, b) => (a.duration ?? 0) - (b.duration ?? 0) };

export function showSearch(view, params) {
  const abort = new AbortController();
  const results = h('section.results', { 'aria-live': 'polite' });
  const services = serviceNames(abort.signal);
  const form = buildForm(params, services, abort.signal);
  replace(view, h('h1.visually-hidden', null, 'Search traces'), form, results);
  run(params, results, services, abort.signal);
  return () => abort.abort();
}

function field(label, control, hint) {
  return h('label.field', null, h('span', null, label), control, hint ? h('small', null, hint) : null);
}

function select(name, options, value) {
  const el = h('select', { name });
  for (const [text, v] of options) el.append(h('option', { value: v, selected: String(v) === String(value) }, text));
  return el;
}

function buildForm(params, services, signal) {
  const service = select('serviceName', [['all services', '']], '');
  const span = select('spanName', [['all spans', '']], '');
  const remote = select('remoteServiceName', [['any', '']], '');
  const lookback = select('lookback', lookbacks, params.get('lookback') ?? defaultLookback);
  const endTs = h('input', { type: 'datetime-local', name: 'endTs', step: 1 });
  if (params.get('endTs')) endTs.value = localInput(Number(params.get('endTs')));
  const minDuration = h('input', { name: 'minDuration', placeholder: 'e.g. 100ms', size: 8, value: micros(params.get('minDuration')) });
  const maxDuration = h('input', { name: 'maxDuration', placeholder: 'e.g. 2s', size: 8, value: micros(params.get('maxDuration')) });
  const policy = h('input', { name: 'policy', list: 'policies', placeholder: 'any', size: 10, value: params.get('policy') ?? '' });
  const tags = h('input', { name: 'annotationQuery', placeholder: 'error and http.status_code=500', size: 28, value: params.get('annotationQuery') ?? '' });
  const limit = select('limit', [['10', 10], ['20', 20], ['50', 50], ['100', 100]], params.get('limit') ?? 20);
  const sort = select('sort', Object.keys(sorts).map(k => [k, k]), params.get('sort') ?? 'newest');
  const problem = h('div.form-problem', { role: 'alert' });

  // Span and remote service names are per service (Zipkin's /spans and /remoteServices need one).
  const loadPerService = (spanName, remoteName) => {
    span.replaceChildren(h('option', { value: '' }, 'all spans'));
    remote.replaceChildren(h('option', { value: '' }, 'any'));
    if (!service.value) return;
    loadNames(span, '/api/v2/spans', { serviceName: service.value }, spanName, signal);
    loadNames(remote, '/api/v2/remoteServices', { serviceName: service.value }, remoteName, signal);
  };
  services.then(names => {
    fill(service, names, params.get('serviceName'));
    loadPerService(params.get('spanName'), params.get('remoteServiceName'));
  }, () => {});
  service.addEventListener('change', () => loadPerService('', ''));

  const form = h('form.search', { autocomplete: 'off' },
    field('Service', service), field('Span name', span), field('Remote service', remote), field('Last', lookback), field('Ending', endTs, 'empty: now'),
    field('Min duration', minDuration), field('Max duration', maxDuration), field('Kept by policy', policy),
    field('Tags', tags, 'key=value and key, joined by "and"'), field('Limit', limit), field('Sort', sort),
    h('datalist#policies', null, knownPolicies.map(p => h('option', { value: p }))),
    h('div.actions', null, h('button', { type: 'submit' }, 'Find traces')), problem);
  form.addEventListener('submit', e => {
    e.preventDefault();
    const query = new URLSearchParams();
    const add = (k, v) => { if (v !== '' && v !== undefined) query.set(k, String(v)); };
    add('serviceName', service.value);
    add('spanName', span.value);
    add('remoteServiceName', remote.value);
    add('lookback', lookback.value);
    if (endTs.value) add('endTs', new Date(endTs.value).getTime());
    for (const [name, input] of [['minDuration', minDuration], ['maxDuration', maxDuration]]) {
      if (!input.value.trim()) continue;
      const us = parseDuration(input.value);
      if (!Number.isFinite(us)) {
        problem.textContent = `${name}: "${input.value}" is not a duration; write e.g. 250ms, 1.5s or 300us.`;
        input.focus();
        return;
      }
      add(name, us);
    }
    add('policy', policy.value.trim());
    add('annotationQuery', tags.value.trim());
    add('limit', limit.value);
    add('sort', sort.value);
    problem.textContent = '';
    navigate(`/ui/?${query}`);
  });
  return form;
}

const micros = v => (v && Number.isFinite(Number(v)) ? duration(Number(v)) : '');

function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 19) : '';
}

async function loadNames(select, path, params, selected, signal) {
  try {
    const names = await getJson(path, params, signal);
    if (Array.isArray(names)) fill(select, names, selected);
  } catch (e) {
    if (e.name !== 'AbortError') select.title = e.message;
  }
}

function fill(select, names, selected) {
  const list = names.filter(n => typeof n === 'string').slice(0, 5000);
  // A bookmarked search may name something the store no longer holds; the form still shows what was asked.
  if (selected && !list.includes(selected)) list.unshift(selected);
  for (const name of list) select.append(h('option', { value: name, selected: name === selected }, name));
}

async function run(params, results, services, signal) {
  replace(results, h('p.muted', null, 'Searching…'));
  const query = {};
  for (const k of ['serviceName', 'spanName', 'remoteServiceName', 'annotationQuery', 'minDuration', 'maxDuration', 'endTs', 'policy']) query[k] = params.get(k);
  query.lookback = params.get('lookback') ?? defaultLookback;
  query.limit = params.get('limit') ?? 20;
  let traces;
  try {
    [traces] = await Promise.all([getJson('/api/v2/traces', query, signal), services.catch(() => [])]);
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(results, message('error', 'The search failed', e.message));
    return;
  }
  if (!Array.isArray(traces)) {
    replace(results, message('error', 'The search failed', 'The host answered with something that is not a list of traces.'));
    return;
  }
  if (traces.length === 0) {
    const filtered = [...params.keys()].some(k => k !== 'sort' && k !== 'limit');
    replace(results, filtered
      ? message('empty', 'No trace matches.', 'Widen the time range or remove a filter.')
      : message('empty', 'No traces are stored yet.', 'Kept traces appear here within seconds of being sampled: run the demo (dotnet run --project src/Jobs.Host -- demo) or send spans to /api/v2/spans.'));
    return;
  }
  const rows = traces.filter(Array.isArray).map(summarize).sort(sorts[params.get('sort')] ?? sorts.newest);
  replace(results, h('p.muted', null, `${rows.length} trace${rows.length === 1 ? '' : 's'}`), resultTable(rows));
}

function resultTable(rows) {
  const longest = Math.max(1, ...rows.map(r => r.duration ?? 0));
  return h('table.trace-list', null,
    h('thead', null, h('tr', null, ['Root', 'Started', 'Duration', 'Spans', 'Errors', 'Policy', 'Services'].map(t => h('th', null, t)))),
    h('tbody', null, rows.map(r => {
      const bar = h('span.bar');
      bar.style.width = `${Math.max(1, (100 * (r.duration ?? 0)) / longest)}%`;
      return h('tr', { 'data-trace-id': r.traceId, class: r.errorCount ? 'has-error' : undefined },
        h('td', null, h('a.trace-link', { href: `/ui/traces/${encodeURIComponent(r.traceId)}` },
          serviceBadge(r.rootService), ' ', h('span.op', null, r.rootName || '(unnamed)')),
          h('div.id', null, r.traceId)),
        h('td', { title: time(r.start) }, ago(r.start)),
        h('td.num', null, duration(r.duration), h('div.track', null, bar)),
        h('td.num', null, String(r.spanCount)),
        h('td', null, r.errorCount ? h('span.error-mark', { title: `${r.errorCount} span(s) with an error` }, `✖ ${r.errorCount}`) : ''),
        h('td', null, r.policy ? h('span.policy', null, r.policy) : h('span.muted', null, '–')),
        h('td', null, r.services.slice(0, 6).map(serviceBadge), r.services.length > 6 ? ` +${r.services.length - 6}` : ''));
    })));
}

export function serviceBadge(name) {
  const el = h('span.service', null, name);
  el.style.borderLeftColor = serviceColor(name);
  return el;
}
