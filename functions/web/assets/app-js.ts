/**
 * The pages' only script, served as /static/app.js (the CSP allows scripts from 'self' only).
 * Progressive enhancement: every form works without it. With it, the spare empty rows of a list
 * give way to add and remove buttons, a page with errors moves focus to their summary, and the
 * dossier's timeline hides and shows its routine events without a reload.
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

  document.addEventListener('DOMContentLoaded', function () {
    document.documentElement.classList.add('js');
    enhance(document);
    Array.prototype.forEach.call(document.querySelectorAll('[data-timeline-toggle]'), enhanceTimeline);
    var summary = document.getElementById('error-summary') || document.querySelector('[data-focus]');
    if (summary) summary.focus();
  });
})();
`;
