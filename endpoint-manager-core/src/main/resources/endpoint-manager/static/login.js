import { api, $, showError, UI } from './common.js';

const form = $('#login-form');
form.addEventListener('submit', async ev => {
  ev.preventDefault();
  const token = $('#token').value;
  const body = token ? { token } : { username: $('#username').value, password: $('#password').value };
  try {
    await api('/session', { method: 'POST', body });
    const next = new URLSearchParams(location.search).get('next') || '';
    // Only a page of this console may be the target, never another site.
    location.href = next.startsWith(UI + '/') && !next.startsWith('//') ? next : UI + '/dashboard';
  } catch (e) {
    showError(form, e.status === 401 ? { message: 'Login failed: check the user name and password, or the token.' } : e);
  }
});
