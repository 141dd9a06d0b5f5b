import { api, $, el, flash, when } from './common.js';

const form = $('#audit-filter');
const LIMIT = 50;
let offset = 0;

async function load() {
  const q = new URLSearchParams({ offset, limit: LIMIT });
  for (const n of ['actor', 'action', 'target']) if (form.elements[n].value.trim()) q.set(n, form.elements[n].value.trim());
  try {
    const { entries } = await api('/audit?' + q);
    $('#audit tbody').replaceChildren(...(entries.length ? entries.map(e => el('tr', {}, el('td', {}, when(e.at)), el('td', {}, e.actor),
      el('td', {}, e.action), el('td', {}, e.target || ''),
      el('td', {}, el('details', {}, el('summary', {}, 'Show'), el('pre', {}, JSON.stringify(e.detail, null, 2))))))
      : [el('tr', {}, el('td', { colspan: 5 }, 'No entry.'))]));
    $('#a-prev').disabled = offset === 0;
    $('#a-next').disabled = entries.length < LIMIT;
  } catch (e) { flash(e.message, true); }
}

form.addEventListener('submit', ev => { ev.preventDefault(); offset = 0; load(); });
$('#a-prev').addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); load(); });
$('#a-next').addEventListener('click', () => { offset += LIMIT; load(); });
load();
