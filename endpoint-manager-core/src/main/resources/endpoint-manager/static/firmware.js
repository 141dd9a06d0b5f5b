import { api, $, el, badge, showError, clearErrors, flash, csrf, BASE, ApiError } from './common.js';

const form = $('#upload');
const mb = n => (n / 1048576).toFixed(1) + ' MB';

async function list() {
  const data = await api('/firmware');
  $('#fw-usage').textContent = `${mb(data.total_bytes)} used of ${mb(data.max_total_bytes)}; at most ${mb(data.max_file_bytes)} per file.`;
  $('#fw-list tbody').replaceChildren(...data.firmware.map(f => el('tr', {},
    el('td', {}, f.vendor), el('td', {}, f.model || '(every model)'), el('td', {}, f.version), el('td', {}, mb(f.size_bytes || f.size || 0)),
    el('td', {}, f.url || f.download_url || ''),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => remove(f) }, 'Delete')))));
}

async function remove(f) {
  if (!confirm(`Delete firmware ${f.vendor} ${f.version}?`)) return;
  try { await api(`/firmware/${encodeURIComponent(f.id)}/delete`, { method: 'POST', body: {} }); await list(); }
  catch (e) { flash(e.message, true); }
}

async function compliance() {
  const data = await api('/firmware/compliance');
  const s = data.summary;
  $('#fw-summary').replaceChildren(...[['Compliant', s.compliant], ['Outdated', s.outdated], ['Unknown', s.unknown], ['No target', s.no_target]]
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  $('#fw-compliance tbody').replaceChildren(...data.devices.slice(0, 500).map(d => el('tr', {},
    el('td', {}, d.mac), el('td', {}, d.label), el('td', {}, d.model), el('td', {}, d.running_version || ''),
    el('td', {}, d.target_version || ''), el('td', {}, badge(d.status)))));
}

// XMLHttpRequest, not fetch: only it reports upload progress.
form.addEventListener('submit', ev => {
  ev.preventDefault();
  clearErrors(form);
  const data = new FormData();
  for (const n of ['vendor', 'model', 'version', 'hw_revision', 'notes']) if (form.elements[n].value.trim()) data.append(n, form.elements[n].value.trim());
  const file = form.elements.file.files[0];
  if (!file) { showError(form, { field: 'file', message: 'Choose a firmware file.' }); return; }
  data.append('file', file);
  const bar = $('#fw-progress'), text = $('#fw-progress-text');
  bar.hidden = false; bar.value = 0;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', BASE + '/firmware');
  xhr.setRequestHeader('X-CSRF-Token', csrf);
  xhr.upload.addEventListener('progress', e => {
    if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); text.textContent = `${bar.value}% (${mb(e.loaded)} of ${mb(e.total)})`; }
  });
  xhr.addEventListener('load', async () => {
    let body = {};
    try { body = JSON.parse(xhr.responseText); } catch (e) { body = { error: xhr.statusText }; }
    if (xhr.status >= 200 && xhr.status < 300) {
      bar.value = 100; text.textContent = 'Uploaded.';
      flash(`Firmware ${body.version} uploaded.`);
      form.elements.file.value = '';
      await list(); await compliance();
    } else { text.textContent = ''; showError(form, new ApiError(xhr.status, body.error || xhr.statusText, body.field)); }
  });
  xhr.addEventListener('error', () => { text.textContent = ''; showError(form, { message: 'The upload failed (connection closed).' }); });
  xhr.send(data);
});

(async () => {
  const { vendors } = await api('/catalog');
  $('#fw-vendor').replaceChildren(...vendors.map(v => el('option', { value: v.id }, v.name)));
  await list();
  await compliance();
})().catch(e => flash(e.message, true));
