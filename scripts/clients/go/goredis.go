package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// goRedisChecks: go-redis v9 at its defaults but for Protocol (3 is its
// default; 2 is the setting for servers without RESP3).
func goRedisChecks(addr, prefix string, protocol int) ([]check, func()) {
	rdb := redis.NewClient(&redis.Options{Addr: addr, Protocol: protocol})
	k := func(s string) string { return prefix + s }
	checks := []check{
		{"connect", func(ctx context.Context) error {
			pong, err := rdb.Ping(ctx).Result()
			if err != nil {
				return err
			}
			return wantEqual("PING", pong, "PONG")
		}},
		{"protocol", func(ctx context.Context) error {
			reply, err := rdb.Do(ctx, "HELLO").Result()
			if err != nil {
				return err
			}
			proto, err := helloProto(reply)
			if err != nil {
				return err
			}
			return wantEqual("HELLO proto", proto, int64(protocol))
		}},
		{"set-get", func(ctx context.Context) error {
			if err := rdb.Set(ctx, k("str"), "hello", 0).Err(); err != nil {
				return err
			}
			got, err := rdb.Get(ctx, k("str")).Result()
			if err != nil {
				return err
			}
			return wantEqual("GET", got, "hello")
		}},
		{"pipeline", func(ctx context.Context) error {
			if err := rdb.Del(ctx, k("pipelined")).Err(); err != nil {
				return err
			}
			pipe := rdb.Pipeline()
			incrs := make([]*redis.IntCmd, pipelineSize)
			for i := range incrs {
				incrs[i] = pipe.Incr(ctx, k("pipelined"))
			}
			if _, err := pipe.Exec(ctx); err != nil {
				return err
			}
			for i, c := range incrs {
				if err := wantEqual("INCR #"+strconv.Itoa(i+1), c.Val(), int64(i+1)); err != nil {
					return err
				}
			}
			return nil
		}},
		{"binary", func(ctx context.Context) error {
			if err := rdb.Set(ctx, k("bin"), everyByte(), 0).Err(); err != nil {
				return err
			}
			got, err := rdb.Get(ctx, k("bin")).Bytes()
			if err != nil {
				return err
			}
			return wantBytes("GET", got, everyByte())
		}},
		{"expiry", func(ctx context.Context) error {
			if err := rdb.Set(ctx, k("exp"), "v", 100*time.Second).Err(); err != nil {
				return err
			}
			ttl, err := rdb.TTL(ctx, k("exp")).Result()
			if err != nil {
				return err
			}
			if err := wantTTL("after SET EX 100", int64(ttl/time.Second), 100); err != nil {
				return err
			}
			if ok, err := rdb.PExpire(ctx, k("exp"), 1500*time.Millisecond).Result(); err != nil || !ok {
				return fmt.Errorf("PEXPIRE 1500: %v %v", ok, err)
			}
			if ttl, err = rdb.TTL(ctx, k("exp")).Result(); err != nil {
				return err
			}
			if err := wantTTL("after PEXPIRE 1500", int64(ttl/time.Second), 2); err != nil {
				return err
			}
			if err := rdb.PExpire(ctx, k("exp"), time.Millisecond).Err(); err != nil {
				return err
			}
			return eventually(ctx, "key gone after PEXPIRE 1", func() (bool, error) {
				err := rdb.Get(ctx, k("exp")).Err()
				if errors.Is(err, redis.Nil) {
					return true, nil
				}
				return false, err
			})
		}},
		{"mget", func(ctx context.Context) error {
			if err := rdb.MSet(ctx, k("a"), "1", k("b"), "2").Err(); err != nil {
				return err
			}
			vals, err := rdb.MGet(ctx, k("a"), k("missing"), k("b")).Result()
			if err != nil {
				return err
			}
			return wantEqual("MGET", fmt.Sprint(vals), "[1 <nil> 2]")
		}},
		{"incr", func(ctx context.Context) error {
			if err := rdb.Set(ctx, k("n"), "41", 0).Err(); err != nil {
				return err
			}
			n, err := rdb.Incr(ctx, k("n")).Result()
			if err != nil {
				return err
			}
			if err := wantEqual("INCR", n, int64(42)); err != nil {
				return err
			}
			err = rdb.Incr(ctx, k("str")).Err()
			return wantError("INCR of a non-number", err, "value is not an integer or out of range")
		}},
		{"pubsub", func(ctx context.Context) error {
			sub := rdb.Subscribe(ctx, k("chan"))
			defer sub.Close()
			// The confirmation: the subscription is in place.
			if _, err := sub.Receive(ctx); err != nil {
				return err
			}
			n, err := rdb.Publish(ctx, k("chan"), "hi").Result()
			if err != nil {
				return err
			}
			if err := wantEqual("PUBLISH receivers", n, int64(1)); err != nil {
				return err
			}
			msg, err := sub.ReceiveMessage(ctx)
			if err != nil {
				return err
			}
			return wantEqual("message", msg.Channel+" "+msg.Payload, k("chan")+" hi")
		}},
		{"multi-exec", func(ctx context.Context) error {
			var set *redis.StatusCmd
			var incr *redis.IntCmd
			_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				set = pipe.Set(ctx, k("tx"), "10", 0)
				incr = pipe.Incr(ctx, k("tx"))
				return nil
			})
			if err != nil {
				return err
			}
			return wantEqual("EXEC", set.Val()+" "+strconv.FormatInt(incr.Val(), 10), "OK 11")
		}},
		{"reconnect", func(ctx context.Context) error {
			return reconnect(ctx,
				func() (int64, error) { return rdb.ClientID(ctx).Result() },
				func(id int64) (int64, error) {
					return rdb.Do(ctx, "CLIENT", "KILL", "ID", id, "SKIPME", "no").Int64()
				},
				func() (string, error) { return rdb.Get(ctx, k("str")).Result() })
		}},
		{"list", func(ctx context.Context) error {
			if err := rdb.Del(ctx, k("list"), k("empty"), k("queue")).Err(); err != nil {
				return err
			}
			n, err := rdb.RPush(ctx, k("list"), anySlice(listValues())...).Result()
			if err != nil {
				return err
			}
			if err := wantEqual("RPUSH", n, int64(len(listValues()))); err != nil {
				return err
			}
			all, err := rdb.LRange(ctx, k("list"), 0, -1).Result()
			if err != nil {
				return err
			}
			if err := wantStrings("LRANGE 0 -1", all, listValues()); err != nil {
				return err
			}
			first, err := rdb.LPop(ctx, k("list")).Result()
			if err != nil {
				return err
			}
			if err := wantEqual("LPOP", first, "a"); err != nil {
				return err
			}
			if n, err = rdb.LLen(ctx, k("list")).Result(); err != nil {
				return err
			}
			if err := wantEqual("LLEN", n, int64(len(listValues())-1)); err != nil {
				return err
			}
			// go-redis sends whole seconds: 1 is its shortest timeout.
			if err := rdb.BLPop(ctx, time.Second, k("empty")).Err(); !errors.Is(err, redis.Nil) {
				return fmt.Errorf("BLPOP of an empty list: got %v, want a nil reply", err)
			}
			// go-redis runs the BLPOP on a pooled connection of its own.
			return popPushed(ctx, k("queue"),
				func() ([]string, error) { return rdb.BLPop(ctx, blockTimeout, k("queue")).Result() },
				func() (string, error) { return rdb.Info(ctx, "clients").Result() },
				func() error { return rdb.RPush(ctx, k("queue"), pushedElement).Err() })
		}},
		{"hash", func(ctx context.Context) error {
			if err := rdb.Del(ctx, k("hash")).Err(); err != nil {
				return err
			}
			n, err := rdb.HSet(ctx, k("hash"), hashFields()...).Result()
			if err != nil {
				return err
			}
			if err := wantEqual("HSET", n, int64(len(hashValues()))); err != nil {
				return err
			}
			all, err := rdb.HGetAll(ctx, k("hash")).Result()
			if err != nil {
				return err
			}
			if err := wantMap("HGETALL", all, hashValues()); err != nil {
				return err
			}
			if n, err = rdb.HIncrBy(ctx, k("hash"), "n", 5).Result(); err != nil {
				return err
			}
			if err := wantEqual("HINCRBY", n, int64(15)); err != nil {
				return err
			}
			if n, err = rdb.HDel(ctx, k("hash"), "name", "missing").Result(); err != nil {
				return err
			}
			if err := wantEqual("HDEL", n, int64(1)); err != nil {
				return err
			}
			if n, err = rdb.HLen(ctx, k("hash")).Result(); err != nil {
				return err
			}
			return wantEqual("HLEN", n, int64(len(hashValues())-1))
		}},
	}
	return checks, func() { rdb.Close() }
}
