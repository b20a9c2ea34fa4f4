#!/usr/bin/env python3
"""An example bot for AkkaTrading's `serve`, in Python with the standard library only (SSE + REST).

Rule: after N falling prices in a row of one asset it buys (when it holds none); once the price rises above
what it paid, it sells all. It watches prices and its own fills on the SSE stream, resumes after the last
seq it saw when the connection drops (Last-Event-ID), places market orders over REST with a client order id
(so a retry after a network error never trades twice), prints rejections and goes on, and prints its fills.

    AKKA_TRADING_TOKEN=alice-secret-token-123 python3 examples/python/bot.py --asset ALFA --falls 3 --quantity 5
"""
import argparse
import http.client
import itertools
import json
import os
import sys
import time
import urllib.parse
from decimal import Decimal


class Gone(Exception):
    """The server no longer keeps the events after our seq: start again from a fresh account snapshot."""


class Bot:
    def __init__(self, url, token, asset, falls, quantity):
        self.base = urllib.parse.urlsplit(url)
        self.token, self.asset, self.falls, self.quantity = token, asset, falls, quantity
        self.held = Decimal(0)          # units of the asset held, from fills
        self.entry = None               # average entry price while holding
        self.last_price = None
        self.down = 0                   # falling prices in a row
        self.last_seq = None            # resume point: the last event seen
        self.waiting_for = None         # seq of our filled order whose fill event has not arrived yet
        self.ids = itertools.count(1)
        self.answered = set()           # client order ids whose rejection the REST answer already printed

    def connection(self, timeout):
        return http.client.HTTPConnection(self.base.hostname, self.base.port or 80, timeout=timeout)

    def request(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        conn = self.connection(10)
        try:
            conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            response = conn.getresponse()
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None), response.getheader("Retry-After")
        finally:
            conn.close()

    def load_account(self):
        status, account, _ = self.request("GET", "/api/v1/account")
        if status == 401:
            sys.exit("unauthorized: check the token")
        if status != 200:
            raise ConnectionError(f"account: HTTP {status}")
        position = next((p for p in account["positions"] if p["asset"] == self.asset), None)
        self.held = Decimal(str(position["quantity"])) if position else Decimal(0)
        self.entry = Decimal(str(position["averageEntryPrice"])) if position else None
        print(f"{account['bot']}: cash {account['cash']}, holds {self.held} {self.asset}", flush=True)

    def run(self):
        print(f"watching {self.asset}: buy {self.quantity} after {self.falls} falling prices, sell all on a rise above the entry price",
              flush=True)
        backoff = 1
        while True:
            try:
                if self.last_seq is None:
                    self.load_account()
                self.stream()
                backoff = 1
            except Gone as e:
                print(f"resync: {e}", flush=True)
                self.last_seq = None
            except (OSError, http.client.HTTPException, ConnectionError) as e:
                print(f"disconnected ({e}); reconnecting in {backoff} s after seq {self.last_seq}", flush=True)
                time.sleep(backoff)
                backoff = min(backoff * 2, 10)

    def stream(self):
        """Reads the SSE stream until it ends; every event is handled as it arrives."""
        headers = {"Authorization": "Bearer " + self.token, "Accept": "text/event-stream"}
        if self.last_seq is not None:
            headers["Last-Event-ID"] = str(self.last_seq)
        conn = self.connection(45)  # the server sends a heartbeat every 15 s: silence this long means a dead connection
        try:
            conn.request("GET", "/api/v1/stream?topics=prices,fills", headers=headers)
            response = conn.getresponse()
            if response.status == 401:
                sys.exit("unauthorized: check the token")
            if response.status == 410:
                raise Gone(response.read().decode())
            if response.status != 200:
                raise ConnectionError(f"stream: HTTP {response.status}")
            kind, data = None, []
            while True:
                line = response.readline()
                if not line:
                    raise ConnectionError("the stream ended")
                line = line.decode().rstrip("\r\n")
                if line == "":
                    if data:
                        self.on_event(kind, json.loads("\n".join(data)))
                    kind, data = None, []
                elif line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())
        finally:
            conn.close()

    def on_event(self, kind, message):
        if kind == "error":  # too_slow: resume after our seq; gone: resync
            if message.get("error") == "gone":
                raise Gone(message.get("message"))
            raise ConnectionError(message.get("message"))
        if "seq" not in message:
            return  # heartbeat
        self.last_seq = message["seq"]
        data = message["data"]
        if kind == "fill":
            self.on_fill(message["seq"], data)
        elif kind == "rejection" and data.get("clientOrderId") in self.answered:
            self.answered.discard(data["clientOrderId"])
        elif kind == "rejection":
            print(f"REJECTED {data['side']} {data['quantity']} {data['asset']}: {data['message']}", flush=True)
        elif kind == "price" and data["asset"] == self.asset:
            self.on_price(Decimal(str(data["price"])))

    def on_fill(self, seq, fill):
        print(f"FILL {fill['side']} {fill['quantity']} {fill['asset']} @ {fill['price']} (seq {seq}, {fill['clientOrderId']})", flush=True)
        if fill["asset"] != self.asset:
            return
        quantity, price = Decimal(str(fill["quantity"])), Decimal(str(fill["price"]))
        if fill["side"] == "buy":
            self.entry = (price * quantity + (self.entry or 0) * self.held) / (self.held + quantity)
            self.held += quantity
        else:
            self.held -= quantity
            self.entry = self.entry if self.held > 0 else None
        if self.waiting_for is not None and seq >= self.waiting_for:
            self.waiting_for = None

    def on_price(self, price):
        if self.last_price is not None:
            self.down = self.down + 1 if price < self.last_price else 0
        self.last_price = price
        if self.waiting_for is not None:
            return  # decide again once our last fill is known
        if self.held == 0 and self.down >= self.falls:
            self.order("buy", self.quantity)
        elif self.held > 0 and self.entry is not None and price > self.entry:
            self.order("sell", self.held)

    def order(self, side, quantity):
        body = {"asset": self.asset, "side": side, "quantity": str(quantity), "clientOrderId": f"py-{os.getpid()}-{next(self.ids)}"}
        for attempt in range(3):
            try:
                status, answer, retry_after = self.request("POST", "/api/v1/orders", body)
                break
            except (OSError, http.client.HTTPException) as e:
                # the same clientOrderId: if the first attempt went through, the exchange answers it again and trades nothing
                print(f"order {body['clientOrderId']}: {e}; retrying", flush=True)
                time.sleep(0.5 * (attempt + 1))
        else:
            return
        if status == 200:
            self.waiting_for = answer["seq"]
            self.down = 0
        elif status == 422:
            rejection = answer["rejection"]
            print(f"REJECTED {side} {quantity} {self.asset}: {rejection['reason']}: {rejection['message']}", flush=True)
            self.answered.add(body["clientOrderId"])
            self.down = 0
        elif status == 429:
            print(f"rate limited: retry after {retry_after} s", flush=True)
        else:
            print(f"order refused: HTTP {status} {answer}", flush=True)


def main():
    parser = argparse.ArgumentParser(description="An example AkkaTrading bot over SSE + REST (standard library only).")
    parser.add_argument("--url", default="http://127.0.0.1:5080", help="the server (default %(default)s)")
    parser.add_argument("--token", default=os.environ.get("AKKA_TRADING_TOKEN"), help="the bot's token (or AKKA_TRADING_TOKEN)")
    parser.add_argument("--asset", default="ALFA", help="the asset to trade (default %(default)s)")
    parser.add_argument("--falls", type=int, default=3, help="falling prices in a row before buying (default %(default)s)")
    parser.add_argument("--quantity", type=int, default=5, help="units per buy (default %(default)s)")
    args = parser.parse_args()
    if not args.token:
        parser.error("a token is needed: --token or AKKA_TRADING_TOKEN")
    try:
        Bot(args.url, args.token, args.asset, args.falls, args.quantity).run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
