(function () {
  'use strict';
  var cells = document.querySelectorAll('td.c[data-f]');
  var order = ['v', 'w', 'p', 'i'];
  var filter = document.getElementById('rule-filter');
  if (filter) {
    filter.addEventListener('change', function () {
      var want = filter.value;
      var note = document.getElementById('filter-note');
      if (note) {
        note.textContent = want === '' ? '' : note.getAttribute('data-label') + ' ' +
          filter.options[filter.selectedIndex].textContent;
      }
      cells.forEach(function (td) {
        var marks = td.getAttribute('data-f').split(' ');
        var hit = marks.filter(function (m) { return want === '' || m.slice(0, -1) === want; });
        order.forEach(function (s) { td.classList.remove(s); });
        td.classList.toggle('off', hit.length === 0);
        var a = td.querySelector('a');
        if (hit.length) {
          var worst = hit.map(function (m) { return order.indexOf(m.slice(-1)); }).sort()[0];
          td.classList.add(order[worst]);
          if (a) { a.textContent = String(hit.length); }
        } else if (a) {
          a.textContent = String(marks.length);
        }
      });
    });
  }
  function show(ids) {
    document.querySelectorAll('li.finding.hit').forEach(function (li) { li.classList.remove('hit'); });
    var first = null;
    ids.forEach(function (id) {
      var li = document.getElementById('f-' + id);
      if (!li) { return; }
      li.classList.add('hit');
      if (!first) { first = li; }
    });
    if (first) { first.scrollIntoView({block: 'start'}); }
  }
  cells.forEach(function (td) {
    td.addEventListener('click', function (ev) {
      ev.preventDefault();
      show(td.getAttribute('data-ids').split(' '));
    });
  });
  var all = document.getElementById('expand');
  if (all) {
    all.addEventListener('click', function () {
      var open = all.getAttribute('data-state') !== 'open';
      document.querySelectorAll('li.finding details').forEach(function (d) { d.open = open; });
      all.setAttribute('data-state', open ? 'open' : 'closed');
      all.textContent = all.getAttribute(open ? 'data-close' : 'data-open');
    });
  }
}());
