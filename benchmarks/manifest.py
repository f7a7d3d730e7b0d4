"""Generate a BOSH-style deployment manifest of about a given size.

Instance groups with jobs, properties, networks and certificates (multi-line
strings), plus releases and variables: the shapes graft meets in real
manifests. The output is deterministic for a given size.
"""

from __future__ import annotations

import random
import sys


def _cert(rng: random.Random) -> str:
    body = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        for _ in range(64 * 12)
    )
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def _group(rng: random.Random, i: int) -> str:
    cert = _cert(rng).replace("\n", "\n          ")
    jobs = "".join(
        f"""  - name: job-{i}-{j}
    release: release-{j % 7}
    properties:
      port: {8000 + j}
      enabled: {"true" if j % 2 else "false"}
      timeout: {1.5 + j}
      tags: [alpha, beta, "gamma-{j}"]
      description: "Job {j} of group {i}: handles requests for the service mesh, retries twice"
      tls:
        ca: |
          {cert.rstrip()}
"""
        for j in range(6)
    )
    return f"""- name: group-{i}
  instances: {rng.randint(1, 9)}
  azs: [z1, z2, z3]
  vm_type: {rng.choice(["small", "medium", "large"])}
  stemcell: default
  networks:
  - name: net-{i % 4}
    static_ips: [10.0.{i % 250}.1, 10.0.{i % 250}.2]
  jobs:
{jobs}"""


def manifest(size: int) -> str:
    rng = random.Random(42)
    head = ["name: big-deployment\n", "releases:\n"]
    head += [f"- name: release-{r}\n  version: 1.{r}.0\n  sha1: {r:040x}\n" for r in range(7)]
    head.append("instance_groups:\n")
    parts = head
    total = sum(len(p) for p in parts)
    i = 0
    while total < size:
        part = _group(rng, i)
        parts.append(part)
        total += len(part)
        i += 1
    parts.append("update:\n  canaries: 1\n  max_in_flight: 10%\n  serial: false\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(manifest(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000))
