import { api, $, el, badge, showError, clearErrors } from './common.js';

const form = $('#import');
const text = $('#csv-text');

$('#csv-file').addEventListener('change', async e => {
  const f = e.target.files[0];
  if (f) text.value = await f.text();
});

function report(r) {
  $('#report').hidden = false;
  const verb = r.dry_run ? 'would be' : r.applied ? 'were' : 'would have been';
  $('#report-summary').textContent = `${r.rows} rows: ${r.created} ${verb} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.errors} refused.`
    + (r.dry_run ? ' Nothing was changed (dry run).' : r.applied ? ' Imported.' : ' Nothing was imported because a row was refused.');
  $('#report-rows tbody').replaceChildren(...r.results.map(x => el('tr', { 'data-line': x.line, class: x.error ? 'row-error' : '' },
    el('td', {}, String(x.line)), el('td', {}, x.mac), el('td', {}, badge(x.action, x.error ? 'bad' : x.action === 'unchanged' ? '' : 'ok')),
    el('td', {}, x.error ? `${x.field}: ${x.error}` : x.changes.join('; ')))));
}

async function run(dry) {
  clearErrors(form);
  try { report(await api('/devices/import?dry_run=' + dry, { method: 'POST', body: text.value, type: 'text/csv' })); }
  catch (e) {
    if (e.status === 422 && e.data && e.data.results) report(e.data);
    else showError(form, e.field === 'body' ? { field: 'body', message: e.message } : e);
  }
}

$('#dry-run').addEventListener('click', () => run(true));
$('#run-import').addEventListener('click', () => run(false));
