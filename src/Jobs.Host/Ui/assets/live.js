// The Live page: an MQL query run as a tap on the host (POST /taps/query, SSE), its results as they arrive, the
// tap's counters from its $meta events, and a pause that freezes the table without closing the tap.
import { h, replace, message } from './dom.js';
import { getJson, headers, describe } from './api.js';
import { findTraceId } from './format.js';
import { readEvents } from './sse.js';

const keptRows = 500;      // rows on screen; older ones scroll away
const maxColumns = 16;     // a SELECT * of a wide record still fits a laptop screen
const defaultQuery = 'select traceId, rootService, rootName, durationMicros, spanCount, hasError, policy from sampled-traces';
const counters = ['delivered', 'matched', 'emitted', 'dropped', 'tapDropped', 'rateLimited', 'overBudget'];
let lastQuery = defaultQuery; // kept while the tab lives, so leaving and coming back keeps the query

export function showLive(view) {
  const state = { abort: null, paused: false, held: [], received: 0, heldDropped: 0, columns: [] };
  const query = h('textarea#live-query', { rows: 3, spellcheck: 'false', 'aria-label': 'MQL query' });
  query.value = lastQuery;
  const duration = h('select#live-duration', { 'aria-label': 'Tap duration' },
    [['until stopped', ''], ['10 s', '10s'], ['1 min', '1m'], ['10 min', '10m'], ['1 hour', '1h']].map(([t, v]) => h('option', { value: v }, t)));
  const run = h('button#live-run', { type: 'submit' }, 'Run');
  const pause = h('button#live-pause', { type: 'button', disabled: true }, 'Pause');
  const stop = h('button#live-stop', { type: 'button', disabled: true }, 'Stop');
  const status = h('div#live-status.live-status', { role: 'status' });
  const meta = h('dl#live-meta.meta');
  const streams = h('div.streams');
  const table = h('table#live-records.records');
  const problem = h('div#live-problem');

  const form = h('form.live', { autocomplete: 'off' }, query,
    h('div.actions', null, run, pause, stop, h('label.inline', null, 'for ', duration), streams));
  replace(view, h('h1.visually-hidden', null, 'Live tap'), form, problem, status, meta, table);

  const setRunning = running => {
    run.disabled = running;
    stop.disabled = !running;
    pause.disabled = !running;
  };
  const finish = text => {
    state.abort = null;
    setRunning(false);
    if (text) status.textContent = text;
  };

  form.addEventListener('submit', e => {
    e.preventDefault();
    lastQuery = query.value;
    start(state, query.value, duration.value, { status, meta, table, problem }, setRunning, finish);
  });
  query.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
  });
  stop.addEventListener('click', () => { state.abort?.abort(); finish('Stopped.'); });
  pause.addEventListener('click', () => {
    state.paused = !state.paused;
    pause.textContent = state.paused ? 'Resume' : 'Pause';
    pause.classList.toggle('active', state.paused);
    if (!state.paused) {
      for (const record of state.held) addRow(state, table, record);
      state.held = [];
      state.heldDropped = 0;
    }
    showHeld(state, status);
  });
  listStreams(streams, query);
  return () => state.abort?.abort();
}

async function listStreams(el, query) {
  try {
    const streams = await getJson('/taps');
    if (!Array.isArray(streams)) return;
    el.append('streams: ');
    for (const s of streams.slice(0, 50)) {
      if (typeof s?.name !== 'string') continue;
      const b = h('button.link', { type: 'button', title: Array.isArray(s.shape) ? s.shape.join(', ') : '' }, s.name);
      b.addEventListener('click', () => { query.value = `select * from ${s.name}`; query.focus(); });
      el.append(b, ' ');
    }
  } catch (e) {
    el.append(h('span.muted', null, e.message));
  }
}

