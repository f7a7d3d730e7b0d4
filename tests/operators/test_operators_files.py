"""``(( file ... ))`` and ``(( load ... ))`` (SPEC §6.9, §6.15)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import multi_error

# --- file: results -------------------------------------------------------------------


def test_file_returns_the_content_untrimmed(graft):
    files = {
        "a.yml": 'motd: (( file "motd.txt" ))\nkey: (( file "certs/k.pem" ))\n',
        "motd.txt": "line one\nline two\n",
        "certs/k.pem": "-----BEGIN-----\nxyz\n-----END-----",
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        "key: |-\n  -----BEGIN-----\n  xyz\n  -----END-----\nmotd: |\n  line one\n  line two\n\n",
        "",
    )


def test_file_empty_file_is_an_empty_string(graft):
    files = {"a.yml": 'raw: (( file "none.txt" ))\n', "none.txt": ""}
    assert graft("merge", "a.yml", files=files) == (0, 'raw: ""\n\n', "")


def test_file_with_a_base_and_a_name_joins_and_cleans_the_path(graft):
    files = {
        "a.yml": """\
meta:
  dir: conf/sub
plain: (( file meta.dir "x.txt" ))
messy: (( file "conf/" "./sub/../sub/x.txt" ))
""",
        "conf/sub/x.txt": "X",
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        "messy: X\nmeta:\n  dir: conf/sub\nplain: X\n\n",
        "",
    )


def test_file_argument_may_be_a_number(graft):
    files = {"a.yml": "num: (( file 42 ))\n", "42": "forty-two"}
    assert graft("merge", "a.yml", files=files) == (0, "num: forty-two\n\n", "")


def test_file_relative_paths_use_graft_file_base_path(graft, tmp_path):
    files = {
        "a.yml": f'rel: (( file "x.txt" ))\nabs: (( file "{tmp_path}/top.txt" ))\n',
        "base/x.txt": "from base",
        "top.txt": "absolute",
    }
    env = {"GRAFT_FILE_BASE_PATH": "base"}
    assert graft("merge", "a.yml", files=files, env=env) == (
        0,
        "abs: absolute\nrel: from base\n\n",
        "",
    )


def test_file_ignores_spruce_file_base_path(graft):
    files = {"a.yml": 'x: (( file "x.txt" ))\n', "x.txt": "here", "base/x.txt": "there"}
    env = {"SPRUCE_FILE_BASE_PATH": "base"}
    assert graft("merge", "a.yml", files=files, env=env) == (0, "x: here\n\n", "")


def test_file_content_is_not_evaluated(graft):
    files = {"a.yml": 'a: 1\nt: (( file "t.txt" ))\n', "t.txt": "(( grab a ))"}
    assert graft("merge", "a.yml", files=files) == (0, "a: 1\nt: (( grab a ))\n\n", "")


# --- file: errors --------------------------------------------------------------------


def test_file_errors(graft):
    files = {
        "a.yml": """\
meta: {nul: ~}
dir: (( file "adir" ))
missing: (( file "/nonexistent/x" ))
nil1: (( file meta.nul ))
nil2: (( file "a" meta.nul ))
none: (( file ))
three: (( file "a" "b" "c" ))
unresolved: (( file meta.nope ))
""",
        "adir/inner.txt": "x",
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.dir: read adir: is a directory",
            "$.missing: open /nonexistent/x: no such file or directory",
            "$.nil1: file operator argument resolved to nil",
            "$.nil2: file operator arguments cannot be nil",
            "$.none: file operator requires one or two string arguments",
            "$.three: file operator requires one or two string arguments",
            "$.unresolved: Unable to resolve `meta.nope`: "
            "`$.meta.nope` could not be found in the datastructure",
        ),
    )


def test_file_error_names_the_path_with_the_base_path(graft):
    files = {"a.yml": 'x: (( file "x.txt" ))\n'}
    env = {"GRAFT_FILE_BASE_PATH": "base/"}
    assert graft("merge", "a.yml", files=files, env=env) == (
        2,
        "",
        multi_error("$.x: open base/x.txt: no such file or directory"),
    )


# --- load: results -------------------------------------------------------------------


def test_load_map_root_then_grab_from_it(graft):
    files = {
        "a.yml": 'cfg: (( load "c.yml" ))\nport: (( grab cfg.server.port ))\n',
        "c.yml": "server:\n  port: 8443\n  hosts: [a, b]\n",
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        "cfg:\n  server:\n    hosts:\n    - a\n    - b\n    port: 8443\nport: 8443\n\n",
        "",
    )


def test_load_list_root_and_json(graft):
    files = {
        "a.yml": 'l: (( load "l.yml" ))\nj: (( load "d.json" ))\n',
        "l.yml": "- 1\n- two\n",
        "d.json": '{"k": [true, null], "n": 1.5}',
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        'j:\n  k:\n  - true\n  - null\n  "n": 1.5\nl:\n- 1\n- two\n\n',
        "",
    )


def test_load_reads_yaml_1_1(graft):
    files = {
        "a.yml": 'x: (( load "old.yml" ))\n',
        "old.yml": "k: yes\ny: n\nd: 2002-12-14\nq: 'on'\n",
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        'x:\n  true: false\n  d: 2002-12-14\n  k: true\n  q: "on"\n\n',
        "",
    )


def test_load_content_is_not_evaluated(graft):
    files = {"a.yml": 'a: 1\nx: (( load "in.yml" ))\n', "in.yml": "v: (( grab a ))\n"}
    assert graft("merge", "a.yml", files=files) == (0, "a: 1\nx:\n  v: (( grab a ))\n\n", "")


def test_load_relative_paths_use_graft_file_base_path(graft):
    files = {"a.yml": "x: (( load meta.f ))\nmeta: {f: in.yml}\n", "base/in.yml": "k: v\n"}
    env = {"GRAFT_FILE_BASE_PATH": "base"}
    assert graft("merge", "a.yml", files=files, env=env) == (
        0,
        "meta:\n  f: in.yml\nx:\n  k: v\n\n",
        "",
    )


# --- load: errors --------------------------------------------------------------------


def test_load_errors(graft):
    files = {
        "a.yml": """\
