(function () {
  'use strict';
  var body = document.querySelector('tbody');
  var rows = Array.prototype.slice.call(body.rows);
  var min = document.getElementById('min-shared');
  var differ = document.getElementById('differ');
  var q = document.getElementById('q');
  var sort = document.getElementById('sort');
  var shown = document.getElementById('shown');
  var texts = rows.map(function (tr) { return tr.textContent.toLowerCase(); });
  function apply() {
    var n = Number(min.value) || 1;
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (tr, i) {
      var ok = Number(tr.getAttribute('data-shared')) >= n &&
        (!differ.checked || tr.classList.contains('differs')) &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      tr.classList.toggle('hidden', !ok);
      if (ok) { count += 1; }
    });
    shown.textContent = shown.getAttribute('data-template')
      .replace('{shown}', String(count)).replace('{total}', String(rows.length));
  }
  function order() {
    var how = sort.value;
    var sorted = rows.slice().sort(function (a, b) {
      var oa = Number(a.getAttribute('data-order')), ob = Number(b.getAttribute('data-order'));
      if (how === 'shared') {
        var d = Number(b.getAttribute('data-shared')) - Number(a.getAttribute('data-shared'));
        if (d) { return d; }
      } else if (how === 'label') {
        var c = a.getAttribute('data-label').localeCompare(b.getAttribute('data-label'), document.documentElement.lang);
        if (c) { return c; }
      }
      return oa - ob;
    });
    sorted.forEach(function (tr) { body.appendChild(tr); });
  }
  min.addEventListener('change', apply);
  differ.addEventListener('change', apply);
  q.addEventListener('input', apply);
  sort.addEventListener('change', order);
  apply();
}());
