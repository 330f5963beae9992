"""The HTML pages in a real browser: headless Chromium (Debian's ``chromium``), driven through the
DevTools protocol on 127.0.0.1 by the small WebSocket client below.

Each page must load with no console message, no uncaught exception, no error in the browser's log
(a blocked request included) and no dialog; what a person would check is checked on the rendered
page (the grid, a click, the filters, nothing wider than a 1400-pixel screen, no text spilling out
of its cell), and its A4 print is made into a PDF whose text must hold the quotes. Screenshots
and PDFs are kept in ``artifacts/pages/`` (git-ignored) for a person to look at.

Without ``chromium`` the tests are skipped, except in CI (``CI=true``), where ``.ci/run`` installs
it and its absence fails them.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from changrenzhi.compare import compare, render
from changrenzhi.engine.core import evaluate
from changrenzhi.events import read_events
from changrenzhi.explain import lines_at
from changrenzhi.outputs.html import render_check_html
from support import shipped_pack

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "pages"
SIX = ("zhangjiagang", "guoyuan", "baoying", "xianfeng", "district", "model-plan")
GUOYUAN_LOG = ROOT / "policies/guoyuan/examples/guoyuan-2009-2010.jsonl"
#: the longest the browser may take to answer one command or to load one page
TIMEOUT = 60.0
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but chromium is missing: .ci/run installs it (apt-get install chromium)")
    pytestmark = pytest.mark.skip(reason="chromium is not installed (apt-get install chromium)")


# ---- a WebSocket client, just enough for the DevTools protocol ------------------------------------
class WebSocket:
    """Text frames over one TCP connection to 127.0.0.1 (RFC 6455, client side, no extensions)."""

    def __init__(self, url: str) -> None:
        m = re.fullmatch(r"ws://(127\.0\.0\.1|localhost):(\d+)(/.*)", url)
        assert m, url
        self.sock = socket.create_connection(("127.0.0.1", int(m.group(2))), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {m.group(3)} HTTP/1.1\r\nHost: 127.0.0.1:{m.group(2)}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            assert chunk, "the browser closed the connection during the handshake"
            head += chunk
        assert head.split(b"\r\n", 1)[0].split()[1] == b"101", head[:200]
        self.buffer = head.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            assert chunk, "the browser closed the connection"
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send(self, text: str) -> None:
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self) -> str:
        parts = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("the browser closed the WebSocket")
            if opcode in (0x9, 0xA):  # ping, pong: not sent by Chromium to a client; ignored
                continue
            parts += payload
            if b0 & 0x80:
                return parts.decode()

    def close(self) -> None:
        self.sock.close()


class Page:
    """One tab: commands in, answers and events out; what it complains about is kept in ``problems``."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.next_id = 0
        self.problems: list[str] = []
        self.events: list[dict[str, Any]] = []

    def _note(self, msg: dict[str, Any]) -> None:
        method, params = msg.get("method"), msg.get("params", {})
        self.events.append(msg)
        if method == "Runtime.consoleAPICalled":
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.problems.append(f"console.{params.get('type')}: {args}")
        elif method == "Runtime.exceptionThrown":
            self.problems.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded":
            entry = params["entry"]
            self.problems.append(f"log {entry.get('level')}: {entry.get('text')} {entry.get('url', '')}")
        elif method == "Page.javascriptDialogOpening":
            self.problems.append(f"dialog: {params.get('message')}")
            self.send("Page.handleJavaScriptDialog", accept=True)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mine:
                assert "error" not in msg, (method, msg["error"])
                return dict(msg.get("result", {}))
            if "method" in msg:
                self._note(msg)
        raise TimeoutError(method)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if any(e.get("method") == method for e in self.events):
                return
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self._note(msg)
        raise TimeoutError(method)

    def open(self, path: Path, width: int = 1400, height: int = 900) -> None:
        """Load ``path`` at a window of ``width`` × ``height``; what earlier pages said is forgotten."""
        self.events.clear()
        self.problems.clear()
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        got = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in got, got["exceptionDetails"]
        return got["result"].get("value")

    def set(self, element: str, value: str | bool, event: str = "change") -> None:
        """Set the form control ``#element`` as a person would, and tell the page."""
        prop = "checked" if isinstance(value, bool) else "value"
        self.js(
            f"(() => {{ const e = document.getElementById({json.dumps(element)}); "
            f"e.{prop} = {json.dumps(value)}; e.dispatchEvent(new Event({json.dumps(event)})); }})()"
        )

    def rows(self, what: str = "r.dataset.key") -> Any:
        """``what`` of each table row shown (``r``: the row)."""
        return self.js(
            f"[...document.querySelectorAll('tbody tr')].filter(r => r.offsetParent).map(r => {what})"
        )

    def screenshot(self, name: str, full: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full:
            size = self.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 12000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])
        out = ARTIFACTS / f"{name}.png"
        out.write_bytes(data)
        assert data.startswith(b"\x89PNG")
        return out

    def pdf(self, name: str, landscape: bool = False) -> Path:
        got = self.send(
            "Page.printToPDF",
            printBackground=True,
            preferCSSPageSize=True,
            paperWidth=8.27,
            paperHeight=11.69,
            landscape=landscape,
        )
        out = ARTIFACTS / f"{name}.pdf"
        out.write_bytes(base64.b64decode(got["data"]))
        return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Page]:
    assert CHROMIUM is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        drain: threading.Thread | None = None
        try:
            url = _devtools_url(proc)
            # what Chromium writes after that is read and dropped, so that a full pipe never stops it
            drain = threading.Thread(target=proc.stderr.read, daemon=True)  # type: ignore[union-attr]
            drain.start()
            port = int(re.search(r":(\d+)/", url).group(1))  # type: ignore[union-attr]
            page_ws = _page_target(port)
            ws = WebSocket(page_ws)
            page = Page(ws)
            for domain in ("Page", "Runtime", "Log"):
                page.send(f"{domain}.enable")
            yield page
            ws.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if drain is not None:
                drain.join(timeout=TIMEOUT)
            assert proc.stderr is not None
            proc.stderr.close()


