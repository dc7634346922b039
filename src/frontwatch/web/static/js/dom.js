// Building DOM nodes from data without ever parsing data as HTML: strings always become text nodes.

// Children as el() takes them: nested arrays flattened, null / undefined / false skipped, strings as text.
function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  return appendChildren(node, children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// Replace a node's content with children given as el() takes them.
export function fill(node, ...children) {
  return appendChildren(clear(node), children);
}

// Only web links may become hrefs: a "javascript:" URL from a feed must never be clickable.
export function safeHref(url) {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

let toastTimer = null;
export function toast(message, milliseconds = 3500) {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, milliseconds);
}
