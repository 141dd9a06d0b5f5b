import { api, $, el, showError, clearErrors, flash } from './common.js';

const form = $('#template-form');
let current = null;

// Line numbers beside the code fields; the line an error names is marked.
function gutter(textarea, errorLine) {
  const g = textarea.parentElement.querySelector('.gutter');
  if (!g) return;
  const n = Math.max(1, textarea.value.split('\n').length);
  g.replaceChildren(...Array.from({ length: n }, (_, i) => el('span', { class: i + 1 === errorLine ? 'err' : '' }, String(i + 1) + '\n')));
}
for (const t of [$('#t-raw'), $('#t-custom')]) {
  t.addEventListener('input', () => gutter(t));
  t.addEventListener('scroll', () => { t.parentElement.querySelector('.gutter').scrollTop = t.scrollTop; });
}

async function list() {
  const { templates } = await api('/templates');
  $('#template-list').replaceChildren(...templates.map(t => el('li', {},
    el('button', { type: 'button', onclick: () => edit(t) }, t.name + (t.vendor ? ` (${t.vendor})` : '')))));
}

function edit(t) {
  current = t;
  clearErrors(form);
  form.elements.name.value = t ? t.name : '';
  form.elements.vendor.value = t && t.vendor ? t.vendor : '';
  form.elements.settings.value = JSON.stringify(t ? t.settings : {}, null, 2);
  form.elements.raw_parameters.value = t ? t.raw_parameters : '';
  form.elements.custom_template.value = t && t.custom_template ? t.custom_template : '';
  $('#delete-template').hidden = !t;
  gutter($('#t-raw'));
  gutter($('#t-custom'));
  form.elements.name.focus();
}

// The editor's content as the API takes it; null (with the error shown) when the JSON is invalid.
function editorSettings() {
  try { return JSON.parse(form.elements.settings.value || '{}'); } catch (e) {
    showError(form, { field: 'settings', message: 'Settings are not valid JSON: ' + e.message });
    return null;
  }
}

function editorBody(settings) {
  const body = { name: form.elements.name.value, settings, raw_parameters: form.elements.raw_parameters.value };
  if (form.elements.vendor.value) body.vendor = form.elements.vendor.value;
  if (form.elements.custom_template.value.trim()) body.custom_template = form.elements.custom_template.value;
  return body;
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  clearErrors(form);
  gutter($('#t-raw'));
  gutter($('#t-custom'));
  const settings = editorSettings();
  if (settings === null) return;
  const body = editorBody(settings);
  try {
    current = await api(current ? `/templates/${encodeURIComponent(current.id)}/edit` : '/templates', { method: 'POST', body });
    flash(`Template ${current.name} saved.`);
    await list();
  } catch (e) {
    const field = showError(form, e);
    const m = /line (\d+)/.exec(e.message);
    if (field && m && field.tagName === 'TEXTAREA') gutter(field, Number(m[1]));
  }
});

$('#new-template').addEventListener('click', () => edit(null));
$('#delete-template').addEventListener('click', async () => {
  if (!current || !confirm(`Delete template ${current.name}?`)) return;
  try { await api(`/templates/${encodeURIComponent(current.id)}/delete`, { method: 'POST', body: {} }); edit(null); await list(); }
  catch (e) { showError(form, e); }
});
$('#t-preview').addEventListener('click', async () => {
  clearErrors(form);
  const mac = form.elements.preview_mac.value.trim();
  if (!mac) { showError(form, { field: 'preview_mac', message: 'Enter the MAC of a phone to preview for.' }); return; }
  const settings = editorSettings();
  if (settings === null) return;
  const query = '?mac=' + encodeURIComponent(mac) + (current ? '&template_id=' + encodeURIComponent(current.id) : '');
  try {
    const p = await api('/templates/preview' + query, { method: 'POST', body: editorBody(settings) });
    $('#t-preview-body').textContent = p.body;
    const c = p.current || {};
    $('#t-preview-diff').textContent = c.error ? c.error
      : c.changed ? c.diff.join('\n') : 'Same as the file the phone gets now.';
  } catch (e) {
    const field = e.field && form.elements[e.field] ? e.field : 'preview_mac';
    showError(form, { field, message: e.message });
  }
});

(async () => {
  const { vendors } = await api('/catalog');
  $('#t-vendor').append(...vendors.map(v => el('option', { value: v.id }, v.name)));
  edit(null);
  await list();
})();
