/**
 * Client helpers both pages share: DOM building (textContent only: nothing from the API becomes
 * markup), the token kept in the tab's sessionStorage, and API calls whose refusals carry the API's
 * own message to the page.
 */
export const PAGE_COMMON = String.raw`
var TOKEN_KEY = 'orchestrator.dashboard.token';
var view = { jiraBaseUrl: null, timer: null, me: null };
var $ = function (id) { return document.getElementById(id); };

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') node.textContent = attrs[k];
    else if (k === 'class') node.className = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return node;
}
function fill(id, nodes) { var box = $(id); box.replaceChildren.apply(box, [].concat(nodes)); }
function empty(text) { return el('div', { class: 'empty', text: text }); }
function when(iso) { return iso ? new Date(iso).toLocaleString('en-GB', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }) : '–'; }
function jiraLink(key) {
  if (!view.jiraBaseUrl) return el('span', { class: 'key', text: key });
  return el('a', { class: 'key', href: view.jiraBaseUrl.replace(/\/+$/, '') + '/browse/' + encodeURIComponent(key), target: '_blank', rel: 'noopener' }, [key]);
}
function historyLink(key) { return el('a', { class: 'history', href: '/tickets/' + encodeURIComponent(key), title: 'The ticket as the service saw it' }, ['history']); }
function issueLink(key) { return el('span', { class: 'issue' }, [jiraLink(key), historyLink(key)]); }
function badge(text, cls) { return el('span', { class: 'badge ' + (cls || text || ''), text: text || '–' }); }
function table(headers, rows) {
  return el('table', {}, [el('thead', {}, [el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }))]), el('tbody', {}, rows.map(function (r) {
    return el('tr', {}, r.map(function (c) { return el('td', {}, [c]); }));
  }))]);
}

function token() { return sessionStorage.getItem(TOKEN_KEY); }
function askForToken(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  view.me = null;
  if (view.timer) clearInterval(view.timer);
  $('login-message').textContent = message || '';
  $('login').hidden = false;
  $('token').focus();
}
/** fetch with the token; a refusal throws an Error carrying the API's status, code and message. */
async function api(path, method, body) {
  var used = token();
  var init = { method: method || 'GET', headers: { Authorization: 'Bearer ' + used } };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  var res = await fetch(path, init);
  var text = await res.text();
  var data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (res.status === 401 && used !== token()) throw new Error('unauthorized'); // an answer to a token already replaced
  if (res.status === 401) { askForToken('The token was refused' + (data && data.message ? ': ' + data.message.replace(/\.$/, '') : '') + '. Enter a valid one.'); throw new Error('unauthorized'); }
  if (!res.ok) {
    var error = new Error(data && data.message ? data.message : path + ' answered ' + res.status);
    error.status = res.status;
    error.code = data && data.code;
    throw error;
  }
  return data;
}
/** Signs in from the login form, and at load when the tab has a token already. */
function signIn(start) {
  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var value = $('token').value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    $('token').value = '';
    $('login').hidden = true;
    start();
  });
  $('sign-out').addEventListener('click', function () { askForToken('Signed out.'); });
  if (token()) { $('login').hidden = true; start(); } else askForToken();
}
`;
