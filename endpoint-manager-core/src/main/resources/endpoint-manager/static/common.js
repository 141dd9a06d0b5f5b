// Shared helpers of the console pages: JSON API calls with the session's CSRF token, safe DOM
// building (text only, never HTML strings), field errors next to the field, and job polling.
export const BASE = '/console/endpoint-manager';
export const UI = BASE + '/ui';
const csrfMeta = document.querySelector('meta[name="csrf-token"]');
export const csrf = csrfMeta ? csrfMeta.content : '';

export class ApiError extends Error {
  constructor(status, message, field, data) { super(message); this.status = status; this.field = field; this.data = data; }
}

export async function api(path, { method = 'GET', body, type } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  let payload = body;
  if (body !== undefined && type === undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  if (type) headers['Content-Type'] = type;
  const res = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401) {
    location.href = UI + '/login?next=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiError(401, 'logged out');
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || res.statusText, data && data.field, data);
  return data;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

export function flash(message, bad = false) {
  const f = $('#flash');
  if (!f) return;
  f.replaceChildren(el('p', { class: bad ? 'form-error' : 'badge ok' }, message));
}

export function clearErrors(form) {
  $$('.field-error', form).forEach(e => e.remove());
  $$('[aria-invalid]', form).forEach(e => { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); });
  const fe = $('.form-error', form);
  if (fe) { fe.hidden = true; fe.textContent = ''; }
}

// Puts the API's message next to the field it names (the form keeps every value typed),
// or at the top of the form when no field matches.
export function showError(form, err) {
  clearErrors(form);
  const field = err.field ? findField(form, err.field) : null;
  if (field) {
    const id = (field.id || field.name) + '-error';
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', id);
    field.insertAdjacentElement('afterend', el('p', { class: 'field-error', id }, err.message));
    field.focus();
    return field;
  }
  const fe = $('.form-error', form);
  if (fe) { fe.textContent = err.message; fe.hidden = false; fe.focus && fe.setAttribute('tabindex', '-1'); fe.focus(); }
  else flash(err.message, true);
  return null;
}

function findField(form, name) {
  const dotted = name.replace(/\[(\d+)\]/g, ".$1");
  const candidates = [name, dotted, name.replace(/\.\d+\./, '.'), name.split('.')[0], name.split('[')[0]];
  for (const n of candidates) {
    const f = form.querySelector(`[data-field="${CSS.escape(n)}"]`) || form.querySelector(`[name="${CSS.escape(n)}"]`);
    if (f) return f;
  }
  return null;
}

// Reads named fields: checkboxes as booleans, data-type="number" as integers, data-type="list" as lists.
export function formValues(form, names) {
  const out = {};
  for (const f of $$('[name]', form)) {
    if (names && !names.includes(f.name)) continue;
    if (f.type === 'file' || f.type === 'hidden' && f.name === 'id') continue;
    if (f.type === 'checkbox') out[f.name] = f.checked;
    else if (f.dataset.type === 'number') out[f.name] = f.value.trim() === '' ? null : Number(f.value);
    else if (f.dataset.type === 'list') out[f.name] = f.value.split(/[\s,;]+/).filter(Boolean);
    else out[f.name] = f.value;
  }
  return out;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

// Polls a job until it finishes, calling onUpdate with each state.
export async function pollJob(id, onUpdate) {
  for (;;) {
    const job = await api('/jobs/' + encodeURIComponent(id));
    onUpdate(job);
    if (!['queued', 'running'].includes(job.status)) return job;
    await sleep(500);
  }
}

export function badge(text, kind) { return el('span', { class: 'badge ' + (kind || text) }, text); }

// A job's progress bar and per-phone results.
export function jobView(job) {
  const done = (job.succeeded || 0) + (job.failed || 0);
  const pct = Math.round((job.progress || 0) * 100);
  const bar = el('progress', { max: 100, value: pct, 'aria-label': job.kind + ' progress' });
  const rows = (job.items || []).map(i => el('tr', { 'data-target': i.target },
    el('td', {}, i.target), el('td', {}, badge(i.status)), el('td', {}, i.detail || '')));
  return el('div', { class: 'job', 'data-job': job.id, 'data-status': job.status },
    el('p', {}, `${job.kind}: `, badge(job.status), ` ${done} of ${job.total} finished (${job.succeeded || 0} ok, ${job.failed || 0} failed)`),
    bar,
    el('div', { class: 'table-wrap' }, el('table', { class: 'job-items' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Phone'), el('th', { scope: 'col' }, 'Result'), el('th', { scope: 'col' }, 'Detail'))),
      el('tbody', {}, rows))));
}

export function when(iso) { return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }

const logout = $('#logout');
if (logout) logout.addEventListener('click', async () => {
  try { await api('/session/logout', { method: 'POST', body: {} }); } catch (e) { /* gone already */ }
  location.href = UI + '/login';
});
