'use strict';
// The dashboard of a running AkkaTrading server: prices, bots' standings and the last trades, kept current over the SSE stream.
const API = '/api/v1';
const POINTS = 300;            // prices kept per asset for its chart
const TRADES_SHOWN = 14;
const OVERVIEW_GAP_MS = 1000;  // the accounts overview is asked again after trades, at most this often
const RESYNC_MS = 3000;        // after the stream is lost for good (the server gone or our seq too old): start over

const assets = new Map();      // name -> {points, trades, card, price, change, canvas}
let accounts = null;           // the last overview, or null while private or unknown
let trades = [];               // newest first
let source = null, lastSeq = 0, overviewTimer = null, overviewAt = 0, drawQueued = false, resyncTimer = null, valuedAt = 0;

const $ = id => document.getElementById(id);
const money = v => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = v => (v > 0 ? '+' : v < 0 ? '−' : '') + money(Math.abs(v));
const trend = v => (v > 0 ? 'up' : v < 0 ? 'down' : '');

async function getJson(path) {
  const response = await fetch(API + path, { cache: 'no-store' });
  if (!response.ok) throw Object.assign(new Error(`${path}: ${response.status}`), { status: response.status });
  return response.json();
}

function status(kind, text) {
  $('status').className = 'status ' + kind;
  $('status-text').textContent = text;
}

async function start() {
  clearTimeout(resyncTimer);
  if (source) source.close();
  try {
    status('connecting', 'loading…');
    const names = (await getJson('/assets')).map(a => a.asset);
    const histories = await Promise.all(names.map(n => getJson(`/prices/${encodeURIComponent(n)}/history?count=${POINTS}`)));
    const snapshot = await getJson('/prices');
    assets.clear();
    $('prices').replaceChildren();
    names.forEach((name, i) => addAsset(name, histories[i].prices.map(p => ({ seq: -1, price: Number(p) }))));
    lastSeq = snapshot.seq;
    trades = await recentTrades(snapshot.seq);
    renderTrades();
    refreshOverview();
    openStream(snapshot.seq);
    queueDraw();
  } catch (e) {
    // 401: this server keeps prices to its bots (public-reads = false); the page cannot show anything without a token
    status('offline', e.status === 401 ? 'prices are not public on this server' : 'server unreachable, retrying…');
    resyncTimer = setTimeout(start, e.status === 401 ? 10 * RESYNC_MS : RESYNC_MS);
  }
}

// The trades among the last events before the stream starts, paged up to it (a log too short for that answers 410: then none).
async function recentTrades(seq) {
  let found = [], after = Math.max(0, seq - 5000);
  try {
    while (after < seq) {
      const page = await getJson(`/trades?after=${after}&limit=1000`);
      found = found.concat(page.trades.filter(t => t.seq <= seq)).slice(-TRADES_SHOWN);
      if (page.trades.length < 1000 || page.next <= after) break;
      after = page.next;
    }
  } catch { return []; }
  return found.reverse().map(t => ({ ...t, old: true }));
}

function addAsset(name, points) {
  const card = document.createElement('article');
  card.className = 'asset';
  card.dataset.asset = name;
  card.innerHTML = '<div class="asset-head"><span class="asset-name"></span><span class="asset-price">–</span>' +
    '<span class="asset-change"></span></div><canvas></canvas>';
  card.querySelector('.asset-name').textContent = name;
  card.querySelector('.asset-change').title = 'change over the prices in the chart';
  $('prices').append(card);
  const asset = { name, points, trades: [], card, price: card.querySelector('.asset-price'),
    change: card.querySelector('.asset-change'), canvas: card.querySelector('canvas') };
  assets.set(name, asset);
  renderPrice(asset);
}

function openStream(after) {
  // EventSource reconnects by itself and then sends Last-Event-ID, which the server resumes from (it wins over 'after')
  source = new EventSource(`${API}/stream?topics=prices,trades&after=${after}`);
  source.onopen = () => status('live', 'live');
  source.addEventListener('price', e => onPrice(JSON.parse(e.data)));
  source.addEventListener('trade', e => onTrade(JSON.parse(e.data)));
  source.addEventListener('error', e => {
    if (e.data) { // the server's own error event: 'too_slow' ends the response and EventSource resumes; 'gone' needs a resync
      if (JSON.parse(e.data).error === 'gone') resync();
      return;
    }
    if (source.readyState === EventSource.CLOSED) resync(); // refused (e.g. 410 for a seq older than the log)
    else status('reconnecting', 'reconnecting…');
  });
}

function resync() {
  if (source) source.close();
  status('offline', 'stream lost, reloading…');
  clearTimeout(resyncTimer);
  resyncTimer = setTimeout(start, RESYNC_MS);
}

function seen(envelope) {
  lastSeq = envelope.seq;
  $('seq').textContent = envelope.seq.toLocaleString('en-US');
}

