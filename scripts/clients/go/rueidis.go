package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/rueidis"
)

// rueidisChecks: rueidis at its defaults: RESP3 with client-side caching
// (CLIENT TRACKING) on.
func rueidisChecks(addr, prefix string) ([]check, func()) {
	var client rueidis.Client
	k := func(s string) string { return prefix + s }
	checks := []check{
		{"connect", func(ctx context.Context) error {
			var err error
			if client, err = rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}}); err != nil {
				return err
			}
			pong, err := client.Do(ctx, client.B().Ping().Build()).ToString()
			if err != nil {
				return err
			}
			return wantEqual("PING", pong, "PONG")
		}},
		{"protocol", func(ctx context.Context) error {
			reply, err := client.Do(ctx, client.B().Hello().Build()).ToAny()
			if err != nil {
				return err
			}
			proto, err := helloProto(reply)
			if err != nil {
				return err
			}
			return wantEqual("HELLO proto", proto, int64(3))
		}},
		{"set-get", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Set().Key(k("str")).Value("hello").Build()).Error(); err != nil {
				return err
			}
			got, err := client.Do(ctx, client.B().Get().Key(k("str")).Build()).ToString()
			if err != nil {
				return err
			}
			return wantEqual("GET", got, "hello")
		}},
		{"pipeline", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Del().Key(k("pipelined")).Build()).Error(); err != nil {
				return err
			}
			cmds := make(rueidis.Commands, pipelineSize)
			for i := range cmds {
				cmds[i] = client.B().Incr().Key(k("pipelined")).Build()
			}
			for i, r := range client.DoMulti(ctx, cmds...) {
				n, err := r.AsInt64()
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
			if err := client.Do(ctx, client.B().Set().Key(k("bin")).Value(rueidis.BinaryString(everyByte())).Build()).Error(); err != nil {
				return err
			}
			got, err := client.Do(ctx, client.B().Get().Key(k("bin")).Build()).AsBytes()
			if err != nil {
				return err
			}
			return wantBytes("GET", got, everyByte())
		}},
		{"expiry", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Set().Key(k("exp")).Value("v").ExSeconds(100).Build()).Error(); err != nil {
				return err
			}
			ttl, err := client.Do(ctx, client.B().Ttl().Key(k("exp")).Build()).AsInt64()
			if err != nil {
				return err
			}
			if err := wantTTL("after SET EX 100", ttl, 100); err != nil {
				return err
			}
			if n, err := client.Do(ctx, client.B().Pexpire().Key(k("exp")).Milliseconds(1500).Build()).AsInt64(); err != nil || n != 1 {
				return fmt.Errorf("PEXPIRE 1500: %v %v", n, err)
			}
			if ttl, err = client.Do(ctx, client.B().Ttl().Key(k("exp")).Build()).AsInt64(); err != nil {
				return err
			}
			if err := wantTTL("after PEXPIRE 1500", ttl, 2); err != nil {
				return err
			}
			if err := client.Do(ctx, client.B().Pexpire().Key(k("exp")).Milliseconds(1).Build()).Error(); err != nil {
				return err
			}
			return eventually(ctx, "key gone after PEXPIRE 1", func() (bool, error) {
				err := client.Do(ctx, client.B().Get().Key(k("exp")).Build()).Error()
				if rueidis.IsRedisNil(err) {
					return true, nil
				}
				return false, err
			})
		}},
		{"mget", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Mset().KeyValue().KeyValue(k("a"), "1").KeyValue(k("b"), "2").Build()).Error(); err != nil {
				return err
			}
			vals, err := client.Do(ctx, client.B().Mget().Key(k("a"), k("missing"), k("b")).Build()).ToArray()
			if err != nil {
				return err
			}
			got := make([]string, len(vals))
			for i, v := range vals {
				if v.IsNil() {
					got[i] = "<nil>"
				} else if got[i], err = v.ToString(); err != nil {
					return err
				}
			}
			return wantEqual("MGET", fmt.Sprint(got), "[1 <nil> 2]")
		}},
		{"incr", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Set().Key(k("n")).Value("41").Build()).Error(); err != nil {
				return err
			}
			n, err := client.Do(ctx, client.B().Incr().Key(k("n")).Build()).AsInt64()
			if err != nil {
				return err
			}
			if err := wantEqual("INCR", n, int64(42)); err != nil {
				return err
			}
			err = client.Do(ctx, client.B().Incr().Key(k("str")).Build()).Error()
			return wantError("INCR of a non-number", err, "value is not an integer or out of range")
		}},
		{"pubsub", func(ctx context.Context) error {
			sub, release := client.Dedicate()
			defer release()
			messages := make(chan rueidis.PubSubMessage, 1)
			closed := sub.SetPubSubHooks(rueidis.PubSubHooks{OnMessage: func(m rueidis.PubSubMessage) { messages <- m }})
			// Returns once the server confirmed the subscription.
			if err := sub.Do(ctx, sub.B().Subscribe().Channel(k("chan")).Build()).Error(); err != nil {
				return err
			}
			n, err := client.Do(ctx, client.B().Publish().Channel(k("chan")).Message("hi").Build()).AsInt64()
			if err != nil {
				return err
			}
			if err := wantEqual("PUBLISH receivers", n, int64(1)); err != nil {
				return err
			}
			select {
			case m := <-messages:
				return wantEqual("message", m.Channel+" "+m.Message, k("chan")+" hi")
			case err := <-closed:
				return fmt.Errorf("subscription ended: %v", err)
			case <-ctx.Done():
				return errors.New("no message")
			}
		}},
		{"client-cache", func(ctx context.Context) error {
			return rueidisCache(ctx, client, addr, k("cached"))
		}},
		{"multi-exec", func(ctx context.Context) error {
			return client.Dedicated(func(c rueidis.DedicatedClient) error {
				r := c.DoMulti(ctx, c.B().Multi().Build(), c.B().Set().Key(k("tx")).Value("10").Build(),
					c.B().Incr().Key(k("tx")).Build(), c.B().Exec().Build())
				vals, err := r[3].ToArray()
				if err != nil {
					return err
				}
				if len(vals) != 2 {
					return fmt.Errorf("EXEC: %d replies, want 2", len(vals))
				}
				ok, _ := vals[0].ToString()
				n, _ := vals[1].AsInt64()
				return wantEqual("EXEC", ok+" "+strconv.FormatInt(n, 10), "OK 11")
			})
		}},
		{"reconnect", func(ctx context.Context) error {
			return reconnect(ctx,
				func() (int64, error) { return client.Do(ctx, client.B().ClientId().Build()).AsInt64() },
				func(id int64) (int64, error) {
					return client.Do(ctx, client.B().ClientKill().Id(id).SkipmeNo().Build()).AsInt64()
				},
				func() (string, error) { return client.Do(ctx, client.B().Get().Key(k("str")).Build()).ToString() })
		}},
		{"list", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Del().Key(k("list"), k("empty"), k("queue")).Build()).Error(); err != nil {
				return err
			}
			n, err := client.Do(ctx, client.B().Rpush().Key(k("list")).Element(listValues()...).Build()).AsInt64()
			if err != nil {
				return err
			}
			if err := wantEqual("RPUSH", n, int64(len(listValues()))); err != nil {
				return err
			}
			all, err := client.Do(ctx, client.B().Lrange().Key(k("list")).Start(0).Stop(-1).Build()).AsStrSlice()
			if err != nil {
				return err
			}
			if err := wantStrings("LRANGE 0 -1", all, listValues()); err != nil {
				return err
			}
			first, err := client.Do(ctx, client.B().Lpop().Key(k("list")).Build()).ToString()
			if err != nil {
				return err
			}
			if err := wantEqual("LPOP", first, "a"); err != nil {
				return err
			}
			if n, err = client.Do(ctx, client.B().Llen().Key(k("list")).Build()).AsInt64(); err != nil {
				return err
			}
			if err := wantEqual("LLEN", n, int64(len(listValues())-1)); err != nil {
				return err
			}
			err = client.Do(ctx, client.B().Blpop().Key(k("empty")).Timeout(0.1).Build()).Error()
			if !rueidis.IsRedisNil(err) {
				return fmt.Errorf("BLPOP of an empty list: got %v, want a nil reply", err)
			}
			// rueidis runs a blocking command on a pooled connection of its
			// own, not on the one it pipelines everything else on.
			return popPushed(ctx, k("queue"),
				func() ([]string, error) {
					return client.Do(ctx, client.B().Blpop().Key(k("queue")).Timeout(blockTimeout.Seconds()).Build()).AsStrSlice()
				},
				func() (string, error) { return client.Do(ctx, client.B().Info().Section("clients").Build()).ToString() },
				func() error {
					return client.Do(ctx, client.B().Rpush().Key(k("queue")).Element(pushedElement).Build()).Error()
				})
		}},
		{"hash", func(ctx context.Context) error {
			if err := client.Do(ctx, client.B().Del().Key(k("hash")).Build()).Error(); err != nil {
				return err
			}
			hset := client.B().Hset().Key(k("hash")).FieldValue()
			for f, v := range hashValues() {
				hset = hset.FieldValue(f, v)
			}
			n, err := client.Do(ctx, hset.Build()).AsInt64()
			if err != nil {
				return err
			}
			if err := wantEqual("HSET", n, int64(len(hashValues()))); err != nil {
				return err
			}
			all, err := client.Do(ctx, client.B().Hgetall().Key(k("hash")).Build()).AsStrMap()
			if err != nil {
				return err
			}
			if err := wantMap("HGETALL", all, hashValues()); err != nil {
				return err
			}
			if n, err = client.Do(ctx, client.B().Hincrby().Key(k("hash")).Field("n").Increment(5).Build()).AsInt64(); err != nil {
				return err
			}
			if err := wantEqual("HINCRBY", n, int64(15)); err != nil {
				return err
			}
			if n, err = client.Do(ctx, client.B().Hdel().Key(k("hash")).Field("name", "missing").Build()).AsInt64(); err != nil {
				return err
			}
			if err := wantEqual("HDEL", n, int64(1)); err != nil {
				return err
			}
			if n, err = client.Do(ctx, client.B().Hlen().Key(k("hash")).Build()).AsInt64(); err != nil {
				return err
			}
			return wantEqual("HLEN", n, int64(len(hashValues())-1))
		}},
	}
	closeAll := func() {
		if client != nil {
			client.Close()
		}
	}
	return checks, closeAll
}

