(function () {
  'use strict';
  var table = document.getElementById('dash');
  if (!table) { return; }
  var body = table.tBodies[0];
  table.tHead.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var i = th.cellIndex, num = th.getAttribute('data-sort') === 'num';
      var down = th.getAttribute('data-dir') !== 'down';
      th.setAttribute('data-dir', down ? 'down' : 'up');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i], y = b.cells[i], d;
        if (num) {
          d = Number(x.getAttribute('data-v')) - Number(y.getAttribute('data-v'));
          d = down ? -d : d;
        } else {
          d = x.textContent.localeCompare(y.textContent, document.documentElement.lang);
          d = down ? d : -d;
        }
        return d || a.cells[0].textContent.localeCompare(b.cells[0].textContent);
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });
}());
