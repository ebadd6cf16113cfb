package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gomodule/redigo/redis"
)

// redigoChecks: redigo's redis.Dial with its defaults (RESP2), a Pool for
// the reconnect (a plain connection does not reconnect by design).
func redigoChecks(addr, prefix string) ([]check, func()) {
	var conn redis.Conn
	// MaxIdle 1: the pool keeps the connection it hands out between
	// calls, so the reconnect check kills the one it will be given next.
	pool := &redis.Pool{MaxIdle: 1, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}
	k := func(s string) string { return prefix + s }
	// do runs one command on conn within ctx.
	do := func(ctx context.Context, cmd string, args ...any) (any, error) {
		return redis.DoContext(conn, ctx, cmd, args...)
	}
	checks := []check{
		{"connect", func(ctx context.Context) error {
			var err error
			if conn, err = redis.DialContext(ctx, "tcp", addr); err != nil {
				return err
			}
			pong, err := redis.String(do(ctx, "PING"))
			if err != nil {
				return err
			}
			return wantEqual("PING", pong, "PONG")
		}},
		{"protocol", func(ctx context.Context) error {
			reply, err := redis.Values(do(ctx, "HELLO"))
			if err != nil {
				return err
			}
			proto, err := helloProto(reply)
			if err != nil {
				return err
			}
			return wantEqual("HELLO proto", proto, int64(2))
		}},
		{"set-get", func(ctx context.Context) error {
			if _, err := do(ctx, "SET", k("str"), "hello"); err != nil {
				return err
			}
			got, err := redis.String(do(ctx, "GET", k("str")))
			if err != nil {
				return err
			}
			return wantEqual("GET", got, "hello")
		}},
		{"pipeline", func(ctx context.Context) error {
			if _, err := do(ctx, "DEL", k("pipelined")); err != nil {
				return err
			}
			for range pipelineSize {
				if err := conn.Send("INCR", k("pipelined")); err != nil {
					return err
				}
			}
			if err := conn.Flush(); err != nil {
				return err
			}
			for i := range pipelineSize {
				n, err := redis.Int64(redis.ReceiveContext(conn, ctx))
				if err != nil {
					return err
				}
				if err := wantEqual("INCR #"+strconv.Itoa(i+1), n, int64(i+1)); err != nil {
					return err
				}
			}
			return nil
		}},
		{"binary", func(ctx context.Context) error {
			if _, err := do(ctx, "SET", k("bin"), everyByte()); err != nil {
				return err
			}
			got, err := redis.Bytes(do(ctx, "GET", k("bin")))
			if err != nil {
				return err
			}
			return wantBytes("GET", got, everyByte())
		}},
		{"expiry", func(ctx context.Context) error {
			if _, err := do(ctx, "SET", k("exp"), "v", "EX", 100); err != nil {
				return err
			}
			ttl, err := redis.Int64(do(ctx, "TTL", k("exp")))
			if err != nil {
				return err
			}
			if err := wantTTL("after SET EX 100", ttl, 100); err != nil {
				return err
			}
			if n, err := redis.Int64(do(ctx, "PEXPIRE", k("exp"), 1500)); err != nil || n != 1 {
				return fmt.Errorf("PEXPIRE 1500: %v %v", n, err)
			}
			if ttl, err = redis.Int64(do(ctx, "TTL", k("exp"))); err != nil {
				return err
			}
			if err := wantTTL("after PEXPIRE 1500", ttl, 2); err != nil {
				return err
			}
			if _, err := do(ctx, "PEXPIRE", k("exp"), 1); err != nil {
				return err
			}
			return eventually(ctx, "key gone after PEXPIRE 1", func() (bool, error) {
				_, err := redis.String(do(ctx, "GET", k("exp")))
				if errors.Is(err, redis.ErrNil) {
					return true, nil
				}
				return false, err
			})
		}},
		{"mget", func(ctx context.Context) error {
			if _, err := do(ctx, "MSET", k("a"), "1", k("b"), "2"); err != nil {
				return err
			}
			vals, err := redis.Strings(do(ctx, "MGET", k("a"), k("missing"), k("b")))
			if err != nil {
				return err
			}
			// redis.Strings makes a nil element "".
			return wantEqual("MGET", fmt.Sprintf("%q", vals), `["1" "" "2"]`)
		}},
		{"incr", func(ctx context.Context) error {
			if _, err := do(ctx, "SET", k("n"), 41); err != nil {
				return err
			}
			n, err := redis.Int64(do(ctx, "INCR", k("n")))
			if err != nil {
				return err
			}
			if err := wantEqual("INCR", n, int64(42)); err != nil {
				return err
			}
			_, err = do(ctx, "INCR", k("str"))
			return wantError("INCR of a non-number", err, "value is not an integer or out of range")
		}},
		{"pubsub", func(ctx context.Context) error {
			subConn, err := redis.DialContext(ctx, "tcp", addr)
			if err != nil {
				return err
			}
			psc := redis.PubSubConn{Conn: subConn}
			defer psc.Close()
			if err := psc.Subscribe(k("chan")); err != nil {
				return err
			}
			// The confirmation: the subscription is in place.
			if s, ok := psc.ReceiveContext(ctx).(redis.Subscription); !ok || s.Kind != "subscribe" {
				return fmt.Errorf("no subscribe confirmation")
			}
			n, err := redis.Int64(do(ctx, "PUBLISH", k("chan"), "hi"))
			if err != nil {
				return err
			}
			if err := wantEqual("PUBLISH receivers", n, int64(1)); err != nil {
				return err
			}
			switch m := psc.ReceiveContext(ctx).(type) {
			case redis.Message:
				return wantEqual("message", m.Channel+" "+string(m.Data), k("chan")+" hi")
			case error:
				return m
			default:
				return fmt.Errorf("got %#v, want a message", m)
			}
		}},
		{"multi-exec", func(ctx context.Context) error {
			conn.Send("MULTI")
			conn.Send("SET", k("tx"), "10")
			conn.Send("INCR", k("tx"))
			vals, err := redis.Values(do(ctx, "EXEC"))
			if err != nil {
				return err
			}
			return wantEqual("EXEC", fmt.Sprintf("%v", vals), "[OK 11]")
		}},
		{"reconnect", func(ctx context.Context) error {
			// The pool's idle connection is killed; the pool hands it out
			// again, the call fails, Close drops it, the pool dials anew.
			return reconnect(ctx,
				func() (int64, error) { return pooled(ctx, pool, "CLIENT", "ID") },
				func(id int64) (int64, error) {
					return pooled(ctx, pool, "CLIENT", "KILL", "ID", id, "SKIPME", "no")
				},
				func() (string, error) {
					c := pool.Get()
					defer c.Close()
					return redis.String(redis.DoContext(c, ctx, "GET", k("str")))
				})
		}},
		{"list", func(ctx context.Context) error {
			if _, err := do(ctx, "DEL", k("list"), k("empty"), k("queue")); err != nil {
				return err
			}
			n, err := redis.Int64(do(ctx, "RPUSH", redis.Args{}.Add(k("list")).AddFlat(listValues())...))
			if err != nil {
				return err
			}
			if err := wantEqual("RPUSH", n, int64(len(listValues()))); err != nil {
				return err
			}
			all, err := redis.Strings(do(ctx, "LRANGE", k("list"), 0, -1))
			if err != nil {
				return err
			}
			if err := wantStrings("LRANGE 0 -1", all, listValues()); err != nil {
				return err
			}
			first, err := redis.String(do(ctx, "LPOP", k("list")))
			if err != nil {
				return err
			}
			if err := wantEqual("LPOP", first, "a"); err != nil {
				return err
			}
			if n, err = redis.Int64(do(ctx, "LLEN", k("list"))); err != nil {
				return err
			}
			if err := wantEqual("LLEN", n, int64(len(listValues())-1)); err != nil {
				return err
			}
			if _, err := redis.Strings(do(ctx, "BLPOP", k("empty"), 0.1)); !errors.Is(err, redis.ErrNil) {
				return fmt.Errorf("BLPOP of an empty list: got %v, want a nil reply", err)
			}
			// A redigo connection serves one caller: the BLPOP gets its own.
			blocker, err := redis.DialContext(ctx, "tcp", addr)
			if err != nil {
				return err
			}
			defer blocker.Close()
			return popPushed(ctx, k("queue"),
				func() ([]string, error) {
					return redis.Strings(redis.DoContext(blocker, ctx, "BLPOP", k("queue"), blockTimeout.Seconds()))
				},
				func() (string, error) { return redis.String(do(ctx, "INFO", "clients")) },
				func() error { _, err := do(ctx, "RPUSH", k("queue"), pushedElement); return err })
		}},
		{"hash", func(ctx context.Context) error {
			if _, err := do(ctx, "DEL", k("hash")); err != nil {
				return err
			}
			n, err := redis.Int64(do(ctx, "HSET", redis.Args{}.Add(k("hash")).AddFlat(hashValues())...))
			if err != nil {
				return err
			}
			if err := wantEqual("HSET", n, int64(len(hashValues()))); err != nil {
				return err
			}
			all, err := redis.StringMap(do(ctx, "HGETALL", k("hash")))
			if err != nil {
				return err
			}
			if err := wantMap("HGETALL", all, hashValues()); err != nil {
				return err
			}
			if n, err = redis.Int64(do(ctx, "HINCRBY", k("hash"), "n", 5)); err != nil {
				return err
			}
			if err := wantEqual("HINCRBY", n, int64(15)); err != nil {
				return err
			}
			if n, err = redis.Int64(do(ctx, "HDEL", k("hash"), "name", "missing")); err != nil {
				return err
			}
			if err := wantEqual("HDEL", n, int64(1)); err != nil {
				return err
			}
			if n, err = redis.Int64(do(ctx, "HLEN", k("hash"))); err != nil {
				return err
			}
			return wantEqual("HLEN", n, int64(len(hashValues())-1))
		}},
	}
	closeAll := func() {
		if conn != nil {
			conn.Close()
		}
		pool.Close()
	}
	return checks, closeAll
}

// pooled runs one command on a connection from the pool.
func pooled(ctx context.Context, pool *redis.Pool, cmd string, args ...any) (int64, error) {
	c := pool.Get()
	defer c.Close()
	return redis.Int64(redis.DoContext(c, ctx, cmd, args...))
}