def _devtools_url(proc: subprocess.Popen[str]) -> str:
    """Chromium says where it listens on standard error: ``DevTools listening on ws://...``."""
    assert proc.stderr is not None
    seen = []
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        m = re.search(r"DevTools listening on (ws://\S+)", line)
        if m:
            return m.group(1)
    raise AssertionError("chromium did not start: " + "".join(seen[-20:]))


def _page_target(port: int) -> str:
    import http.client

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        conn.request("GET", "/json/list")
        targets = json.loads(conn.getresponse().read())
        conn.close()
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return str(pages[0]["webSocketDebuggerUrl"])
        time.sleep(0.1)
    raise AssertionError("chromium has no page")


def _pdftotext(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but pdftotext is missing: .ci/run installs poppler-utils")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return subprocess.run([tool, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pdf_pages(pdf: Path, name: str, first: int = 1, last: int = 2) -> int:
    """The number of pages; the first pages made into PNGs beside the PDF (pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is not None:
        subprocess.run(
            [tool, "-png", "-r", "60", "-f", str(first), "-l", str(last), str(pdf), str(ARTIFACTS / name)],
            check=True,
        )
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


SPILL = """(() => {
  // every visible cell and block: nothing inside wider than it (text spilling into the next column)
  const bad = [];
  for (const el of document.querySelectorAll('td, th, blockquote, .rule, code, h1, h3, summary')) {
    if (!el.offsetParent) continue;
    if (el.closest('.gridwrap')) continue;  // the grid scrolls sideways inside its own box
    if (el.scrollWidth > el.clientWidth + 1) bad.push(el.tagName + ' ' + el.textContent.slice(0, 60));
  }
  return bad;
})()"""


def write(name: str, text: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- check --format html ----------------------------------------------------------------------
def _guoyuan_page(lang: str = "zh") -> str:
    pack = shipped_pack("guoyuan")
    log = read_events(str(GUOYUAN_LOG))
    report = evaluate(pack, log, __import__("datetime").date(2010, 9, 20))
    return render_check_html(report, pack, lang, log, lambda ns: lines_at(str(GUOYUAN_LOG), ns))


def test_the_check_report_answers_which_groups_missed_study_in_2009(browser: Page) -> None:
    page = write("check-guoyuan.html", _guoyuan_page())
    browser.open(page)
    assert browser.problems == []
    assert browser.js("document.documentElement.scrollWidth") <= 1400
    assert browser.js(SPILL) == []
    # the grid of groups: G4 lapsed in 2009's fourth quarter (a violation), still open in 2010 Q3
    groups = browser.js(
        """(() => { const t = [...document.querySelectorAll('h3')]
             .find(h => h.textContent.startsWith('代表小组')).nextElementSibling.querySelector('table');
           const heads = [...t.tHead.rows[1].cells].map(c => c.textContent);
           return [...t.tBodies[0].rows].map(r => [r.cells[0].textContent,
             [...r.cells].slice(1, heads.length + 1).map((c, i) => c.className.includes(' v') ? i : -1)
               .filter(i => i >= 0).map(i => heads[i])]); })()"""
    )
    assert groups == [["G4", ["Q4"]]]
    browser.screenshot("check-guoyuan-top")
    # only the study rule in the grid, then a click on G4's red cell: its finding, highlighted
    options = browser.js("[...document.getElementById('rule-filter').options].map(o => [o.text, o.value])")
    browser.set("rule-filter", dict(options)["guoyuan.study.frequency"])
    coloured = browser.js("document.querySelectorAll('td.c.v:not(.off), td.c.p:not(.off)').length")
    assert coloured == 2  # G4 2009 Q4 (violation) and 2010 Q3 (pending)
    browser.js("document.querySelector('td.c.v:not(.off)').click()")
    hit = browser.js("[...document.querySelectorAll('li.finding.hit')].map(li => li.textContent)")
    assert len(hit) == 1 and "代表小组 G4 在2009年第4季度组织集中学习 0 次" in hit[0]
    # why: the trace one click away, with the quoted clause above the findings
    browser.js("document.querySelector('li.finding.hit summary').click()")
    trace = browser.js("document.querySelector('li.finding.hit .trace').innerText")
    assert "2009年第4季度（2009-10-01 至 2009-12-31），已于 2009-12-31 结束" in trace
    assert "代表小组 G4" in trace and "G4" in trace
    quote = browser.js(
        "document.querySelector('li.finding.hit').closest('article').querySelector('blockquote').innerText"
    )
    assert "由代表小组组长负责召集并组织学习，每季度不得少于一次" in quote
    assert browser.problems == []
    browser.screenshot("check-guoyuan-g4-trace")
    pdf = browser.pdf("check-guoyuan-print")
    text = _pdftotext(pdf)
    assert "由代表小组组长负责召集并组织学习，每季度不得少于一次" in text.replace(" ", "").replace("\n", "")
    assert "全部规则" not in text  # the controls are not printed, the rule they keep is
    assert "只看规则 guoyuan.study.frequency" in text
    assert _pdf_pages(pdf, "check-guoyuan-print", 1, 3) >= 2


def test_the_check_report_in_english_loads_clean(browser: Page) -> None:
    browser.open(write("check-guoyuan-en.html", _guoyuan_page("en")))
    assert browser.problems == []
    assert browser.js("document.documentElement.lang") == "en"
    browser.js("document.getElementById('expand').click()")
    opened = browser.js("document.querySelectorAll('li.finding details[open]').length")
    assert opened == browser.js("document.querySelectorAll('li.finding').length") > 20
    assert browser.js(SPILL) == []


# ---- compare --format html ---------------------------------------------------------------------
def test_six_packs_shared_by_two_fit_1400_pixels_and_print_with_quotes(browser: Page) -> None:
    cmp = compare([shipped_pack(p) for p in SIX])
    browser.open(write("compare-six.html", render(cmp, "html", "zh")))
    assert browser.problems == []
    browser.screenshot("compare-six-all")
    browser.set("min-shared", "2")
    shared = [r for r in cmp.rows if r.shared >= 2]
    visible = browser.rows()
    assert visible == [r.key for r in shared] and 0 < len(shared) < len(cmp.rows)
    assert (
        browser.js("document.getElementById('shown').textContent")
        == f"显示 {len(shared)} / {len(cmp.rows)} 项职责"
    )
    assert browser.js("document.documentElement.scrollWidth") <= 1400
    assert browser.js(SPILL) == []
    # no two cells of a row overlap
    overlaps = browser.js(
        """(() => { const bad = [];
           for (const tr of document.querySelectorAll('tbody tr')) { if (!tr.offsetParent) continue;
             const r = [...tr.cells].map(c => c.getBoundingClientRect());
             for (let i = 1; i < r.length; i++)
               if (r[i].left < r[i - 1].right - 1) bad.push(tr.dataset.key); }
           return bad; })()"""
    )
    assert overlaps == []
    browser.screenshot("compare-six-shared2")
    # the quotes are on the page itself, not in tooltips
    shown = "\n".join(browser.rows("r.innerText"))
    for row in shared:
        for cell in row.cells:
            for e in cell:
                assert e.quote in shown, (row.key, e.rule)
    # the differ filter hides rows now (it hid nothing when 'differ' meant 'not in every pack alike')
    browser.set("differ", True, "change")
    differ = len(browser.rows())
    assert differ == sum(1 for r in shared if r.differs) < len(shared)
    browser.set("differ", False, "change")
    # search and sort
    browser.set("q", "学习", "input")
    found = browser.rows("r.innerText")
    assert found and all("学习" in t for t in found)
    browser.set("q", "", "input")
    browser.set("sort", "shared", "change")
    counts = browser.js("[...document.querySelectorAll('tbody tr')].map(r => Number(r.dataset.shared))")
    assert counts == sorted(counts, reverse=True)
    browser.set("sort", "default", "change")
    assert browser.problems == []
    # printed as filtered: A4 landscape, every quote of the shown rows in the PDF's text
    pdf = browser.pdf("compare-six-shared2-print", landscape=True)
    text = re.sub(r"\s+", "", _pdftotext(pdf))
    missing = [e.quote for r in shared for c in r.cells for e in c if re.sub(r"\s+", "", e.quote) not in text]
    assert missing == []
    assert "只看要求不同的" not in text  # the controls are not printed, what they show is
    assert f"显示{len(shared)}/{len(cmp.rows)}项职责" in text
    pages = _pdf_pages(pdf, "compare-six-shared2-print", 1, 2)
    assert pages >= 1


def test_compare_at_a_narrow_width_keeps_text_in_its_cells(browser: Page) -> None:
    cmp = compare([shipped_pack(p) for p in SIX])
    browser.open(write("compare-six.html", render(cmp, "html", "en")), width=900)
    assert browser.problems == []
    assert browser.js("document.documentElement.scrollWidth") <= 900
    assert browser.js(SPILL) == []
    browser.screenshot("compare-six-900px-en")


# ---- hostile names ---------------------------------------------------------------------------------
HOSTILE = "\"'><img src=x onerror=alert(1)><script>alert(2)</script>"


def test_hostile_names_are_text(browser: Page, tmp_path: Path) -> None:
    import yaml

    doc = yaml.safe_load((ROOT / "policies/guoyuan/pack.yaml").read_text(encoding="utf-8"))
    doc["name"] = doc["locality"] = HOSTILE
    doc["document"]["title"] = HOSTILE
    doc["rules"][0]["title"] = HOSTILE
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    log = tmp_path / "evil.jsonl"
    log.write_text(
        GUOYUAN_LOG.read_text(encoding="utf-8").replace('"G4"', json.dumps(HOSTILE)), encoding="utf-8"
    )
    from changrenzhi.loading import load_pack

    pack = load_pack(str(folder))
    events = read_events(str(log))
    report = evaluate(pack, events, __import__("datetime").date(2010, 9, 20))
    pages = [
        write(
            "hostile-check.html",
            render_check_html(report, pack, "zh", events, lambda ns: lines_at(str(log), ns)),
        ),
        write("hostile-compare.html", render(compare([pack, shipped_pack("guoyuan")]), "html", "zh")),
    ]
    for path in pages:
        browser.open(path)
        assert browser.problems == [], path.name
        assert browser.js("document.querySelectorAll('img').length") == 0
        assert browser.js("document.querySelectorAll('script').length") == 1  # the page's own
        assert HOSTILE in browser.js("document.body.innerText") or HOSTILE in browser.js("document.title")


def test_a_page_that_reaches_for_the_network_is_refused(browser: Page) -> None:
    """The pages forbid any request (Content-Security-Policy): the check above would see one."""
    from changrenzhi.outputs.html import page

    path = write("network.html", page("t", ['<img src="http://127.0.0.1:9/x.png">'], "zh", ""))
    browser.open(path)
    assert any("Content Security Policy" in p or "img-src" in p for p in browser.problems), browser.problems


# ---- the county dashboard -------------------------------------------------------------------------
def test_the_dashboard_draws_the_county_and_links_each_town(browser: Page, tmp_path: Path) -> None:
    from changrenzhi.outputs.dashboard import read_dataset, render_dashboard, write_reports
    from support import EXAMPLE_TOWNS, write_dataset

    towns = dict(EXAMPLE_TOWNS)
    towns["坏镇"] = ("guoyuan", "missing.jsonl", "2010-09-20")
    data = read_dataset(write_dataset(tmp_path / "ds", towns))
    site = ARTIFACTS / "dashboard"
    assert write_reports(data, site / "reports", "zh") == []
    page = site / "dashboard.html"
    page.write_text(render_dashboard(data, "zh"), encoding="utf-8")
    browser.open(page)
    assert browser.problems == []
    assert browser.js("document.documentElement.scrollWidth") <= 1400
    assert browser.js(SPILL) == []
    assert browser.js("document.querySelectorAll('svg.chart rect').length") > 10
    assert browser.js("document.querySelectorAll('#dash tbody tr').length") == len(EXAMPLE_TOWNS)
    # sorted by violations, most first, at a click on the heading
    browser.js("[...document.querySelectorAll('#dash th')].find(th => th.textContent === '违反合计').click()")
    totals = browser.rows("Number(r.cells[r.cells.length - 2].dataset.v)")
    assert totals == sorted(totals, reverse=True) and totals[0] > 0
    browser.screenshot("dashboard")
    # a town's cell opens its report, which loads clean
    href = browser.js("document.querySelector('#dash tbody a').href")
    assert href.startswith((site / "reports").as_uri())
    browser.events.clear()
    browser.send("Page.navigate", url=href)
    browser.wait_for("Page.loadEventFired")
    assert browser.js("document.querySelector('h1').textContent")
    assert browser.problems == []
