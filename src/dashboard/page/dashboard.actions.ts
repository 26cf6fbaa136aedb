/**
 * The dashboard's actions, each drawn only for the roles that may take it and each confirmed in a
 * dialog first: the developer's "Pick up next", the admin's "Release slot", "Retry"/"Abandon" on
 * failed Jira changes and "Replay" on quarantined webhooks. Outcomes and the API's refusals are
 * shown in the page (#action-message), never only in the console.
 */
export const DASHBOARD_ACTIONS = String.raw`
function role() { return view.me ? view.me.role : null; }

/** Resolves {reason} when confirmed, null when cancelled. */
function confirmAction(opts) {
  var dialog = $('confirm');
  $('confirm-title').textContent = opts.title;
  $('confirm-text').textContent = opts.text;
  $('confirm-ok').textContent = opts.ok;
  var reason = $('confirm-reason');
  reason.value = '';
  $('confirm-reason-row').hidden = !opts.reason;
  $('confirm-reason-label').textContent = opts.reason || '';
  return new Promise(function (resolve) {
    function done(result) {
      $('confirm-ok').onclick = null; $('confirm-cancel').onclick = null; dialog.oncancel = null;
      dialog.close();
      resolve(result);
    }
    $('confirm-ok').onclick = function () { done({ reason: reason.value }); };
    $('confirm-cancel').onclick = function () { done(null); };
    dialog.oncancel = function (e) { e.preventDefault(); done(null); };
    dialog.showModal();
    (opts.reason ? reason : $('confirm-ok')).focus();
  });
}
function say(text, ok) {
  var box = $('action-message');
  box.textContent = text;
  box.className = 'message ' + (ok ? 'ok' : 'error');
  box.hidden = false;
}
/** Confirms, calls, says the outcome (or the API's refusal), and refreshes the page. */
async function act(opts) {
  $('action-message').hidden = true;
  var answer = await confirmAction(opts);
  if (!answer) return;
  try {
    var result = await api(opts.path, 'POST', opts.body ? opts.body(answer.reason) : {});
    say(opts.done(result), true);
  } catch (error) {
    if (error.message === 'unauthorized') return;
    say(opts.title + ' was refused: ' + error.message + (error.code ? ' (' + error.code + ')' : ''), false);
  }
  await refresh();
}
function actionButton(label, cls, onClick) {
  var b = el('button', { type: 'button', class: 'action ' + cls, text: label });
  b.addEventListener('click', onClick);
  return b;
}

function pickUpAction(queue) {
  if (role() !== 'developer') return null;
  var next = queue.ready[0];
  var label = next ? 'Pick up next: ' + next.key : 'Pick up next';
  return actionButton(label, 'pick-up', function () {
    act({
      title: 'Pick up next', ok: 'Pick up', path: '/api/pickups',
      text: next ? 'Take ' + next.key + ' (' + (next.summary || '') + '), the top of Ready for sprint? It joins the active sprint, is assigned to you and moves to In Progress.'
        : 'Ready for sprint looks empty. Ask for the top ticket anyway?',
      done: function (r) { return 'Picked up ' + r.key + (r.summary ? ' (' + r.summary + ')' : '') + '.'; },
    });
  });
}
function releaseAction(queue) {
  if (role() !== 'admin' || queue.slot.state !== 'occupied') return null;
  var key = queue.slot.ticket.key;
  return actionButton('Release slot', 'release', function () {
    act({
      title: 'Release slot', ok: 'Release', path: '/api/slot/release', reason: 'Why is the slot released by hand? (audited)',
      text: 'Release ' + key + ' from the slot without a deploy to ' + (view.releaseEnvironment || 'D') + '? The next ticket can then be picked up.',
      body: function (reason) { return { reason: reason }; },
      done: function () { return 'Released ' + key + ' from the slot.'; },
    });
  });
}
function changeActions(c) {
  if (role() !== 'admin' || c.status !== 'failed') return null;
  return el('span', { class: 'actions' }, [
    actionButton('Retry', 'retry', function () {
      act({
        title: 'Retry', ok: 'Retry', path: '/api/jira-changes/' + c.id + '/retry',
        text: 'Send "' + c.change + '" to Jira again? Jira\u2019s state is checked first, so it is not made twice.',
        done: function () { return 'Jira change ' + c.id + ' (' + c.change + ') is queued again.'; },
      });
    }),
    actionButton('Abandon', 'abandon', function () {
      act({
        title: 'Abandon', ok: 'Abandon', path: '/api/jira-changes/' + c.id + '/abandon', reason: 'Why is it given up? (audited)',
        text: 'Give up "' + c.change + '" for good? It will not be sent to Jira.',
        body: function (reason) { return { reason: reason }; },
        done: function () { return 'Jira change ' + c.id + ' (' + c.change + ') is abandoned.'; },
      });
    }),
  ]);
}
function renderQuarantined(list) {
  var rows = list.slice(0, 20).map(function (w) {
    return [w.issue ? issueLink(w.issue) : '–', w.event, w.reason || '–', String(w.attempts), when(w.received), actionButton('Replay', 'replay', function () {
      act({
        title: 'Replay', ok: 'Replay', path: '/api/webhooks/' + w.id + '/replay',
        text: 'Apply webhook ' + w.id + ' (' + w.event + (w.issue ? ' of ' + w.issue : '') + ') again? It is applied in the issue\u2019s order; an event older than what the service knows does not undo newer state.',
        done: function () { return 'Webhook ' + w.id + ' is queued to be applied again.'; },
      });
    })];
  });
  fill('quarantined', rows.length ? table(['Issue', 'Event', 'Reason', 'Attempts', 'Received', ''], rows) : empty('No webhook is quarantined'));
}
`;
