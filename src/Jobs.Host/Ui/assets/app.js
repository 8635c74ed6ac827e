// The page router: one document for /ui/ (search), /ui/traces/{id} and /ui/live, switched without reloading.
import { findTraceId } from './format.js';
import { setToken, token } from './api.js';
import { showSearch } from './search.js';
import { showTrace } from './trace.js';
import { showLive } from './live.js';
import { navigate, notice } from './nav.js';

const view = document.getElementById('view');
let leave = null; // the current page's clean-up (a live tap closes when its page is left)

function route() {
  leave?.();
  leave = null;
  notice('');
  const path = location.pathname;
  const trace = /^\/ui\/traces\/([^/]+)$/.exec(path);
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', (a.dataset.page === 'live') === (path === '/ui/live') && !trace);
  }
  if (trace) {
    document.title = 'Trace · StreamJobs';
    leave = showTrace(view, decodeURIComponent(trace[1]));
  } else if (path === '/ui/live') {
    document.title = 'Live · StreamJobs';
    leave = showLive(view);
  } else {
    document.title = 'Search · StreamJobs';
    leave = showSearch(view, new URLSearchParams(location.search));
  }
}

function openTrace(text) {
  const id = findTraceId(text);
  if (!id) {
    notice('That is not a trace ID: expected 16 or 32 hex digits (a b3 header or a traceparent works too).');
    return false;
  }
  navigate(`/ui/traces/${id}`);
  return true;
}

document.getElementById('open-trace').addEventListener('submit', e => {
  e.preventDefault();
  const input = document.getElementById('trace-id');
  if (openTrace(input.value)) input.value = '';
});

// A trace id pasted anywhere outside a text field opens it.
document.addEventListener('paste', e => {
  const target = e.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable) return;
  const text = e.clipboardData?.getData('text') ?? '';
  if (findTraceId(text)) {
    e.preventDefault();
    openTrace(text);
  }
});

// Links inside the pages switch without a reload; a modified click still opens a new tab.
document.addEventListener('click', e => {
  const a = e.target instanceof Element ? e.target.closest('a[href^="/ui"]') : null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target) return;
  e.preventDefault();
  navigate(a.getAttribute('href'));
});

document.getElementById('token-button').addEventListener('click', () => {
  const value = prompt('Bearer token for this host (StreamJobs:Taps:Token); kept for this tab only. Empty clears it.', token());
  if (value !== null) {
    setToken(value.trim());
    route();
  }
});

window.addEventListener('popstate', route);
window.addEventListener('ui:navigate', route);
route();
