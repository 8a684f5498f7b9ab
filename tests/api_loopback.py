#!/usr/bin/env python3
"""A loopback stand-in for DfE's children's social care data API, for
tests/e2e/83_api_payload.sh: it enforces the contract's shapes and answers.

  POST /token                                 OAuth2 client credentials -> access_token
  POST /children_social_care_data/{la}/children
      401 without the bearer token, 400 when the body fails the CSC schema
      of openapi.json (jsonschema, with formats), 413 above MAX_RECORDS
      records, 429 (Retry-After: 1) to the first request when THROTTLE=1,
      else 200 with a receipt (a UUID); every accepted body is kept. Each
      token serves TOKEN_USES requests (default: no limit), then 401.

Usage: api_loopback.py OPENAPI_JSON DIR. Writes DIR/port once listening,
DIR/NNNN.json per accepted body and DIR/log (one line per request:
status, records); exits after LIFETIME seconds (default 120) whatever happens.
"""
import json
import os
import sys
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import jsonschema

spec = json.load(open(sys.argv[1]))
out = sys.argv[2]
schema = spec["components"]["schemas"]["CSC"]
validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
max_records = int(os.environ.get("MAX_RECORDS", "100"))
throttle = os.environ.get("THROTTLE") == "1"
token_uses = int(os.environ.get("TOKEN_USES", "0"))
state = {"requests": 0, "accepted": 0, "tokens": {}}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=None, records=0):
        with open(os.path.join(out, "log"), "a") as log:
            log.write("%d %d %s\n" % (status, records, self.path))
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/token":
            form = urllib.parse.parse_qs(body.decode())
            ok = form.get("grant_type") == ["client_credentials"] and form.get("client_id") == ["caseflow-test"] \
                and form.get("client_secret") == ["s3cret"]
            if not ok:
                return self.answer(401)
            token = "loopback-token-%d" % (len(state["tokens"]) + 1)
            state["tokens"][token] = token_uses or -1
            return self.answer(200, json.dumps({"access_token": token, "token_type": "Bearer",
                                                "expires_in": 3600}).encode(), {"Content-Type": "application/json"})
        parts = self.path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != "children_social_care_data" or parts[2] != "children" \
                or not parts[1].isdigit() or int(parts[1]) > 999:
            return self.answer(404)
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
        if state["tokens"].get(token, 0) == 0:
            return self.answer(401)
        state["tokens"][token] -= 1
        state["requests"] += 1
        try:
            records = json.loads(body)
        except ValueError:
            return self.answer(400)
        n = len(records) if isinstance(records, list) else 0
        if throttle and state["requests"] == 1:
            return self.answer(429, headers={"Retry-After": "1"}, records=n)
        if n > max_records:
            return self.answer(413, records=n)
        if list(validator.iter_errors(records)):
            with open(os.path.join(out, "invalid"), "a") as f:
                for e in validator.iter_errors(records):
                    f.write("%s: %s\n" % (list(e.absolute_path), e.message))
            return self.answer(400, records=n)
        state["accepted"] += 1
        with open(os.path.join(out, "%04d.json" % state["accepted"]), "wb") as f:
            f.write(body)
        return self.answer(200, json.dumps(str(uuid.uuid4())).encode(), {"Content-Type": "application/json"}, n)


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Timer(float(os.environ.get("LIFETIME", "120")), server.shutdown).start()
with open(os.path.join(out, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))
server.serve_forever()
os._exit(0)