function onPrice(envelope) {
  seen(envelope);
  const asset = assets.get(envelope.data.asset);
  if (!asset) return;
  asset.points.push({ seq: envelope.seq, price: Number(envelope.data.price) });
  if (asset.points.length > POINTS) asset.points.splice(0, asset.points.length - POINTS);
  renderPrice(asset);
  queueDraw();
}

function onTrade(envelope) {
  seen(envelope);
  trades.unshift(envelope);
  trades.length = Math.min(trades.length, TRADES_SHOWN);
  const asset = assets.get(envelope.data.asset);
  if (asset) {
    asset.trades.push({ seq: envelope.seq, side: envelope.data.side });
    const oldest = asset.points.find(p => p.seq >= 0);
    asset.trades = asset.trades.filter(t => oldest && t.seq >= oldest.seq);
  }
  renderTrades();
  scheduleOverview();
  queueDraw();
}

function renderPrice(asset) {
  const points = asset.points;
  if (points.length === 0) return;
  const last = points[points.length - 1].price, first = points[0].price;
  asset.price.textContent = money(last);
  const change = first ? ((last - first) / first) * 100 : 0;
  asset.change.textContent = (change >= 0 ? '+' : '−') + Math.abs(change).toFixed(2) + '%';
  asset.change.className = 'asset-change ' + trend(change);
}

function queueDraw() {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    for (const a of assets.values()) window.drawPriceChart(a.canvas, a.points, a.trades);
    // equity moves with every price: valued here from the overview's cash and positions, twice a second, not asked again
    if (accounts && Date.now() - valuedAt > 500) renderAccounts();
  });
}

function renderTrades() {
  const rows = trades.map(t => {
    const row = document.createElement('tr');
    row.dataset.seq = t.seq;
    row.dataset.bot = t.data.bot;
    if (!t.old && !t.shown) row.className = 'new';
    t.shown = true;
    const time = new Date(t.time).toLocaleTimeString('en-GB');
    const side = `<span class="side ${t.data.side === 'buy' ? 'up' : 'down'}">${t.data.side.toUpperCase()}</span>`;
    row.innerHTML = `<td>${time}</td><td></td><td>${side}</td><td class="num">${Number(t.data.quantity)}</td><td></td>` +
      `<td class="num">${money(t.data.price)}</td>`;
    row.cells[1].textContent = t.data.bot; // names come from the network: text, never markup
    row.cells[4].textContent = t.data.asset;
    return row;
  });
  $('trades').tBodies[0].replaceChildren(...rows);
  $('trades-empty').hidden = trades.length > 0;
}

// After trades the overview is asked again, at most once per OVERVIEW_GAP_MS, and once more after the last trade of a burst.
function scheduleOverview() {
  if (overviewTimer) return;
  overviewTimer = setTimeout(() => { overviewTimer = null; refreshOverview(); },
    Math.max(0, overviewAt + OVERVIEW_GAP_MS - Date.now()));
}

async function refreshOverview() {
  overviewAt = Date.now();
  try {
    accounts = (await getJson('/accounts')).accounts;
    $('bots-private').hidden = true;
    $('bots').hidden = false;
    renderAccounts();
  } catch (e) {
    if (e.status === 403 || e.status === 401) {
      accounts = null;
      $('bots').hidden = true;
      $('bots-private').hidden = false;
    }
  }
}

function lastPrice(name, fallback) {
  const points = assets.get(name)?.points;
  return points && points.length ? points[points.length - 1].price : Number(fallback ?? 0);
}

function renderAccounts() {
  valuedAt = Date.now();
  const valued = accounts.map(a => {
    const equity = Number(a.cash) + a.positions.reduce((sum, p) => sum + Number(p.quantity) * lastPrice(p.asset, p.lastPrice), 0);
    return { ...a, equity, pl: equity - Number(a.initialCash) };
  }).sort((a, b) => b.pl - a.pl || a.bot.localeCompare(b.bot));
  const rows = valued.map((a, i) => {
    const row = document.createElement('tr');
    row.dataset.bot = a.bot;
    const percent = Number(a.initialCash) ? ` <small>(${((a.pl / Number(a.initialCash)) * 100).toFixed(2)}%)</small>` : '';
    row.innerHTML = `<td>${i + 1}</td><td></td><td class="num">${money(a.cash)}</td><td class="positions"></td>` +
      `<td class="num">${money(a.equity)}</td><td class="num ${trend(a.pl)}">${signed(a.pl)}${percent}</td>` +
      `<td class="num">${a.trades}</td>`;
    row.cells[1].textContent = a.bot;
    row.cells[3].replaceChildren(...(a.positions.length ? a.positions.map(p => {
      const line = document.createElement('span');
      line.textContent = `${Number(p.quantity)} ${p.asset} @ ${money(p.averageEntryPrice)}`;
      return line;
    }) : ['—']));
    return row;
  });
  $('bots').tBodies[0].replaceChildren(...rows);
}

window.addEventListener('resize', queueDraw);
start();
