'use strict';
// A small price chart on a canvas, drawn here so the page needs nothing from the internet.
// points: [{seq, price}] oldest first (seq -1: history loaded before the stream, its seqs unknown); trades: [{seq, side}].
window.drawPriceChart = function (canvas, points, trades) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  if (points.length === 0) return;

  const axis = 58, top = 8, bottom = height - 8, right = width - axis; // price labels on the right
  let low = Infinity, high = -Infinity;
  for (const p of points) { low = Math.min(low, p.price); high = Math.max(high, p.price); }
  const pad = Math.max((high - low) * 0.08, high * 0.001); // a flat line still gets a visible band
  low -= pad; high += pad;
  const x = i => points.length === 1 ? right : (i / (points.length - 1)) * right;
  const y = price => bottom - ((price - low) / (high - low)) * (bottom - top);

  g.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
  g.textBaseline = 'middle';
  for (let k = 0; k <= 3; k++) {
    const price = low + ((high - low) * k) / 3, yy = Math.round(y(price)) + 0.5;
    g.strokeStyle = '#222b3f'; g.lineWidth = 1;
    g.beginPath(); g.moveTo(0, yy); g.lineTo(right, yy); g.stroke();
    g.fillStyle = '#8a94a8';
    g.fillText(price.toFixed(2), right + 6, Math.min(Math.max(yy, top + 5), bottom - 5));
  }

  const rising = points[points.length - 1].price >= points[0].price;
  const color = rising ? '#2ecc8f' : '#ff5d6c';
  g.beginPath();
  points.forEach((p, i) => (i === 0 ? g.moveTo(x(i), y(p.price)) : g.lineTo(x(i), y(p.price))));
  g.strokeStyle = color; g.lineWidth = 1.6; g.lineJoin = 'round'; g.stroke();
  g.lineTo(x(points.length - 1), bottom); g.lineTo(x(0), bottom); g.closePath();
  const fill = g.createLinearGradient(0, top, 0, bottom);
  fill.addColorStop(0, rising ? 'rgba(46,204,143,.22)' : 'rgba(255,93,108,.22)');
  fill.addColorStop(1, 'rgba(0,0,0,0)');
  g.fillStyle = fill; g.fill();

  // each trade at the last price it could have filled at (the newest point not after its seq)
  for (const t of trades) {
    const i = lastAtOrBefore(points, t.seq);
    if (i < 0 || points[i].seq < 0) continue; // before the stream: where it belongs is unknown
    const px = x(i), py = y(points[i].price), buy = t.side === 'buy';
    g.beginPath();
    g.moveTo(px, buy ? py + 5 : py - 5);
    g.lineTo(px - 5, buy ? py + 13 : py - 13);
    g.lineTo(px + 5, buy ? py + 13 : py - 13);
    g.closePath();
    g.fillStyle = buy ? '#2ecc8f' : '#ff5d6c'; g.strokeStyle = '#0f1420'; g.lineWidth = 1;
    g.fill(); g.stroke();
  }
  g.beginPath(); g.arc(x(points.length - 1), y(points[points.length - 1].price), 3, 0, Math.PI * 2);
  g.fillStyle = color; g.fill();
};

function lastAtOrBefore(points, seq) {
  let lo = 0, hi = points.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].seq <= seq) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}
