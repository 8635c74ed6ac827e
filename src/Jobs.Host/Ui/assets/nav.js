// Moving between pages without a reload, and the notice line under the header. Kept apart from app.js so pages can
// navigate without importing the router that imports them.

/** Goes to a /ui URL; the router (app.js) listens for the event and shows the page. */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('ui:navigate'));
}

/** A line under the header, for messages that belong to no page (a pasted id that is not one). */
export function notice(text) {
  const el = document.getElementById('notice');
  el.textContent = text;
  el.hidden = !text;
}
