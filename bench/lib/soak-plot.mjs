// bench/soak's numbers: least-squares slopes and one SVG line chart per metric (written by hand: a polyline over
// time, both axes with ticks, a title, the unit, and a dashed line where the warm-up ends).

/** Least-squares slope of y over x (units of y per unit of x); NaN with fewer than two points. */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** 1, 2 or 5 × a power of ten, so about `count` ticks cover `span`. */
function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(3));

/**
 * An SVG chart of `points` ([minutes, value], value null/NaN = a gap). `warmupMin` draws the end of the warm-up;
 * `target` (optional) a red dashed horizontal line at that value.
 */
export function svgChart({ title, unit, points, warmupMin, target }) {
  const W = 800;
  const H = 360;
  const L = 70;
  const R = 20;
  const T = 40;
  const B = 50;
  const ok = points.filter(([, v]) => Number.isFinite(v));
  const xMax = Math.max(1, ...points.map(([x]) => x));
  let yMin = Math.min(0, ...ok.map(([, v]) => v));
  let yMax = Math.max(...ok.map(([, v]) => v), target ?? -Infinity, yMin + 1e-9);
  yMax += (yMax - yMin) * 0.05;
  const yStep = niceStep(yMax - yMin, 6);
  yMin = Math.floor(yMin / yStep) * yStep;
  yMax = Math.ceil(yMax / yStep) * yStep;
  const xStep = niceStep(xMax, 10);
  const px = (x) => L + (x / xMax) * (W - L - R);
  const py = (y) => H - B - ((y - yMin) / (yMax - yMin || 1)) * (H - T - B);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let y = yMin; y <= yMax + yStep / 1e6; y += yStep) {
    out.push(
      `<line x1="${L}" x2="${W - R}" y1="${py(y)}" y2="${py(y)}" stroke="#e4e4e4"/>`,
      `<text x="${L - 6}" y="${py(y) + 4}" text-anchor="end">${fmt(y)}</text>`,
    );
  }
  for (let x = 0; x <= xMax + xStep / 1e6; x += xStep) {
    out.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${H - B}" y2="${H - B + 5}" stroke="black"/>`,
      `<text x="${px(x)}" y="${H - B + 18}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  out.push(
    `<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="black"/>`,
    `<line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="black"/>`,
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">minutes since the start</text>`,
    `<text x="16" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(T + H - B) / 2})">${esc(unit)}</text>`,
  );
  if (warmupMin > 0 && warmupMin < xMax)
    out.push(
      `<line x1="${px(warmupMin)}" x2="${px(warmupMin)}" y1="${T}" y2="${H - B}" stroke="#888" stroke-dasharray="4 4"/>`,
      `<text x="${px(warmupMin) + 4}" y="${T + 12}" fill="#666">warm-up ends</text>`,
    );
  if (Number.isFinite(target))
    out.push(
      `<line x1="${L}" x2="${W - R}" y1="${py(target)}" y2="${py(target)}" stroke="#c00" stroke-dasharray="6 4"/>`,
      `<text x="${W - R - 4}" y="${py(target) - 4}" text-anchor="end" fill="#c00">target ${fmt(target)}</text>`,
    );
  // One polyline per run of finite values, so a missing sample is a gap, not a fall to zero.
  let run = [];
  const flush = () => {
    if (run.length === 1) out.push(`<circle cx="${run[0][0]}" cy="${run[0][1]}" r="2" fill="#1f5fbf"/>`);
    else if (run.length > 1)
      out.push(
        `<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="${run.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`,
      );
    run = [];
  };
  for (const [x, v] of points) {
    if (Number.isFinite(v)) run.push([px(x), py(v)]);
    else flush();
  }
  flush();
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
