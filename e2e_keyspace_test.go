package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestGoRedisStringAndKeyspaceCommands(t *testing.T) {
	d := startDaemon(t)
	rdb := d.goRedis()
	ctx := context.Background()
	check := func(what string, got, want any) { t.Helper(); checkReply(t, what, got, want) }
	check("SETNX", rdb.SetNX(ctx, "k", "v", 0).Val(), true)
	check("SETNX again", rdb.SetNX(ctx, "k", "v", 0).Val(), false)
	check("SET XX GET", rdb.SetArgs(ctx, "k", "v2", redis.SetArgs{Mode: "XX", Get: true}).Val(), "v")
	check("SET NX on existing", rdb.SetArgs(ctx, "k", "v3", redis.SetArgs{Mode: "NX"}).Err(), redis.Nil)
	check("SET EX", rdb.Set(ctx, "ttl", "x", 100*time.Second).Val(), "OK")
	check("TTL", rdb.TTL(ctx, "ttl").Val(), 100*time.Second)
	check("SET KEEPTTL", rdb.SetArgs(ctx, "ttl", "y", redis.SetArgs{KeepTTL: true}).Val(), "OK")
	check("TTL kept", rdb.TTL(ctx, "ttl").Val() > 90*time.Second, true)
	check("EXPIRE GT", rdb.ExpireGT(ctx, "ttl", 200*time.Second).Val(), true)
	check("EXPIRE LT", rdb.ExpireLT(ctx, "ttl", 300*time.Second).Val(), false)
	check("PERSIST", rdb.Persist(ctx, "ttl").Val(), true)
	check("TTL none", rdb.TTL(ctx, "ttl").Val(), time.Duration(-1))
	check("TTL missing", rdb.TTL(ctx, "missing").Val(), time.Duration(-2))
	check("PEXPIRE", rdb.PExpire(ctx, "ttl", 50*time.Second).Val(), true)
	check("PTTL", rdb.PTTL(ctx, "ttl").Val() > 49*time.Second, true)
	check("EXPIREAT", rdb.ExpireAt(ctx, "ttl", time.Now().Add(time.Hour)).Val(), true)
	check("SETEX", rdb.Do(ctx, "SETEX", "sx", "10", "v").Val(), "OK")
	check("GETEX PERSIST", rdb.GetEx(ctx, "sx", 0).Val(), "v")
	check("GETDEL", rdb.GetDel(ctx, "sx").Val(), "v")
	check("GETDEL gone", rdb.GetDel(ctx, "sx").Err(), redis.Nil)
	check("APPEND", rdb.Append(ctx, "ap", "abc").Val(), 3)
	check("APPEND more", rdb.Append(ctx, "ap", "de").Val(), 5)
	check("STRLEN", rdb.StrLen(ctx, "ap").Val(), 5)
	check("MSET", rdb.MSet(ctx, "m1", "1", "m2", "2").Val(), "OK")
	check("MGET", rdb.MGet(ctx, "m1", "nope", "m2").Val(), []any{"1", nil, "2"})
	check("MSETNX", rdb.MSetNX(ctx, "m2", "x", "m3", "3").Val(), false)
	check("TYPE", rdb.Type(ctx, "m1").Val(), "string")
	check("TYPE none", rdb.Type(ctx, "nope").Val(), "none")
	check("RENAME", rdb.Rename(ctx, "m1", "m9").Val(), "OK")
	check("RENAMENX", rdb.RenameNX(ctx, "m9", "m2").Val(), false)
	check("RENAME missing", rdb.Rename(ctx, "nope", "x").Err(), "ERR no such key")
	keys := rdb.Keys(ctx, "m*").Val()
	sort.Strings(keys)
	check("KEYS", keys, []string{"m2", "m9"})
	check("TOUCH", rdb.Touch(ctx, "m2", "m9", "nope").Val(), 2)
	check("UNLINK", rdb.Unlink(ctx, "m9").Val(), 1)
	if k := rdb.RandomKey(ctx).Val(); k == "" {
		t.Fatal("RANDOMKEY returned nothing with keys present")
	}
	check("FLUSHDB", rdb.FlushDB(ctx).Val(), "OK")
	check("DBSIZE", rdb.DBSize(ctx).Val(), 0)
	check("RANDOMKEY empty", rdb.RandomKey(ctx).Err(), redis.Nil)
	check("FLUSHALL", rdb.FlushAll(ctx).Val(), "OK")
}

func TestGoRedisScanSeesEveryKey(t *testing.T) {
	d := startDaemon(t)
	rdb := d.goRedis()
	ctx := context.Background()
	for i := 0; i < 2000; i++ {
		rdb.Set(ctx, fmt.Sprintf("scan:%d", i), "v", 0)
	}
	rdb.Set(ctx, "other", "v", 0)
	seen := map[string]bool{}
	iter := rdb.Scan(ctx, 0, "scan:*", 100).Iterator()
	for iter.Next(ctx) {
		seen[iter.Val()] = true
	}
	if err := iter.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2000 || seen["other"] {
		t.Fatalf("SCAN MATCH scan:* returned %d keys (other: %v), want 2000", len(seen), seen["other"])
	}
}

