// Talking to the frontwatch API: every error comes back as {"error": "..."} and is thrown as an Error.

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function parse(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

export async function getJSON(path, params, token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  return parse(await fetch(path + query(params), { headers }));
}

export async function postJSON(path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch(path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }));
}
