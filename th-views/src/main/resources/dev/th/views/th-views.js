/* TH views: draws the sections of the page's JSON block (#th-spec). Every value there may come
   from an attacker (command lines, file names, registry values): it is only ever written as text
   (textContent, canvas text), never as markup. */
(function () {
  'use strict';
  var FOLD = 120;
  var spec = JSON.parse(document.getElementById('th-spec').textContent);
  var worldBlock = document.getElementById('th-world');
  if (worldBlock) {
    echarts.registerMap('world', JSON.parse(worldBlock.textContent));
  }
  var charts = {};
  window.thCharts = charts;
  window.thSpec = spec;

  function text(v) {
    return v === null || v === undefined ? '' : String(v);
  }

  function tip(p) {
    if (Array.isArray(p)) {
      var lines = [];
      if (p.length && p[0].axisValueLabel !== undefined) {
        lines.push(text(p[0].axisValueLabel));
      }
      p.forEach(function (q) {
        var v = Array.isArray(q.value) ? q.value[q.value.length - 1] : q.value;
        if (v !== 0 && v !== null && v !== undefined && v !== '-') {
          lines.push(text(q.seriesName) + ': ' + text(v));
        }
      });
      return lines.join('\n');
    }
    if (p.data && p.data.tip) {
      return p.data.tip.map(text).join('\n');
    }
    var value = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
    return (p.seriesName && p.seriesName !== p.name ? text(p.seriesName) + '\n' : '') + text(p.name) + ': ' + text(value);
  }

  function drawChart(el, section) {
    var option = section.option;
    option.tooltip = Object.assign({confine: true}, option.tooltip || {}, {renderMode: 'richText', formatter: tip});
    option.animation = false;
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption(option);
    charts[section.id] = chart;
  }

  function cell(value) {
    var td = document.createElement('td');
    var s = text(value);
    if (typeof value === 'number') {
      td.className = 'num';
    }
    if (s.length > FOLD || s.indexOf('\n') >= 0) {
      var d = document.createElement('details');
      var sum = document.createElement('summary');
      sum.textContent = s.replace(/\s+/g, ' ').slice(0, FOLD / 2) + '\u2026';
      var pre = document.createElement('pre');
      pre.textContent = pretty(s);
      d.appendChild(sum);
      d.appendChild(pre);
      td.appendChild(d);
    } else {
      td.textContent = s;
    }
    return td;
  }

  function pretty(s) {
    if (s.charAt(0) === '{' || s.charAt(0) === '[') {
      try {
        return JSON.stringify(JSON.parse(s), null, 2);
      } catch (e) {
        return s;
      }
    }
    return s;
  }

  function drawTable(el, section) {
    var t = section.table;
    var table = document.createElement('table');
    var head = document.createElement('tr');
    t.columns.forEach(function (c) {
      var th = document.createElement('th');
      th.textContent = text(c);
      head.appendChild(th);
    });
    var thead = document.createElement('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = document.createElement('tbody');
    t.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      r.forEach(function (v) {
        tr.appendChild(cell(v));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    el.appendChild(table);
  }

  spec.sections.forEach(function (section) {
    var el = document.getElementById(section.id);
    if (section.option) {
      drawChart(el, section);
    } else if (section.table) {
      drawTable(el, section);
    }
  });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) {
      charts[k].resize();
    });
  });
  document.body.setAttribute('data-th-ready', String(spec.sections.length));
})();
