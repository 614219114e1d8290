#!/usr/bin/env python3
"""Writes one HS256 shopper token per line for bench_000001..bench_N, signed like the identity provider's.

usage: tokens.py COUNT ISSUER AUDIENCE KEY > tokens.txt
"""
import base64, hashlib, hmac, json, sys, time


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


count, issuer, audience, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].encode()
now = int(time.time())
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
for n in range(1, count + 1):
    claims = {"iss": issuer, "aud": audience, "sub": f"bench_{n:06d}", "iat": now, "nbf": now - 60, "exp": now + 6 * 3600}
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = b64(hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    print(f"{header}.{payload}.{signature}")
