// Runs in the report page (plain browser JavaScript, no modules): draws every chart of the inlined specs with uPlot,
// then counts each canvas's coloured pixels and sets body data attributes that a headless check reads:
// data-charts-expected, data-charts-rendered (charts whose canvas holds drawn series), data-chart-errors,
// data-page-height.
(() => {
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  const charts = [];
  const errors = [];

  // 1234567 -> 1.23M, 0.5 -> 0.5: axis tick labels.
  const compact = (v) => {
    if (v == null) return '';
    const a = Math.abs(v);
    if (a >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
    if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
    return `${+v.toFixed(a < 1 ? 3 : a < 10 ? 2 : 1)}`;
  };

  // As the tables round milliseconds: 2 decimals under 10, 1 under 100, none above.
  const milliseconds = (v) => `${+v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)}`;

  const yAxis = (spec) => ({
    label: spec.yLabel,
    size: 64,
    values: (_u, ticks) => ticks.map(compact),
  });

  // Log axes span whole decades, so that bars (drawn up from the axis minimum) keep a visible height.
  const decades = (_u, min, max) =>
    min > 0 && max > 0 ? [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max))] : [1, 10];
  const yScale = (spec) =>
    spec.logY ? { distr: 3, log: 10, range: decades } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] };

  // Each bar's value above it, where the bars are wide enough for the text.
  const labelBars = (u) => {
    const slot = u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true);
    if (slot < 22 * devicePixelRatio) return;
    const { ctx } = u;
    ctx.save();
    ctx.font = `${10 * devicePixelRatio}px sans-serif`;
    ctx.fillStyle = '#333';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    for (let s = 1; s < u.series.length; s++) {
      u.data[s].forEach((v, i) => {
        if (v == null) return;
        ctx.fillText(milliseconds(v), u.valToPos(u.data[0][i], 'x', true), u.valToPos(v, 'y', true) - 2);
      });
    }
    ctx.restore();
  };

  function lineChart(spec, el) {
    const positive = (y) => (spec.logY && !(y > 0) ? null : y);
    const tables = spec.series.map((s) => [s.points.map((p) => p[0]), s.points.map((p) => positive(p[1]))]);
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    const series = [{ label: spec.xLabel }].concat(
      spec.series.map((s) => {
        const pointsOnly = s.style === 'points';
        // A line of one or two checkpoints is hardly a line: bigger, filled points show it.
        const few = s.points.length < 3;
        return {
          label: s.label,
          stroke: s.color,
          width: pointsOnly ? 0 : 1.5,
          spanGaps: true,
          paths: pointsOnly ? () => null : undefined,
          points: {
            show: pointsOnly || s.points.length <= 150,
            size: pointsOnly || few ? 8 : 4,
            stroke: s.color,
            fill: pointsOnly || few ? s.color : '#ffffff',
          },
        };
      }),
    );
    const drawMarkers = (u) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.lineWidth = 1;
      ctx.globalAlpha = 0.55;
      for (const m of spec.markers) {
        const x = Math.round(u.valToPos(m.x, 'x', true)) + 0.5;
        if (x < bbox.left || x > bbox.left + bbox.width) continue;
        ctx.strokeStyle = m.color;
        ctx.beginPath();
        ctx.moveTo(x, bbox.top);
        ctx.lineTo(x, bbox.top + bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    };
    return new uPlot(
      {
        width: spec.width,
        height: spec.height,
        scales: { x: spec.xRange ? { time: false, range: () => spec.xRange } : { time: false }, y: yScale(spec) },
        axes: [{ label: spec.xLabel }, yAxis(spec)],
        series,
        legend: { live: false },
        hooks: { drawAxes: [drawMarkers] },
      },
      data,
      el,
    );
  }

  // Grouped bars on one numeric x axis: slot c * (k + 1) + j holds series j's bar of category c; the slot after
  // each group stays empty as the gap. Null (not undefined) in the empty slots keeps every bar one slot wide.
  function barChart(spec, el) {
    const k = spec.series.length;
    const group = k + 1;
    const slots = spec.categories.length * group - 1;
    const xs = Array.from({ length: slots }, (_, i) => i);
    const columns = spec.series.map((s, j) =>
      xs.map((i) => {
        if (i % group !== j) return null;
        const v = s.values[Math.floor(i / group)];
        return v == null || (spec.logY && !(v > 0)) ? null : v;
      }),
    );
    const bars = uPlot.paths.bars({ size: [0.9, 64], align: 0 });
    const centers = spec.categories.map((_, c) => c * group + (k - 1) / 2);
    return new uPlot(
      {
        width: spec.width,
        height: spec.height,
        scales: { x: { time: false, range: () => [-0.6, slots - 0.4] }, y: yScale(spec) },
        axes: [
          {
            splits: () => centers,
            values: () => spec.categories,
            grid: { show: false },
            ticks: { show: false },
          },
          yAxis(spec),
        ],
        series: [{ label: 'percentile' }].concat(
          spec.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: s.color,
            width: 1,
            paths: bars,
            points: { show: false },
          })),
        ),
        legend: { live: false },
        cursor: { show: false },
        hooks: { draw: [labelBars] },
      },
      [xs].concat(columns),
      el,
    );
  }

  for (const spec of specs) {
    const el = document.getElementById(spec.id);
    try {
      if (el === null) throw new Error('no container in the page');
      charts.push({ spec, el, plot: spec.kind === 'bars' ? barChart(spec, el) : lineChart(spec, el) });
    } catch (error) {
      errors.push(`${spec.id}: ${error?.message ?? error}`);
    }
  }

  // Pixels of a clear colour: series, bars and markers; the grid, axes and labels are grey and do not count.
  function colouredPixels(canvas) {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i];
      const g = data[i + 1];
      const b = data[i + 2];
      if (data[i + 3] > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 24) n++;
    }
    return n;
  }

  // uPlot commits its first draw in a microtask; a task later every chart is on its canvas.
  setTimeout(() => {
    let rendered = 0;
    for (const { el, plot } of charts) {
      const ink = colouredPixels(plot.ctx.canvas);
      el.dataset.ink = String(ink);
      if (ink >= 20) rendered++;
      else errors.push(`${el.id}: blank canvas`);
    }
    const body = document.body.dataset;
    body.chartsExpected = String(specs.length);
    body.chartErrors = errors.join('; ');
    body.pageHeight = String(document.documentElement.scrollHeight);
    body.chartsRendered = String(rendered);
  }, 0);
})();
