#!/usr/bin/env python3
"""A local RFC 3161 time-stamping service for the tests (issue 16): openssl
`ts -reply` behind a tiny HTTP responder on 127.0.0.1, never a real service.

    python3 tsa.py DIR

DIR is a PKI made by pki.py (tsa.crt, tsa.key, inter.crt, root.crt). Prints
the port it listens on, then serves until it is killed. A request that is
not a time-stamp query gets HTTP 400.
"""

import http.server
import os
import subprocess
import sys
import tempfile

CONF = """
[tsa]
default_tsa = here
[here]
dir = {dir}
serial = {dir}/tsa-serial
crypto_device = builtin
signer_cert = {dir}/tsa.crt
certs = {dir}/tsa-chain.pem
signer_key = {dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5.6
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def setup(d):
    with open(os.path.join(d, "tsa.cnf"), "w") as f:
        f.write(CONF.format(dir=d))
    if not os.path.exists(os.path.join(d, "tsa-serial")):
        with open(os.path.join(d, "tsa-serial"), "w") as f:
            f.write("01\n")
    with open(os.path.join(d, "tsa-chain.pem"), "w") as out:
        for c in ("inter", "root"):
            out.write(open(os.path.join(d, f"{c}.crt")).read())


def handler(d):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with tempfile.TemporaryDirectory() as t:
                query, reply = os.path.join(t, "q.tsq"), os.path.join(t, "r.tsr")
                with open(query, "wb") as f:
                    f.write(body)
                done = subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(d, "tsa.cnf"),
                                       "-queryfile", query, "-out", reply], capture_output=True)
                if done.returncode != 0:
                    self.send_response(400)
                    self.end_headers()
                    return
                data = open(reply, "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def main():
    d = os.path.abspath(sys.argv[1])
    setup(d)
    server = http.server.HTTPServer(("127.0.0.1", 0), handler(d))
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
