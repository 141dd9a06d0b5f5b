import { api, $, el, showError, clearErrors, formValues, flash } from './common.js';

const form = $('#source-form');

async function list() {
  const { sources } = await api('/phonebook/sources');
  $('#sources tbody').replaceChildren(...(sources.length ? sources.map(s => el('tr', {},
    el('td', {}, s.name), el('td', {}, s.url), el('td', {}, s.format), el('td', {}, s.enabled ? 'yes' : 'no'),
    el('td', {}, String(s.entries)), el('td', {}, s.last_error || ''),
    el('td', {}, el('button', { type: 'button', onclick: () => act(s, 'refresh') }, 'Refresh'),
      el('button', { type: 'button', class: 'danger', onclick: () => act(s, 'delete') }, 'Delete'))))
    : [el('tr', {}, el('td', { colspan: 7 }, 'No external source.'))]));
}

async function act(s, what) {
  if (what === 'delete' && !confirm(`Delete source ${s.name}?`)) return;
  try { await api(`/phonebook/sources/${encodeURIComponent(s.id)}/${what}`, { method: 'POST', body: {} }); flash(`${s.name}: ${what} done.`); await list(); }
  catch (e) { flash(e.message, true); }
}

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  clearErrors(form);
  try { await api('/phonebook/sources', { method: 'POST', body: formValues(form) }); form.reset(); flash('Source added.'); await list(); }
  catch (e) { showError(form, e); }
});

list().catch(e => flash(e.message, true));
