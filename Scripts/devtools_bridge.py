#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (DashboardBrowserTests, the web benchmark).

Standard library only. Chromium is started with --remote-debugging-pipe: it reads protocol
commands from its fd 3 and writes replies and events to its fd 4, each message one JSON text
ended by a NUL byte. This script is a line bridge for a Swift test or benchmark: it reads one JSON request
per line on stdin and answers one JSON line on stdout:

  {"op": "navigate", "url": URL}          -> {"ok": true}            (waits for the load event; a URL
                                             that changes only the fragment loads nothing)
  {"op": "eval", "expression": JS}        -> {"ok": true, "value": V} (the value by JSON; promises awaited)
  {"op": "screenshot", "path": FILE}      -> {"ok": true, "bytes": N} (the whole page, PNG;
                                             "top" and "height" in CSS pixels take a band of it)
  {"op": "media", "media": "print"}       -> {"ok": true}            (emulates a media type; "" for none)
  {"op": "problems"}                      -> {"ok": true, "value": [TEXT...]}
                                             (exceptions, console errors, CSP and other violations so far)
  {"op": "quit"}                          -> {"ok": true}            (and the browser is gone)

A failure is {"ok": false, "error": TEXT}. The browser never outlives this script: it gets
SIGKILL when the script dies (PR_SET_PDEATHSIG), and the script kills it on stdin's end, on
SIGTERM and on quit.
"""

import argparse
import base64
import ctypes
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30.0


class Browser:
    def __init__(self, chromium, width, height):
        self.profile = tempfile.mkdtemp(prefix="tenet-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the child's ends above 10, so that placing them on 3 and 4 cannot overwrite one another.
        child_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        child_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)
        parent_ends = (to_browser_w, from_browser_r)

        def place_pipes():
            for fd in parent_ends:  # first: one of them may be numbered 3 or 4
                os.close(fd)
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)
            os.close(child_r)
            os.close(child_w)
            os.setpgid(0, 0)
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with this script

        arguments = [
            chromium, "--headless", "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
            "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
            "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--window-size=%d,%d" % (width, height),
        ]
        if os.geteuid() == 0:
            arguments.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        arguments.append("about:blank")
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, close_fds=False, preexec_fn=place_pipes)
        os.close(child_r)
        os.close(child_w)
        self.write_fd, self.read_fd = parent_ends
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.problems = []
        self.session = None
        self.width, self.height = width, height

    # The protocol

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self.write_fd, data)
            data = data[written:]
        return self.next_id

    def receive(self, deadline):
        """The next message, or None at the deadline."""
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.read_fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its DevTools pipe (exit status %s): %s" % (self.process.poll(), self.log_tail()))
            self.buffer += chunk
        text, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(text)
        if "id" not in message:
            self.note(message)
        return message

    def log_tail(self):
        """The end of the browser's own output, for error messages."""
        self.log.flush()
        try:
            with open(self.log.name, "rb") as file:
                return file.read()[-2000:].decode(errors="replace").strip()
        except OSError:
            return ""

    def note(self, event):
        method = event.get("method")
        params = event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exception = details.get("exception", {})
            self.problems.append("exception: " + (exception.get("description") or details.get("text", "")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(argument.get("value", argument.get("description", ""))) for argument in params.get("args", [])]
            self.problems.append("console.error: " + " ".join(texts))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.problems.append("log (%s): %s %s" % (entry.get("source"), entry.get("text"), entry.get("url", "")))
        self.events.append(event)

    def call(self, method, params=None, timeout=TIMEOUT):
        ident = self.send(method, params, self.session if not method.startswith(("Target.", "Browser.")) else None)
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(deadline)
            if message is None:
                raise RuntimeError("%s: no answer within %.0f s" % (method, timeout))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"].get("message")))
                return message.get("result", {})

    def wait_event(self, method, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[index]
                return event
        while True:
            message = self.receive(deadline)
            if message is None:
                raise RuntimeError("no %s within %.0f s" % (method, timeout))
            if message.get("method") == method:
                self.events.remove(message)
                return message

    # The page

    def open(self):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})

    def navigate(self, url):
        self.events = [event for event in self.events if event.get("method") != "Page.loadEventFired"]
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise RuntimeError("navigate %s: %s" % (url, result["errorText"]))
        if "loaderId" not in result:
            return  # a same-document navigation (only the fragment changed): no load event comes
        try:
            self.wait_event("Page.loadEventFired")
        except RuntimeError as error:
            try:
                where = self.evaluate("location.href + ' (' + document.readyState + ')'")
            except RuntimeError as other:
                where = str(other)
            raise RuntimeError("%s; the page is at %s" % (error, where))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError("evaluate: " + (details.get("exception", {}).get("description") or details.get("text", "")))
        return result.get("result", {}).get("value")

    def screenshot(self, path, top=0, height=None):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize")
        full = max(self.height, size["height"]) - top
        clip = {"x": 0, "y": top, "width": max(self.width, size["width"]), "height": min(full, height or full), "scale": 1}
        data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})["data"])
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data)
        return len(data)

    def close(self):
        if self.process.poll() is None:
            try:
                self.send("Browser.close")
                self.process.wait(timeout=5)
            except Exception:
                pass
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        for fd in (self.write_fd, self.read_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # reap the helpers (they die with the browser)
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    options = parser.parse_args()
    # PR_SET_CHILD_SUBREAPER: the browser's helpers that outlive it become this script's children,
    # and are reaped here rather than left to an init that may not reap them.
    ctypes.CDLL(None, use_errno=True).prctl(36, 1)

    browser = Browser(options.chromium, options.width, options.height)

    def stop(signum, frame):
        browser.close()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        browser.open()
        answer({"ok": True, "version": browser.call("Browser.getVersion").get("product")})
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            op = request.get("op")
            try:
                if op == "navigate":
                    browser.navigate(request["url"])
                    answer({"ok": True})
                elif op == "eval":
                    answer({"ok": True, "value": browser.evaluate(request["expression"])})
                elif op == "screenshot":
                    answer({"ok": True, "bytes": browser.screenshot(request["path"], request.get("top", 0), request.get("height"))})
                elif op == "media":
                    browser.call("Emulation.setEmulatedMedia", {"media": request.get("media", "")})
                    answer({"ok": True})
                elif op == "problems":
                    # Events that arrived while nobody waited are read now.
                    while browser.receive(time.monotonic() + 0.05) is not None:
                        pass
                    answer({"ok": True, "value": browser.problems})
                elif op == "quit":
                    browser.close()
                    answer({"ok": True})
                    return
                else:
                    answer({"ok": False, "error": "unknown op %r" % op})
            except Exception as error:  # one failed request is reported, the bridge goes on
                answer({"ok": False, "error": str(error)})
    except Exception as error:
        answer({"ok": False, "error": "the browser could not be driven: %s" % error})
    finally:
        browser.close()


def answer(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
