import { api, $, $$, el, badge, showError, clearErrors, flash, pollJob, jobView, when } from './common.js';

const root = $('#phone');
const mac = root.dataset.mac;
const path = '/devices/' + encodeURIComponent(root.dataset.hex);
const form = $('#edit');
const KEY_TYPES = ['none', 'line', 'blf', 'speed_dial', 'park', 'dtmf', 'voicemail', 'dnd', 'transfer', 'intercom'];
let device = null;

function input(name, value, label, type = 'text') {
  return el('input', { type, 'data-field': name, value: value ?? '', 'aria-label': label });
}

function lineRow(l, i) {
  return el('tr', { class: 'line' },
    el('td', {}, input(`lines.${i}.index`, l.index ?? i + 1, `Line ${i + 1} index`, 'number')),
    el('td', {}, input(`lines.${i}.extension`, l.extension, `Line ${i + 1} extension`)),
    el('td', {}, input(`lines.${i}.username`, l.username, `Line ${i + 1} SIP user`)),
    el('td', {}, el('input', { type: 'password', 'data-field': `lines.${i}.password`, autocomplete: 'new-password',
      placeholder: l.password_set ? '(unchanged)' : '', 'aria-label': `Line ${i + 1} password` })),
    el('td', {}, input(`lines.${i}.server`, l.server ? (l.port ? `${l.server}:${l.port}` : l.server) : '', `Line ${i + 1} server`)),
    el('td', {}, input(`lines.${i}.label`, l.label, `Line ${i + 1} label`)),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: e => e.target.closest('tr').remove() }, 'Remove')));
}

function keyRow(k, i) {
  const type = el('select', { 'data-field': `settings.keys.${i}.type`, 'aria-label': `Key ${i + 1} type` },
    KEY_TYPES.map(t => el('option', { value: t, selected: t === (k.type || 'blf') }, t)));
  return el('tr', { class: 'key' },
    el('td', {}, input(`settings.keys.${i}.index`, k.index ?? i + 1, `Key ${i + 1} index`, 'number')),
    el('td', {}, type),
    el('td', {}, input(`settings.keys.${i}.value`, k.value, `Key ${i + 1} value`)),
    el('td', {}, input(`settings.keys.${i}.label`, k.label, `Key ${i + 1} label`)),
    el('td', {}, input(`settings.keys.${i}.line`, k.line, `Key ${i + 1} line`, 'number')),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: e => e.target.closest('tr').remove() }, 'Remove')));
}

async function load() {
  try {
    const [d, sites, templates] = await Promise.all([api(path), api('/sites'), api('/templates')]);
    device = d;
    $('#e-site').replaceChildren(...sites.sites.map(s => el('option', { value: s.id, selected: s.id === d.site_id }, s.name)));
    $('#e-template').replaceChildren(el('option', { value: '' }, '(none)'),
      ...templates.templates.filter(t => !t.vendor || t.vendor === d.vendor)
        .map(t => el('option', { value: t.id, selected: t.id === d.template_id }, t.name)));
    for (const n of ['label', 'vendor', 'model']) form.elements[n].value = d[n] || '';
    form.elements.ip_address.value = d.ip_address || '';
    $('#lines tbody').replaceChildren(...d.lines.map(lineRow));
    $('#keys tbody').replaceChildren(...((d.settings && d.settings.keys) || []).map(keyRow));
  } catch (e) { showError(form, e); }
}

$('#add-line').addEventListener('click', () => {
  const n = $$('#lines tbody tr').length;
  $('#lines tbody').append(lineRow({ index: n + 1 }, n));
});
$('#add-key').addEventListener('click', () => {
  const n = $$('#keys tbody tr').length;
  $('#keys tbody').append(keyRow({ index: n + 1, type: 'blf' }, n));
});

function rowValues(tr) {
  const o = {};
  for (const f of $$('[data-field]', tr)) {
    const name = f.dataset.field.split('.').pop();
    if (f.value.trim() === '') continue;
    o[name] = f.type === 'number' ? Number(f.value) : f.value.trim();
  }
  return o;
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  clearErrors(form);
  // Renumber the editors' field names so an error path such as lines.1.username finds its input.
  $$('#lines tbody tr').forEach((tr, i) => $$('[data-field]', tr).forEach(f => { f.dataset.field = f.dataset.field.replace(/^lines\.\d+/, 'lines.' + i); }));
  $$('#keys tbody tr').forEach((tr, i) => $$('[data-field]', tr).forEach(f => { f.dataset.field = f.dataset.field.replace(/^settings\.keys\.\d+/, 'settings.keys.' + i); }));
  const body = { label: form.elements.label.value, model: form.elements.model.value,
    site_id: form.elements.site_id.value, template_id: form.elements.template_id.value,
    lines: $$('#lines tbody tr').map(rowValues) };
  if (form.elements.ip_address.value.trim()) body.ip_address = form.elements.ip_address.value.trim();
  const keys = $$('#keys tbody tr').map(rowValues);
  const settings = Object.assign({}, device && device.settings);
  if (keys.length || settings.keys) { settings.keys = keys; body.settings = settings; }
  try {
    device = await api(path + '/edit', { method: 'POST', body });
    flash('Saved.');
    await load();
  } catch (e) { showError(form, e); }
});

function diffLine(line) {
  const cls = line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '';
  return el('span', { class: cls }, line + '\n');
}

$('#preview-btn').addEventListener('click', async () => {
  try {
    const p = await api(path + '/preview');
    $('#preview-body').textContent = p.body;
    const last = p.last_fetched;
    $('#preview-meta').textContent = `${p.file} (${p.content_type}). ` + (last ? `Last fetched ${when(last.at)}; ${last.changed ? 'changed since' : 'unchanged since'}.` : 'The phone has never fetched this file.');
    const diff = $('#preview-diff');
    if (!last) diff.textContent = '(nothing fetched yet)';
    else if (last.diff_error) diff.textContent = last.diff_error;
    else if (!last.diff || !last.diff.length) diff.textContent = '(no difference)';
    else diff.replaceChildren(...last.diff.map(diffLine));
  } catch (e) { $('#preview-meta').replaceChildren(el('span', { class: 'form-error' }, e.message)); }
});

async function fetches() {
  try {
    const { fetches } = await api(path + '/fetches?limit=50');
    $('#fetches tbody').replaceChildren(...(fetches.length ? fetches.map(f => el('tr', {}, el('td', {}, f.repeats > 1 ? `${when(f.at)} (${f.repeats} times since ${when(f.first_at)})` : when(f.at)), el('td', {}, f.file),
      el('td', {}, f.source_ip), el('td', {}, f.firmware || ''), el('td', {}, f.transport)))
      : [el('tr', {}, el('td', { colspan: 5 }, 'No fetch yet.'))]));
  } catch (e) { /* the device may not exist; the editor shows why */ }
}

for (const b of $$('[data-action]')) {
  b.addEventListener('click', async () => {
    const action = b.dataset.action;
    if (action === 'factory-reset' && !confirm(`Factory reset ${mac}? The phone loses every setting.`)) return;
    const out = $('#action-result');
    out.replaceChildren(el('p', {}, action + ': starting…'));
    try {
      const job = await api(path + '/' + action, { method: 'POST', body: {} });
      await pollJob(job.id, j => out.replaceChildren(jobView(j)));
    } catch (e) { out.replaceChildren(el('p', { class: 'form-error' }, `${action}: ${e.message}`)); }
  });
}

load();
fetches();
