import { api, $, $$, showError, clearErrors, formValues, flash } from './common.js';

const form = $('#settings');

function fill(s) {
  for (const f of $$('[name]', form)) {
    const v = s[f.name];
    if (f.type === 'checkbox') f.checked = !!v;
    else if (Array.isArray(v)) f.value = v.join('\n');
    else f.value = v ?? '';
  }
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  clearErrors(form);
  try { fill(await api('/settings', { method: 'POST', body: formValues(form) })); flash('Settings saved.'); }
  catch (e) { showError(form, e); }
});

api('/settings').then(fill).catch(e => showError(form, e));
