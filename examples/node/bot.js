#!/usr/bin/env node
'use strict';
// An example bot for AkkaTrading's `serve`, in Node over one WebSocket (the `ws` package).
//
// Rule: after N falling prices in a row of one asset it buys (when it holds none); once the price rises above what it paid, it
// sells all. Prices, its orders and its fills share one socket; when the socket drops it reconnects and subscribes with
// `after` = the last seq it saw, so no fill is missed. Rejected orders are printed and it goes on; fills are printed.
//
//   AKKA_TRADING_TOKEN=alice-secret-token-123 node bot.js --asset ALFA --falls 3 --quantity 5
const WebSocket = require('ws');

const options = { url: 'http://127.0.0.1:5080', token: process.env.AKKA_TRADING_TOKEN, asset: 'ALFA', falls: 3, quantity: 5 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || process.argv[i + 1] === undefined) usage(`unknown or incomplete option '${process.argv[i]}'`);
  options[key] = ['falls', 'quantity'].includes(key) ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
if (!options.token) usage('a token is needed: --token or AKKA_TRADING_TOKEN');

function usage(problem) {
  console.error(`${problem}\nusage: node bot.js [--url http://127.0.0.1:5080] [--token T] [--asset ALFA] [--falls 3] [--quantity 5]`);
  process.exit(2);
}

let held = 0, entry = null, lastPrice = null, down = 0;
let lastSeq = null;        // resume point: the last event seen; null: start from now with a fresh account
let waitingFor = null;     // the client order id of our order in flight
let backoff = 1000, orders = 0;

async function loadAccount() {
  const response = await fetch(`${options.url}/api/v1/account`, { headers: { Authorization: `Bearer ${options.token}` } });
  if (response.status === 401) { console.error('unauthorized: check the token'); process.exit(1); }
  if (!response.ok) throw new Error(`account: HTTP ${response.status}`);
  const account = await response.json();
  const position = account.positions.find(p => p.asset === options.asset);
  held = position ? Number(position.quantity) : 0;
  entry = position ? Number(position.averageEntryPrice) : null;
  console.log(`${account.bot}: cash ${account.cash}, holds ${held} ${options.asset}`);
}

async function connect() {
  try {
    if (lastSeq === null) await loadAccount();
  } catch (e) {
    return retry(`account: ${e.message}`);
  }
  const ws = new WebSocket(options.url.replace(/^http/, 'ws') + '/api/v1/ws', { headers: { Authorization: `Bearer ${options.token}` } });
  const send = message => ws.send(JSON.stringify(message));
  ws.on('open', () => {
    backoff = 1000;
    waitingFor = null; // an answer lost with the old socket: its fill, if any, comes again after lastSeq
    const subscribe = { op: 'subscribe', topics: ['prices', 'fills'] };
    send(lastSeq === null ? subscribe : { ...subscribe, after: lastSeq });
  });
  ws.on('message', raw => {
    const m = JSON.parse(raw.toString());
    if (m.op === 'subscribed') console.log(`subscribed after ${m.after ?? 'now'}`);
    else if (m.op === 'order') onAnswer(m);
    else if (m.op === 'error') { console.log(`error: ${m.error}: ${m.message}`); waitingFor = null; }
    else if (m.seq !== undefined) onEvent(m, send);
  });
  ws.on('close', (code, reason) => {
    if (code === 1008) { console.error('unauthorized: check the token'); process.exit(1); }
    if (code === 4002) lastSeq = null; // gone: our seq is not in the server's log (too old, or from before a restart): resync
    retry(`closed ${code} ${reason}`);
  });
  ws.on('error', e => console.log(`socket error: ${e.message}`)); // 'close' follows and reconnects
}

function retry(why) {
  console.log(`disconnected (${why}); reconnecting in ${backoff / 1000} s after seq ${lastSeq}`);
  setTimeout(connect, backoff);
  backoff = Math.min(backoff * 2, 10000);
}

function onEvent(m, send) {
  lastSeq = m.seq;
  if (m.type === 'fill') onFill(m);
  else if (m.type === 'price' && m.data.asset === options.asset) onPrice(Number(m.data.price), send);
}

function onFill(m) {
  const f = m.data;
  console.log(`FILL ${f.side} ${f.quantity} ${f.asset} @ ${f.price} (seq ${m.seq}, ${f.clientOrderId})`);
  if (f.asset !== options.asset) return;
  const quantity = Number(f.quantity), price = Number(f.price);
  if (f.side === 'buy') { entry = (price * quantity + (entry ?? 0) * held) / (held + quantity); held += quantity; }
  else { held -= quantity; if (held <= 0) { held = 0; entry = null; } }
  if (f.clientOrderId === waitingFor) waitingFor = null;
}

function onAnswer(m) {
  if (m.status === 'rejected') {
    console.log(`REJECTED ${m.clientOrderId}: ${m.rejection.reason}: ${m.rejection.message}`);
    if (m.clientOrderId === waitingFor) waitingFor = null;
  }
}

function onPrice(price, send) {
  if (lastPrice !== null) down = price < lastPrice ? down + 1 : 0;
  lastPrice = price;
  if (waitingFor !== null) return; // decide again once the last order's outcome is known
  let side = null, quantity = 0;
  if (held === 0 && down >= options.falls) [side, quantity] = ['buy', options.quantity];
  else if (held > 0 && entry !== null && price > entry) [side, quantity] = ['sell', held];
  if (!side) return;
  waitingFor = `node-${process.pid}-${++orders}`;
  down = 0;
  send({ op: 'order', asset: options.asset, side, quantity, clientOrderId: waitingFor });
}

process.on('SIGINT', () => process.exit(0));
connect();
