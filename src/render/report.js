(function () {
  var kind = document.getElementById('f-kind');
  var metric = document.getElementById('f-metric');
  function apply() {
    var k = kind.value, m = metric.value;
    document.querySelectorAll('[data-kind], [data-metric]').forEach(function (el) {
      var okKind = !k || !el.dataset.kind || el.dataset.kind === k;
      var okMetric = !m || !el.dataset.metric || el.dataset.metric === m;
      el.hidden = !(okKind && okMetric);
    });
  }
  kind.addEventListener('change', apply);
  metric.addEventListener('change', apply);
})();
