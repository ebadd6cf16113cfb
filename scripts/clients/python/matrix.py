"""The checks of scripts/clients.sh with redis-py (Debian's python3-redis),
against the server given by --addr HOST:PORT; one line per check on
stdout: "NAME<TAB>pass|fail<TAB>reason".

Run with Debian's interpreter (/usr/bin/python3), which has python3-redis.
redis-py connects with its defaults; socket timeouts only bound the run.
"""

import argparse
import signal
import threading
import time

import redis

CHECK_TIMEOUT_S = 10
PIPELINE_SIZE = 1000
INCR_ERROR = "value is not an integer or out of range"
EVERY_BYTE = bytes(range(256))
# What the list check pushes and the hash check sets: text and the binary
# value (and a number for HINCRBY).
LIST_VALUES = [b"a", b"b", EVERY_BYTE, b"c"]
HASH_VALUES = {b"name": b"redis-lite", b"bin": EVERY_BYTE, b"n": b"10"}
# The BLPOP that waits for another connection's push gives up after this
# many seconds: well under the check's timeout, so a lost wake-up fails as
# a nil reply.
BLOCK_TIMEOUT_S = 5
PUSHED = b"job"


class CheckFailed(Exception):
    pass


def want_equal(what, got, want):
    if got != want:
        raise CheckFailed(f"{what}: got {got!r}, want {want!r}")


def want_ttl(what, ttl, most):
    if not 0 < ttl <= most:
        raise CheckFailed(f"{what}: TTL {ttl}, want 1..{most}")


def eventually(what, cond, deadline):
    """Polls cond until it is true or the deadline passes."""
    last = None
    while time.monotonic() < deadline:
        try:
            if cond():
                return
        except redis.RedisError as e:
            last = e
        time.sleep(0.02)
    raise CheckFailed(f"{what}: not within the deadline" + (f" (last error: {last})" if last else ""))


def hello_proto(reply):
    if isinstance(reply, dict):
        return int(reply[b"proto"] if b"proto" in reply else reply["proto"])
    for key, value in zip(reply[::2], reply[1::2]):
        if key in (b"proto", "proto"):
            return int(value)
    raise CheckFailed(f"HELLO reply without proto: {reply!r}")