// rueidisCache: a GET through the client-side cache is answered by the
// server once, then from the cache; a SET by another client invalidates it
// (the server's tracking push), so the next cached GET has the new value.
func rueidisCache(ctx context.Context, client rueidis.Client, addr, key string) error {
	other, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}, DisableCache: true})
	if err != nil {
		return fmt.Errorf("the other client: %v", err)
	}
	defer other.Close()
	if err := client.Do(ctx, client.B().Set().Key(key).Value("first").Build()).Error(); err != nil {
		return err
	}
	cachedGet := func() (string, bool, error) {
		r := client.DoCache(ctx, client.B().Get().Key(key).Cache(), time.Minute)
		v, err := r.ToString()
		return v, r.IsCacheHit(), err
	}
	v, hit, err := cachedGet()
	if err != nil {
		return err
	}
	if err := wantEqual("first cached GET (value, from cache)", fmt.Sprint(v, " ", hit), "first false"); err != nil {
		return err
	}
	if v, hit, err = cachedGet(); err != nil {
		return err
	}
	if err := wantEqual("second cached GET (value, from cache)", fmt.Sprint(v, " ", hit), "first true"); err != nil {
		return err
	}
	if err := other.Do(ctx, other.B().Set().Key(key).Value("second").Build()).Error(); err != nil {
		return err
	}
	return eventually(ctx, "cached GET sees the other client's SET", func() (bool, error) {
		v, _, err := cachedGet()
		return v == "second", err
	})
}
