document.getElementById('only').addEventListener('change', function (e) {
  document.body.classList.toggle('only-differ', e.target.checked);
});
