#!/usr/bin/python3
"""A real SMTP server on loopback for tests: every message it accepts becomes one file.

Usage: smtp_sink.py FOLDER [PORT]. PORT 0 (the default) lets the system choose; the port
actually bound is printed as the first line on stdout. Each message is written to a temporary
file, fsynced and renamed into FOLDER *before* the server answers 250, so a client that got 250
can rely on the file being there. The server exits when stdin closes (the test process died)
or on SIGTERM.

Hold mode, to kill a client mid-delivery: while a file `retener` exists in FOLDER (its text, if
any, a number N: only once FOLDER holds N messages), a message's DATA is not answered. The server
writes the message's Message-ID to `retenido` and waits until `retener` is removed. If the client
connection is gone by then (or goes meanwhile) the message is discarded, not stored, and its
Message-ID is written to `descartado`.

Misbehaving on purpose, each while a file in FOLDER says so (read at every connection or command,
so a test changes them between sends):
- `demorar`: lines `COMMAND SECONDS` (EHLO, MAIL, RCPT, DATA or QUIT): the answer to COMMAND is
  sent SECONDS late. For DATA that is the answer to the end of the data: the message is stored
  first, so a client that gives up meanwhile leaves it delivered. While an answer is held back the
  command is written to `demorado`.
- `cortar`: lines `COMMAND`: the server closes the connection instead of answering COMMAND (for
  DATA, the message received is not stored).
- `rechazar`: every new connection gets its text as the greeting (default `421 4.3.2 Service not
  available`) and is closed: a server that refuses mail.
"""
import asyncio
import email.parser
import itertools
import os
import signal
import sys
import tempfile
import time

from aiosmtpd.smtp import SMTP

DEFAULT_REFUSAL = "421 4.3.2 Service not available"


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        if "DATA" in self.drops():
            await drop(server)
        if self.hold_asked() and not await self.hold(server, content):
            return "451 4.3.0 Discarded: the client went away while the message was held"
        # Names sort in arrival order across restarts: nanoseconds, then a per-process counter.
        name = "%020d-%06d.eml" % (time.time_ns(), next(self.counter))
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(temporary, os.path.join(self.folder, name))
        await self.answer_late("DATA")
        return "250 2.0.0 Ok: queued as " + name

    async def misbehave(self, server, command):
        """Before answering COMMAND: drop the connection or wait, as `cortar` and `demorar` say."""
        if command in self.drops():
            await drop(server)
        await self.answer_late(command)

    async def answer_late(self, command):
        seconds = self.delays().get(command)
        if seconds:
            self.write_marker("demorado", command)
            await asyncio.sleep(seconds)

    def delays(self):
        delays = {}
        for line in self.control_lines("demorar"):
            command, _, seconds = line.partition(" ")
            delays[command.upper()] = float(seconds)
        return delays

    def drops(self):
        return {line.upper() for line in self.control_lines("cortar")}

    def refusal(self):
        """The greeting that refuses a new connection, or None while `rechazar` does not exist."""
        try:
            with open(os.path.join(self.folder, "rechazar"), encoding="utf-8") as handle:
                return handle.read().strip() or DEFAULT_REFUSAL
        except FileNotFoundError:
            return None

    def control_lines(self, name):
        try:
            with open(os.path.join(self.folder, name), encoding="utf-8") as handle:
                return [line.strip() for line in handle if line.strip()]
        except FileNotFoundError:
            return []

    def hold_asked(self):
        try:
            with open(os.path.join(self.folder, "retener"), encoding="ascii") as handle:
                text = handle.read().strip()
        except FileNotFoundError:
            return False
        stored = sum(1 for name in os.listdir(self.folder) if name.endswith(".eml"))
        return stored >= (int(text) if text else 0)

    async def hold(self, server, content):
        """Waits while `retener` exists; False if the client is gone, so the message is discarded."""
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        message_id = headers.get("Message-ID", "").strip()
        self.write_marker("retenido", message_id)
        try:
            while os.path.exists(os.path.join(self.folder, "retener")):
                await asyncio.sleep(0.02)
        except asyncio.CancelledError:
            # aiosmtpd cancels the session when the client's connection is lost.
            self.write_marker("descartado", message_id)
            raise
        if server.transport is None:
            self.write_marker("descartado", message_id)
            return False
        return True

    def write_marker(self, name, text):
        fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.rename(temporary, os.path.join(self.folder, name))


async def drop(server):
    """Closes the client's connection unanswered; aiosmtpd then cancels the session, and this with it."""
    server.transport.close()
    await asyncio.Event().wait()


class MisbehavingSMTP(SMTP):
    """aiosmtpd's server, answering late, dropping or refusing as the handler's control files say."""

    async def _handle_client(self):
        refusal = self.event_handler.refusal()
        if refusal is not None:
            await self.push(refusal)
            self.transport.close()
            return
        await super()._handle_client()

    async def smtp_EHLO(self, hostname):
        await self.event_handler.misbehave(self, "EHLO")
        await super().smtp_EHLO(hostname)

    async def smtp_MAIL(self, arg):
        await self.event_handler.misbehave(self, "MAIL")
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg):
        await self.event_handler.misbehave(self, "RCPT")
        await super().smtp_RCPT(arg)

    async def smtp_QUIT(self, arg):
        await self.event_handler.misbehave(self, "QUIT")
        await super().smtp_QUIT(arg)


async def main():
    folder = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    os.makedirs(folder, exist_ok=True)
    handler = FolderHandler(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: MisbehavingSMTP(handler, enable_SMTPUTF8=True, decode_data=False),
        host="127.0.0.1", port=port, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)

    stopped = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stopped.set)

    def on_stdin():
        if not sys.stdin.buffer.read1(4096):
            loop.remove_reader(sys.stdin.fileno())
            stopped.set()

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    await stopped.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
