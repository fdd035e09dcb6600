// Nothing typed is lost when a sign-in ends while a worker writes. What is
// typed in a form marked data-keep is kept in this browser tab only
// (sessionStorage: gone when the tab closes, never sent anywhere) until the
// form is saved. If the session ended and the post went to the sign-in page
// instead, then after signing in again the worker is offered the form back,
// with what they typed put back in it. Saving, cancelling or signing out
// forgets it.
//
// A progressive enhancement: the pages work without it, and it is served
// from this origin only (script-src 'self').
(function () {
  'use strict';
  var KEY = 'alongside-unsent';
  var storage;
  try {
    storage = window.sessionStorage;
    storage.getItem(KEY);
  } catch (error) {
    return;
  }
  function forget() { storage.removeItem(KEY); }
  function pending() {
    try { return JSON.parse(storage.getItem(KEY) || 'null'); } catch (error) { return null; }
  }
  function notice(text, linkText, href) {
    var main = document.getElementById('main');
    if (!main) return;
    var note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('role', 'status');
    note.textContent = text + ' ';
    if (linkText) {
      var link = document.createElement('a');
      link.href = href;
      link.textContent = linkText;
      note.appendChild(link);
    }
    var heading = main.querySelector('h1');
    if (heading && heading.nextSibling) main.insertBefore(note, heading.nextSibling);
    else main.insertBefore(note, main.firstChild);
  }

  // A confirmed save, or signing out: nothing waits any more.
  if (document.querySelector('[data-saved]')) forget();
  var signOut = document.querySelector('form.sign-out');
  if (signOut) signOut.addEventListener('submit', forget);

  var kept = pending();
  var form = document.querySelector('form[data-keep]');
  var here = form ? form.getAttribute('data-keep') : null;
  // The server answered this form with what was sent (errors to fix, words
  // to look at again): the form already holds it; nothing is put back.
  if (form && form.hasAttribute('data-answered') && kept && kept.key === here) kept = null;

  if (kept && document.querySelector('form[action="/login"]')) {
    notice('What you were writing is kept in this tab. Sign in again to get it back.');
  } else if (kept && kept.sent && kept.key !== here) {
    notice('You were signed out while writing; what you typed is kept.',
           'Go back to it', kept.page);
  } else if (kept && form) {
    Object.keys(kept.fields).forEach(function (name) {
      var value = kept.fields[name];
      var elements = form.querySelectorAll('[name="' + name.replace(/"/g, '') + '"]');
      Array.prototype.forEach.call(elements, function (element) {
        if (element.type === 'checkbox' || element.type === 'radio') {
          element.checked = value.indexOf(element.value) !== -1;
        } else if (element.type !== 'hidden') {
          element.value = value[0] || '';
        }
      });
    });
    notice('What you typed before you were signed out is back in the form. Check it, then save.');
  }

  if (!form) return;
  function keep(sent) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === 'hidden' || element.type === 'submit') return;
      if ((element.type === 'checkbox' || element.type === 'radio') && !element.checked) {
        fields[element.name] = fields[element.name] || [];
        return;
      }
      (fields[element.name] = fields[element.name] || []).push(element.value);
    });
    storage.setItem(KEY, JSON.stringify({
      key: here, page: window.location.pathname + window.location.search, fields: fields,
      sent: sent === true,
    }));
  }
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  // Sent: if the answer is the sign-in page, the next pages offer it back.
  form.addEventListener('submit', function () { keep(true); });
  // Cancelled: the worker chose to leave it.
  Array.prototype.forEach.call(form.querySelectorAll('a.button-secondary'), function (link) {
    link.addEventListener('click', forget);
  });
}());
