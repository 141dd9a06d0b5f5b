import { api, $, el, showError, flash, when, UI } from './common.js';

let templates = [];

function adoptForm(d) {
  const id = 'x-' + d.mac.replaceAll(':', '');
  const form = el('form', { class: 'adopt', novalidate: true, 'aria-label': 'Adopt ' + d.mac },
    el('div', { class: 'form-error', role: 'alert', hidden: true }),
    el('label', { for: id + '-ext' }, 'Extension'), el('input', { id: id + '-ext', name: 'extension', required: true }),
    el('label', { for: id + '-tpl' }, 'Template'),
    el('select', { id: id + '-tpl', name: 'template_id' }, el('option', { value: '' }, '(none)'),
      templates.filter(t => !t.vendor || t.vendor === d.vendor).map(t => el('option', { value: t.id }, t.name))),
    el('label', { for: id + '-label' }, 'Label'), el('input', { id: id + '-label', name: 'label' }),
    el('button', { type: 'submit' }, 'Adopt'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {};
    for (const n of ['extension', 'template_id', 'label']) if (form.elements[n].value.trim()) body[n] = form.elements[n].value.trim();
    try {
      const r = await api('/discovery/' + encodeURIComponent(d.mac) + '/adopt', { method: 'POST', body });
      flash(`Adopted ${r.adopted}.`);
      form.closest('tr').replaceChildren(el('td', { colspan: 7 }, 'Adopted ', el('a', { href: UI + '/phones/' + r.adopted.replaceAll(':', '') }, r.adopted)));
    } catch (e) { showError(form, e); }
  });
  return form;
}

(async () => {
  try {
    templates = (await api('/templates')).templates;
    const { discovered } = await api('/discovery?limit=200');
    $('#discovered tbody').replaceChildren(...(discovered.length ? discovered.map(d => el('tr', { 'data-mac': d.mac },
      el('td', {}, d.mac), el('td', {}, d.vendor), el('td', {}, d.model || ''), el('td', {}, d.firmware || ''), el('td', {}, d.ip),
      el('td', {}, when(d.last_seen)), el('td', {}, adoptForm(d))))
      : [el('tr', {}, el('td', { colspan: 7 }, 'No unknown phone has been seen.'))]));
  } catch (e) { flash(e.message, true); }
})();
