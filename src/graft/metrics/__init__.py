"""Metrics of operator execution: the collector, Prometheus text, the HTTP server
and the push to a Pushgateway (``docs/parallel-execution.md``)."""