meta: {m: {a: 1}, l: [1], nul: ~}
bad: (( load "bad.yml" ))
dir: (( load "adir" ))
empty: (( load "empty.yml" ))
list: (( load meta.l ))
map: (( load meta.m ))
missing: (( load "absent.yml" ))
nil: (( load meta.nul ))
scalar: (( load "s.yml" ))
two: (( load "a" "b" ))
""",
        "bad.yml": "key: [unclosed\n",
        "adir/f": "x",
        "empty.yml": "",
        "s.yml": "just text\n",
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.bad: unmarshal []byte to yaml failed: "
            "yaml: line 1: did not find expected ',' or ']'",
            "$.dir: read adir: is a directory",
            "$.empty: unsupported root type in loaded content, "
            "only map or list roots are supported",
            "$.list: load operator argument is a list; only string scalars are supported",
            "$.map: load operator argument is a map; only string scalars are supported",
            "$.missing: unable to get any content using location absent.yml: "
            "it is not a file or usable URI",
            "$.nil: load operator argument cannot be nil",
            "$.scalar: unsupported root type in loaded content, "
            "only map or list roots are supported",
            "$.two: load operator requires exactly one literal string or reference argument",
        ),
    )


def test_load_yaml_errors_use_go_yaml_line_numbers(graft):
    files = {
        "a.yml": 'one: (( load "one.yml" ))\ntwo: (( load "two.yml" ))\n',
        "one.yml": "a: b: c\n",
        "two.yml": "a: 1\nb: @x\n",
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.one: unmarshal []byte to yaml failed: "
            "yaml: mapping values are not allowed in this context",
            "$.two: unmarshal []byte to yaml failed: "
            "yaml: line 2: found character that cannot start any token",
        ),
    )


def test_load_missing_file_names_the_joined_path(graft):
    files = {"a.yml": 'x: (( load "./sub//in.yml" ))\n'}
    env = {"GRAFT_FILE_BASE_PATH": "base"}
    assert graft("merge", "a.yml", files=files, env=env) == (
        2,
        "",
        multi_error(
            "$.x: unable to get any content using location base/sub/in.yml: "
            "it is not a file or usable URI"
        ),
    )


# --- load: URLs ----------------------------------------------------------------------

PAGES = {
    "/conf.yml": (200, b"k: yes\nl: [1, 2]\n"),
    "/list.yml": (200, b"- a\n- b\n"),
    "/gone": (404, b"no such page"),
    "/made": (201, b"made it"),
    "/moved": (302, b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = PAGES.get(self.path, (500, b"unexpected"))
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/conf.yml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server on a free loopback port; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_load_fetches_urls(graft, server):
    files = {
        "a.yml": f"""\
meta: {{url: "{server}/list.yml"}}
conf: (( load "{server}/conf.yml" ))
list: (( load meta.url ))
moved: (( load "{server}/moved" ))
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        f"""\
conf:
  k: true
  l:
  - 1
  - 2
list:
- a
- b
meta:
  url: {server}/list.yml
moved:
  k: true
  l:
  - 1
  - 2

""",
        "",
    )


def test_load_url_errors(graft, server):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    files = {
        "a.yml": f"""\
created: (( load "{server}/made" ))
ftp: (( load "ftp://127.0.0.1/x.yml" ))
gone: (( load "{server}/gone" ))
refused: (( load "http://127.0.0.1:{closed}/x.yml" ))
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            f"$.created: failed to retrieve data from location {server}/made: made it",
            '$.ftp: Get "ftp://127.0.0.1/x.yml": unsupported protocol scheme "ftp"',
            f"$.gone: failed to retrieve data from location {server}/gone: no such page",
            f'$.refused: Get "http://127.0.0.1:{closed}/x.yml": '
            f"dial tcp 127.0.0.1:{closed}: connect: connection refused",
        ),
    )