// TestRealTimeExpiry uses the wall clock once: a key with a short TTL is
// gone after it, and keys nobody touches again are reclaimed by the
// active sweep.
func TestRealTimeExpiry(t *testing.T) {
	d := startDaemon(t)
	rdb := d.goRedis()
	ctx := context.Background()
	set := time.Now()
	rdb.Set(ctx, "short", "v", 300*time.Millisecond)
	for i := 0; i < 500; i++ {
		rdb.Set(ctx, fmt.Sprintf("untouched:%d", i), "v", 200*time.Millisecond)
	}
	if v := rdb.Get(ctx, "short").Val(); v != "v" && time.Since(set) < 300*time.Millisecond {
		t.Fatalf("GET before the TTL = %q", v)
	}
	waitUntil(t, "the short key to expire", func() bool { return errors.Is(rdb.Get(ctx, "short").Err(), redis.Nil) })
	// Expiry times are whole milliseconds: the server adds 300 ms to its
	// clock read down to the millisecond, so the key may go up to 1 ms
	// before 300 ms have passed since set (as in Redis).
	if elapsed := time.Since(set); elapsed < 299*time.Millisecond {
		t.Fatalf("the key expired after %v, before its 300ms TTL", elapsed)
	}
	waitUntil(t, "the sweep to reclaim the untouched keys", func() bool { return rdb.DBSize(ctx).Val() == 0 })
	if info := rdb.Info(ctx, "stats").Val(); !strings.Contains(info, "expired_keys:501\r\n") {
		t.Fatalf("INFO stats: %s", info)
	}
}

func TestGoRedisPubSubTenSubscribersInOrder(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		const subscribers, messages = 10, 1000
		var subs []*redis.PubSub
		for i := 0; i < subscribers; i++ {
			ps := rdb.Subscribe(ctx, "feed")
			if _, err := ps.Receive(ctx); err != nil { // the subscribe confirmation
				t.Fatal(err)
			}
			subs = append(subs, ps)
		}
		results := make(chan error, subscribers)
		for _, ps := range subs {
			go func(ps *redis.PubSub) {
				for i := 0; i < messages; i++ {
					msg, err := ps.ReceiveMessage(ctx)
					if err != nil {
						results <- err
						return
					}
					if msg.Channel != "feed" || msg.Payload != fmt.Sprint(i) {
						results <- fmt.Errorf("message %d: got %q on %q", i, msg.Payload, msg.Channel)
						return
					}
				}
				results <- nil
			}(ps)
		}
		for i := 0; i < messages; i++ {
			if n := rdb.Publish(ctx, "feed", fmt.Sprint(i)).Val(); n != subscribers {
				t.Fatalf("PUBLISH reached %d subscribers, want %d", n, subscribers)
			}
		}
		for i := 0; i < subscribers; i++ {
			if err := <-results; err != nil {
				t.Fatal(err)
			}
		}
		if info := rdb.Info(ctx, "clients").Val(); !strings.Contains(info, "pubsub_clients:10\r\n") {
			t.Fatalf("INFO clients does not count the subscribers:\n%s", info)
		}
		for _, ps := range subs {
			ps.Close()
		}
		waitUntil(t, "the channel to be gone", func() bool {
			return len(rdb.PubSubChannels(ctx, "*").Val()) == 0 && rdb.PubSubNumSub(ctx, "feed").Val()["feed"] == 0
		})
	})
}

func TestGoRedisPatternSubscriptionAndUnsubscribe(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model)
		rdb := d.goRedis()
		ctx := context.Background()
		ps := rdb.PSubscribe(ctx, "news.*")
		if _, err := ps.Receive(ctx); err != nil {
			t.Fatal(err)
		}
		if n := rdb.Publish(ctx, "news.tech", "chips").Val(); n != 1 {
			t.Fatalf("PUBLISH to a matching channel reached %d", n)
		}
		if n := rdb.Publish(ctx, "sports", "ball").Val(); n != 0 {
			t.Fatalf("PUBLISH to a non-matching channel reached %d", n)
		}
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil || msg.Pattern != "news.*" || msg.Channel != "news.tech" || msg.Payload != "chips" {
			t.Fatalf("got %+v, %v", msg, err)
		}
		if n := rdb.PubSubNumPat(ctx).Val(); n != 1 {
			t.Fatalf("NUMPAT = %d", n)
		}
		if err := ps.PUnsubscribe(ctx, "news.*"); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the pattern to be gone", func() bool { return rdb.PubSubNumPat(ctx).Val() == 0 })
		ps.Close()
	})
}

// TestSlowSubscriberIsCutPublisherGoesOn: a subscriber that never reads is
// disconnected at the output bound, and the publisher is never held up.
func TestSlowSubscriberIsCutPublisherGoesOn(t *testing.T) {
	eachModel(t, func(t *testing.T, model string) {
		d := startDaemon(t, "--io", model, "--client-output-buffer-limit", "pubsub 1048576 0 0")
		rdb := d.goRedis()
		ctx := context.Background()
		slow := d.dial()
		slow.send("SUBSCRIBE firehose\n")
		if got := slow.line(); got != "1) subscribe" { // then it stops reading
			t.Fatalf("subscribe confirmation: %q", got)
		}
		payload := strings.Repeat("p", 10000)
		cut := false
		for i := 0; i < 5000 && !cut; i++ { // bounded: at most 50 MB
			n, err := rdb.Publish(ctx, "firehose", payload).Result()
			if err != nil {
				t.Fatalf("publish %d failed: %v", i, err)
			}
			cut = n == 0
		}
		if !cut {
			t.Fatal("the subscriber that never reads was never disconnected")
		}
		if n := rdb.PubSubNumSub(ctx, "firehose").Val()["firehose"]; n != 0 {
			t.Fatalf("NUMSUB = %d after the cut", n)
		}
		if got := rdb.Ping(ctx).Val(); got != "PONG" {
			t.Fatalf("publisher's connection: %q", got)
		}
		waitUntil(t, "the warning to be logged", func() bool { return strings.Contains(d.log.String(), "disconnecting a client that does not read") })
	})
}