async function start(state, text, duration, ui, setRunning, finish) {
  state.abort?.abort();
  const abort = new AbortController();
  Object.assign(state, { abort, held: [], received: 0, heldDropped: 0, columns: [], ended: undefined });
  replace(ui.problem);
  replace(ui.table);
  replace(ui.meta);
  ui.status.textContent = 'Opening the tap…';
  setRunning(true);
  let response;
  try {
    response = await fetch(`/taps/query${duration ? `?duration=${encodeURIComponent(duration)}` : ''}`, {
      method: 'POST', body: text, signal: abort.signal,
      headers: headers({ Accept: 'text/event-stream', 'Content-Type': 'text/plain; charset=utf-8' }),
    });
  } catch (e) {
    if (e.name !== 'AbortError') finish(`The host did not answer (${e.message}).`);
    return;
  }
  if (!response.ok) {
    const body = await response.text();
    let json = null;
    try { json = JSON.parse(body); } catch { /* described as text */ }
    replace(ui.problem, message('error', response.status === 400 ? 'The query is not valid' : 'The tap was refused',
      [describe(response.status, json, body), json && typeof json.caret === 'string' ? h('pre.caret', null, json.caret) : null]));
    finish('');
    ui.status.textContent = '';
    return;
  }
  ui.status.textContent = 'Tap open; waiting for records…';
  try {
    await readEvents(response.body, (type, data) => onEvent(state, ui, type, data));
    if (state.abort === abort) finish(state.ended ?? 'The tap ended.');
  } catch (e) {
    if (e.name !== 'AbortError') finish(`The tap broke off: ${e.message}`);
  }
}

function onEvent(state, ui, type, data) {
  let value;
  try { value = JSON.parse(data); } catch { return; }
  if (type === 'meta' || (value && typeof value === 'object' && '$meta' in value)) {
    showMeta(state, ui, value?.$meta ?? {});
    return;
  }
  state.received++;
  if (state.paused) {
    state.held.push(value);
    if (state.held.length > keptRows) { state.held.shift(); state.heldDropped++; }
    showHeld(state, ui.status);
  } else {
    addRow(state, ui.table, value);
    ui.status.textContent = `${state.received} record${state.received === 1 ? '' : 's'} received`;
  }
}

function showMeta(state, ui, meta) {
  const items = counters.filter(k => typeof meta[k] === 'number').map(k =>
    [h('dt', null, k), h('dd', { 'data-counter': k, class: k !== 'delivered' && k !== 'matched' && k !== 'emitted' && meta[k] > 0 ? 'warn' : undefined }, meta[k].toLocaleString())]);
  if (Array.isArray(meta.unknownProperties) && meta.unknownProperties.length)
    items.push([h('dt', null, 'unknown'), h('dd.warn', null, meta.unknownProperties.map(String).join(', ') + ' (read as null)')]);
  if (items.length) replace(ui.meta, items);
  if (typeof meta.end === 'string') state.ended = `The tap ended: ${meta.end}${typeof meta.reason === 'string' ? ` (${meta.reason})` : ''}.`;
}

function showHeld(state, status) {
  status.textContent = state.paused
    ? `Paused: ${state.held.length} new record${state.held.length === 1 ? '' : 's'} held${state.heldDropped ? `, ${state.heldDropped} older ones let go` : ''}; the tap stays open.`
    : `${state.received} records received`;
}

function addRow(state, table, record) {
  const fields = record && typeof record === 'object' && !Array.isArray(record) ? record : { value: record };
  if (!state.columns.length) {
    state.columns = Object.keys(fields).slice(0, maxColumns);
    replace(table, h('thead', null, h('tr', null, state.columns.map(c => h('th', null, c)))), h('tbody'));
  }
  const body = table.tBodies[0];
  const tr = h('tr', null, state.columns.map(c => h('td', null, cell(c, fields[c]))));
  body.prepend(tr);
  while (body.rows.length > keptRows) body.deleteRow(body.rows.length - 1);
}

function cell(column, value) {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const shown = text.length > 300 ? text.slice(0, 300) + '…' : text;
  if (/^traceId$/i.test(column) && findTraceId(text)) return h('a', { href: `/ui/traces/${findTraceId(text)}` }, shown);
  return shown;
}
