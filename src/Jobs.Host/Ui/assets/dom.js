// Builds DOM nodes from text only. Span names, tags and tap records are hostile input: nothing here parses HTML
// (no innerHTML), strings always become text nodes, and attributes are set by name from a fixed list in code.

/** h('div.cls#id', {attrs}, children...): an element; children are nodes or strings (made text nodes). */
export function h(tag, attrs, ...children) {
  const [name, ...rest] = tag.split(/(?=[.#])/);
  const el = document.createElement(name || 'div');
  for (const part of rest) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'href') el.setAttribute('href', safeHref(value));
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Links are built by this UI only, always to its own pages; anything else (javascript:, data:) becomes inert.
function safeHref(value) {
  const text = String(value);
  return text.startsWith('/') && !text.startsWith('//') ? text : '#';
}

/** Replaces the content of el with the given children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A message box: kind is 'info', 'empty' or 'error'. */
export function message(kind, title, detail) {
  return h(`div.message.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, h('strong', null, title), detail ? h('div', null, detail) : null);
}
