// 统计报表 charts: ECharts (served by the host from npm's echarts/dist) drawn from the figures the page embeds.
(function () {
  'use strict';
  var source = document.getElementById('statistics-data');
  if (!source || typeof echarts === 'undefined') {
    return;
  }

  var data = JSON.parse(source.textContent);
  var base = { animation: false, aria: { enabled: true }, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 40 } };

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }

    var chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(Object.assign({}, base, option));
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function bars(id, title, rows, series) {
    draw(id, {
      title: { text: title, left: 'center', bottom: 0, textStyle: { fontSize: 13 } },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.label || r.organization || '未标明'; }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map(function (s) { return { name: s[1], type: 'bar', data: rows.map(function (r) { return r[s[0]]; }) }; })
    });
  }

  bars('chart-category', '按交易类别', data.byCategory, [['projects', '项目'], ['versions', '版本'], ['items', '条目']]);
  bars('chart-region', '按地区', data.byRegion, [['projects', '项目'], ['items', '条目']]);
  draw('chart-platform', {
    title: { text: '按交易平台的数据量（字节）', left: 'center', bottom: 0, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: '60%', data: data.byPlatform.map(function (r) { return { name: r.label, value: r.bytes }; }) }]
  });
  bars('chart-agency', '各单位查阅与复制', data.byAgency, [['reads', '查阅'], ['copies', '复制']]);

  var print = document.querySelector('[data-print]');
  if (print) {
    print.addEventListener('click', function () { window.print(); });
  }
}());