def checks(r, k):
    def connect(_):
        want_equal("PING", r.ping(), True)

    def protocol(_):
        want_equal("HELLO proto", hello_proto(r.execute_command("HELLO")), 2)

    def set_get(_):
        r.set(k("str"), "hello")
        want_equal("GET", r.get(k("str")), b"hello")

    def pipeline(_):
        r.delete(k("pipelined"))
        pipe = r.pipeline(transaction=False)
        for _ in range(PIPELINE_SIZE):
            pipe.incr(k("pipelined"))
        want_equal("INCR replies", pipe.execute(), list(range(1, PIPELINE_SIZE + 1)))

    def binary(_):
        r.set(k("bin"), EVERY_BYTE)
        want_equal("GET", r.get(k("bin")), EVERY_BYTE)

    def expiry(deadline):
        r.set(k("exp"), "v", ex=100)
        want_ttl("after SET EX 100", r.ttl(k("exp")), 100)
        want_equal("PEXPIRE 1500", r.pexpire(k("exp"), 1500), True)
        want_ttl("after PEXPIRE 1500", r.ttl(k("exp")), 2)
        r.pexpire(k("exp"), 1)
        eventually("key gone after PEXPIRE 1", lambda: r.get(k("exp")) is None, deadline)

    def mget(_):
        r.mset({k("a"): "1", k("b"): "2"})
        want_equal("MGET", r.mget(k("a"), k("missing"), k("b")), [b"1", None, b"2"])

    def incr(_):
        r.set(k("n"), "41")
        want_equal("INCR", r.incr(k("n")), 42)
        try:
            r.incr(k("str"))
        except redis.ResponseError as e:
            if INCR_ERROR not in str(e):
                raise CheckFailed(f"INCR of a non-number: got error {e}, want {INCR_ERROR!r}")
        else:
            raise CheckFailed("INCR of a non-number: no error")

    def pubsub(deadline):
        p = r.pubsub()
        try:
            p.subscribe(k("chan"))
            confirmed = p.get_message(timeout=deadline - time.monotonic())
            if not confirmed or confirmed["type"] != "subscribe":
                raise CheckFailed(f"no subscribe confirmation: {confirmed!r}")
            want_equal("PUBLISH receivers", r.publish(k("chan"), "hi"), 1)
            message = p.get_message(timeout=deadline - time.monotonic())
            if not message:
                raise CheckFailed("no message")
            want_equal("message", (message["type"], message["channel"], message["data"]),
                       ("message", k("chan").encode(), b"hi"))
        finally:
            p.close()

    def multi_exec(_):
        pipe = r.pipeline()  # transaction=True: MULTI ... EXEC
        pipe.set(k("tx"), "10").incr(k("tx"))
        want_equal("EXEC", pipe.execute(), [True, 11])

    def reconnect(deadline):
        # The server closes the client's own connection; redis-py's pool
        # must serve commands again on a new one (the first call may fail).
        conn_id = r.client_id()
        want_equal("CLIENT KILL", r.execute_command("CLIENT", "KILL", "ID", conn_id, "SKIPME", "no"), 1)
        seen = {}

        def works():
            seen["get"] = r.get(k("str"))
            seen["id"] = r.client_id()
            return True

        eventually("GET and CLIENT ID after the kill", works, deadline)
        want_equal("GET after the kill", seen["get"], b"hello")
        if seen["id"] == conn_id:
            raise CheckFailed(f"still connection {conn_id} after it was killed")

    def list_check(deadline):
        r.delete(k("list"), k("empty"), k("queue"))
        want_equal("RPUSH", r.rpush(k("list"), *LIST_VALUES), len(LIST_VALUES))
        want_equal("LRANGE 0 -1", r.lrange(k("list"), 0, -1), LIST_VALUES)
        want_equal("LPOP", r.lpop(k("list")), b"a")
        want_equal("LLEN", r.llen(k("list")), len(LIST_VALUES) - 1)
        want_equal("BLPOP of an empty list", r.blpop([k("empty")], timeout=0.1), None)
        # The BLPOP waits on a pooled connection in a thread; this one
        # sees it counted as blocked and pushes from another connection.
        popped = {}
        waiter = threading.Thread(target=lambda: popped.update(reply=r.blpop([k("queue")], timeout=BLOCK_TIMEOUT_S)),
                                  daemon=True)
        waiter.start()
        eventually("BLPOP counted in blocked_clients",
                   lambda: not waiter.is_alive() or r.info("clients")["blocked_clients"] > 0, deadline)
        if not waiter.is_alive():
            raise CheckFailed(f"BLPOP of an empty list returned before any push: {popped.get('reply')!r}")
        r.rpush(k("queue"), PUSHED)
        waiter.join(max(0, deadline - time.monotonic()))
        if waiter.is_alive():
            raise CheckFailed("BLPOP: no reply after the push")
        want_equal("BLPOP", popped.get("reply"), (k("queue").encode(), PUSHED))

    def hash_check(_):
        r.delete(k("hash"))
        want_equal("HSET", r.hset(k("hash"), mapping=HASH_VALUES), len(HASH_VALUES))
        want_equal("HGETALL", r.hgetall(k("hash")), HASH_VALUES)
        want_equal("HINCRBY", r.hincrby(k("hash"), "n", 5), 15)
        want_equal("HDEL", r.hdel(k("hash"), "name", "missing"), 1)
        want_equal("HLEN", r.hlen(k("hash")), len(HASH_VALUES) - 1)

    return [("connect", connect), ("protocol", protocol), ("set-get", set_get),
            ("pipeline", pipeline), ("binary", binary), ("expiry", expiry), ("mget", mget),
            ("incr", incr), ("pubsub", pubsub), ("multi-exec", multi_exec), ("reconnect", reconnect),
            ("list", list_check), ("hash", hash_check)]


class TimedOut(Exception):
    pass


def on_alarm(_signum, _frame):
    raise TimedOut(f"timed out after {CHECK_TIMEOUT_S} s")


def report(name, reason):
    # One line per check: the reason must not break the table.
    text = "" if reason is None else " ".join(str(reason).split())
    print(f"{name}\t{'pass' if reason is None else 'fail'}\t{text}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--addr", default="127.0.0.1:6379")
    args = parser.parse_args()
    host, port = args.addr.rsplit(":", 1)
    r = redis.Redis(host=host, port=int(port), socket_timeout=CHECK_TIMEOUT_S,
                    socket_connect_timeout=CHECK_TIMEOUT_S)
    signal.signal(signal.SIGALRM, on_alarm)
    connected = True
    for name, run in checks(r, lambda s: f"matrix:redis-py:{s}"):
        if not connected:
            report(name, "not run: connect failed")
            continue
        signal.alarm(CHECK_TIMEOUT_S)
        try:
            run(time.monotonic() + CHECK_TIMEOUT_S - 1)
            report(name, None)
        except Exception as e:  # any failure of one check is that check's result
            report(name, f"{type(e).__name__}: {e}" if not isinstance(e, CheckFailed) else e)
            connected = name != "connect"
        finally:
            signal.alarm(0)


if __name__ == "__main__":
    main()
