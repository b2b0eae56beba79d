/**
 * The pages' only script, served as /static/app.js (the CSP allows scripts from 'self' only).
 * Progressive enhancement: every form works without it. With it, the spare empty rows of a list
 * give way to add and remove buttons, a form is sent once however often its button is clicked, a
 * page with errors moves focus to their summary, and the
 * dossier's timeline hides and shows its routine events without a reload. A task's documents
 * are uploaded by it alone (the file goes straight to the bucket, which no form post of the app
 * can do).
 * Plain ES2017 for any phone's browser; no innerHTML (Trusted Types are enforced).
 */
export const APP_JS = String.raw`(function () {
  'use strict';
  var ATTRS = ['name', 'id', 'for', 'aria-describedby', 'href', 'data-name', 'data-id'];

  function escape(text) {
    return text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  }

  function directChildren(parent, selector) {
    return Array.prototype.filter.call(parent.children, function (child) {
      return child.matches(selector);
    });
  }

  function eachElement(root, fn) {
    Array.prototype.forEach.call(root.querySelectorAll('*'), fn);
    Array.prototype.forEach.call(root.querySelectorAll('template'), function (template) {
      eachElement(template.content, fn);
    });
  }

  function rowsOf(list) {
    return directChildren(list.querySelector('.rows'), '[data-row]');
  }

  function isEmpty(row) {
    if (row.querySelector('.has-error, .error')) return false;
    var fields = row.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select');
    for (var i = 0; i < fields.length; i++) if (fields[i].value.trim() !== '') return false;
    var checked = row.querySelectorAll('input[type=radio]:checked, input[type=checkbox]:checked');
    return checked.length === 0;
  }

  function renumber(list) {
    var name = new RegExp(escape(list.getAttribute('data-name')) + '\\[\\d+\\]', 'g');
    var id = new RegExp(escape(list.getAttribute('data-id')) + '-\\d+', 'g');
    rowsOf(list).forEach(function (row, index) {
      var newName = list.getAttribute('data-name') + '[' + index + ']';
      var newId = list.getAttribute('data-id') + '-' + index;
      eachElement(row, function (element) {
        ATTRS.forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(name, newName).replace(id, newId));
        });
      });
      var legend = directChildren(row, 'legend')[0];
      if (legend) legend.textContent = legend.getAttribute('data-label').replace('{n}', String(index + 1));
      var remove = directChildren(row, '[data-remove]')[0];
      if (remove) remove.textContent = remove.getAttribute('data-label').replace('{n}', String(index + 1));
    });
    update(list);
  }

  function update(list) {
    var count = rowsOf(list).length;
    var min = Number(list.getAttribute('data-min'));
    var max = Number(list.getAttribute('data-max'));
    directChildren(list, '[data-add]')[0].hidden = count >= max;
    rowsOf(list).forEach(function (row) {
      directChildren(row, '[data-remove]')[0].hidden = count <= min;
    });
    countRows();
  }

  // A choice that numbers the rows of a list on the same page (a support row's goal, on the plan's
  // form) offers as many as there are: the goal that is not written yet cannot be chosen. Without
  // the script every number is offered, and the server checks the choice against the plan.
  function countRows() {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-counts-rows-of]'), function (select) {
      var name = select.getAttribute('data-counts-rows-of');
      var list = document.querySelector('[data-list][data-name="' + name + '"]');
      if (!list) return;
      var count = rowsOf(list).length;
      Array.prototype.forEach.call(select.options, function (option) {
        var beyond = option.value !== '' && Number(option.value) >= count;
        option.hidden = beyond;
        option.disabled = beyond && !option.selected;
      });
    });
  }

  function firstField(root) {
    return root.querySelector('input:not([type=hidden]), textarea, select');
  }

  function enhanceList(list) {
    var min = Number(list.getAttribute('data-min'));
    var rows = rowsOf(list);
    for (var i = rows.length - 1; i >= min && i > 0; i--) {
      if (isEmpty(rows[i])) rows[i].remove();
      else break;
    }
    var add = directChildren(list, '[data-add]')[0];
    add.addEventListener('click', function () {
      var template = directChildren(list, 'template')[0];
      var row = template.content.firstElementChild.cloneNode(true);
      list.querySelector('.rows').appendChild(row);
      enhance(row);
      renumber(list);
      var field = firstField(row);
      if (field) field.focus();
    });
    list.querySelector('.rows').addEventListener('click', function (event) {
      var button = event.target.closest('[data-remove]');
      if (!button || button.parentElement.parentElement !== list.querySelector('.rows')) return;
      var row = button.parentElement;
      var rows = rowsOf(list);
      var index = rows.indexOf(row);
      row.remove();
      renumber(list);
      var remaining = rowsOf(list);
      var next = remaining[Math.min(index, remaining.length - 1)];
      var field = next ? firstField(next) : null;
      (field || add).focus();
    });
    renumber(list);
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll('[data-list]'), function (list) {
      if (list.hasAttribute('data-enhanced')) return;
      list.setAttribute('data-enhanced', '');
      enhanceList(list);
    });
  }

  // The dossier's timeline: the link that hides routine events (a query parameter, for a page
  // without the script) toggles them in place instead, and keeps the address in step.
  function enhanceTimeline(toggle) {
    var list = document.getElementById(toggle.getAttribute('aria-controls'));
    var count = document.querySelector('[data-timeline-count]');
    if (!list) return;
    toggle.addEventListener('click', function (event) {
      event.preventDefault();
      var hide = !list.hasAttribute('data-hide-routine');
      if (hide) list.setAttribute('data-hide-routine', '');
      else list.removeAttribute('data-hide-routine');
      Array.prototype.forEach.call(list.querySelectorAll('[data-routine]'), function (item) {
        item.hidden = hide;
      });
      toggle.textContent = toggle.getAttribute(hide ? 'data-show' : 'data-hide');
      toggle.setAttribute('href', toggle.getAttribute(hide ? 'data-all-href' : 'data-key-href'));
      if (count) count.textContent = count.getAttribute(hide ? 'data-key' : 'data-all');
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, '', toggle.getAttribute(hide ? 'data-key-href' : 'data-all-href'));
      }
    });
  }

  // Documents of a task (functions/web/action-pages.ts, attachSection): announce the file to the
  // app, post it straight to the bucket with the presigned form the app answers, then ask the app
  // to check it. Only then is it an exhibit; its number goes into the list. The answer's own form
  // is untouched, so nothing typed there is lost. Every text comes from the section's attributes.
  function enhanceAttach(section) {
    var base = section.getAttribute('data-base') || window.location.pathname.replace(/\/+$/, '');
    var form = section.querySelector('[data-attach-form]');
    var status = form.querySelector('[data-attach-status]');
    var button = form.querySelector('button[type=submit]');
    var list = section.querySelector('[data-attached]');
    var none = section.querySelector('[data-attached-none]');
    section.hidden = false;

    function say(element, text, isError) {
      element.textContent = text;
      element.classList.toggle('error', Boolean(isError));
    }

    // On the signed-in dashboard the session's CSRF token goes along (a link's page has none).
    var csrf = section.getAttribute('data-csrf');
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrf) headers['X-CSRF-Token'] = csrf;

    function post(path, body) {
      return fetch(base + path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: headers,
        body: JSON.stringify(body || {})
      }).then(function (response) {
        return response.json().then(
          function (json) { return { ok: response.ok, body: json }; },
          function () { return { ok: response.ok, body: {} }; }
        );
      });
    }

    // The app's refusal, in its words (the field errors, else its message).
    function refusal(answer) {
      var error = answer && answer.body && answer.body.error;
      if (!error) return section.getAttribute('data-failed');
      var fields = error.fieldErrors || [];
      return fields.length ? fields.map(function (field) { return field.message; }).join(' ') : error.message;
    }

    function enhanceItem(item) {
      var remove = item.querySelector('form');
      if (!remove) return;
      remove.addEventListener('submit', function (event) {
        event.preventDefault();
        var reason = remove.querySelector('[name=reason]');
        post('/files/' + encodeURIComponent(item.getAttribute('data-file')) + '/remove', { reason: reason.value })
          .then(function (answer) {
            if (!answer.ok) throw refusal(answer);
            item.querySelector('details').remove();
            say(item.querySelector('[data-file-label]'), item.querySelector('[data-file-label]').textContent + ' – ' + section.getAttribute('data-removed'));
            item.setAttribute('data-removed', '');
          })
          .catch(function (message) {
            say(status, typeof message === 'string' ? message : section.getAttribute('data-failed'), true);
          });
      });
    }
    Array.prototype.forEach.call(list.children, enhanceItem);

    // As the page writes a calendar date (functions/core/mails.ts, formatDay): in UTC, in full.
    function day(date) {
      var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!parts) return date;
      var at = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
      return new Intl.DateTimeFormat(section.getAttribute('data-date-locale'), { timeZone: 'UTC', dateStyle: 'full' }).format(at);
    }

    function addItem(file) {
      var template = section.querySelector('template[data-attached-item]');
      var item = template.content.firstElementChild.cloneNode(true);
      item.setAttribute('data-file', file.id);
      var exhibit = section.getAttribute('data-exhibit').replace('{n}', String(file.exhibit));
      item.querySelector('[data-file-label]').textContent = exhibit + ': ' + file.title + ' (' + day(file.date) + ')';
      list.appendChild(item);
      none.hidden = true;
      enhanceItem(item);
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var chosen = form.querySelector('input[type=file]').files[0];
      if (!chosen) {
        say(status, section.getAttribute('data-choose'), true);
        return;
      }
      button.disabled = true;
      say(status, section.getAttribute('data-busy'), false);
      post('/files', {
        title: form.querySelector('[name=title]').value,
        date: form.querySelector('[name=date]').value,
        filename: chosen.name,
        contentType: chosen.type,
        size: chosen.size
      })
        .then(function (announced) {
          if (!announced.ok) throw refusal(announced);
          var data = new FormData();
          var fields = announced.body.upload.fields;
          Object.keys(fields).forEach(function (name) { data.append(name, fields[name]); });
          data.append('file', chosen);
          var confirm = function () { return post('/files/' + encodeURIComponent(announced.body.file.id) + '/confirm'); };
          // Whatever the bucket said, the check decides: it removes what may have arrived.
          return fetch(announced.body.upload.url, { method: 'POST', body: data, credentials: 'omit' }).then(confirm, confirm);
        })
        .then(function (confirmed) {
          if (!confirmed.ok) throw refusal(confirmed);
          addItem(confirmed.body);
          form.reset();
          say(status, section.getAttribute('data-stored').replace('{n}', String(confirmed.body.exhibit)), false);
        })
        .catch(function (message) {
          form.querySelector('input[type=file]').value = '';
          say(status, typeof message === 'string' ? message : section.getAttribute('data-failed'), true);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  // A form is sent once. A second click while the first post is on its way (a double click, an
  // impatient one) would send the answer again, and the second would come back as a task already
  // done. The buttons are disabled a moment after the submit, once the browser has taken the
  // form's values: disabled at once, the clicked button would not send its name (the draft
  // button's intent). A form that comes back with errors is a new page, with buttons that work;
  // a page the browser shows again from its history (the back button) is freed here.
  function submitButtons(form) {
    return form.querySelectorAll('button:not([type=button]):not([type=reset]), input[type=submit]');
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute('method') || '').toLowerCase() !== 'post') return;
    if (form.hasAttribute('data-sending')) {
      event.preventDefault();
      return;
    }
    form.setAttribute('data-sending', '');
    setTimeout(function () {
      Array.prototype.forEach.call(submitButtons(form), function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll('form[data-sending]'), function (form) {
      form.removeAttribute('data-sending');
      Array.prototype.forEach.call(submitButtons(form), function (button) {
        button.disabled = false;
      });
    });
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.documentElement.classList.add('js');
    enhance(document);
    Array.prototype.forEach.call(document.querySelectorAll('[data-timeline-toggle]'), enhanceTimeline);
    if (window.fetch && window.FormData) {
      Array.prototype.forEach.call(document.querySelectorAll('[data-attach]'), enhanceAttach);
    }
    var summary = document.getElementById('error-summary') || document.querySelector('[data-focus]');
    if (summary) summary.focus();
  });
})();
`;
