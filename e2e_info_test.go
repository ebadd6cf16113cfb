package main

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// infoOf sends one INFO request with the given section words and returns
// the text of its reply (a RESP bulk string).
func infoOf(t *testing.T, addr string, words ...string) string {
	t.Helper()
	out := converse(t, addr, conversation{name: "INFO", requests: [][]string{append([]string{"INFO"}, words...)}})
	// "$<len>\r\n<text>\r\n+OK\r\n" (QUIT's OK last).
	_, text, _ := strings.Cut(out, "\r\n")
	return strings.TrimSuffix(text, "\r\n+OK\r\n")
}

// infoHeadings are the "# Section" lines of an INFO text, in order.
func infoHeadings(info string) []string {
	return regexp.MustCompile(`(?m)^# \w+`).FindAllString(info, -1)
}

// TestInfoSectionsMatchRedis asks both servers for the same section words
// and compares which sections come back, in which order, and that Redis's
// fields of each section are all there.
func TestInfoSectionsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		for _, words := range [][]string{
			nil, {"all"}, {"default"}, {"everything"}, {"cpu"}, {"cpu", "sentinel"}, {"cpu", "all"},
			{"cpu", "default"}, {"commandSTATS"}, {"modules"}, {"module_list"}, {"nosuch"}, {"Server", "server"},
			{"errorstats", "latencystats", "cluster"}, {"keyspace", "default", "keyspace"},
		} {
			want := infoHeadings(infoOf(t, redis, words...))
			got := infoHeadings(infoOf(t, lite, words...))
			checkReply(t, "INFO "+strings.Join(words, " ")+" headings", strings.Join(got, ","), strings.Join(want, ","))
		}
		// The fields clients and monitoring read, by section.
		all := infoOf(t, lite, "all")
		for _, name := range []string{
			"redis_version:7.0.15", "redis_mode:", "os:", "arch_bits:", "process_id:", "run_id:", "tcp_port:", "uptime_in_seconds:",
			"connected_clients:", "maxclients:", "blocked_clients:",
			"used_memory:", "used_memory_human:", "used_memory_rss:", "used_memory_peak:", "maxmemory:", "maxmemory_policy:",
			"loading:", "rdb_last_save_time:", "aof_enabled:",
			"total_connections_received:", "total_commands_processed:", "total_net_input_bytes:", "total_net_output_bytes:",
			"rejected_connections:", "expired_keys:", "evicted_keys:", "keyspace_hits:", "keyspace_misses:", "total_error_replies:",
			"role:master", "connected_slaves:0", "master_replid:", "master_repl_offset:",
			"used_cpu_sys:", "used_cpu_user:", "used_cpu_sys_children:", "used_cpu_user_children:",
			"cluster_enabled:0",
		} {
			if !strings.Contains(all, "\r\n"+name) {
				t.Errorf("INFO all has no %q", name)
			}
		}
	})
}

// statsConversation runs commands that succeed, fail and are refused, so
// that commandstats and errorstats have something to count.
var statsConversation = [][]string{
	{"CONFIG", "RESETSTAT"},
	{"SET", "k", "v"}, {"SET", "k"}, {"GET", "k"}, {"GET", "k"}, {"ASDF"},
	{"AUTH", "nopassword"}, {"INCR", "k"}, {"CONFIG", "GET", "maxmemory"},
	{"SET", "n", "1", "EX", "0"}, {"CLIENT", "NOSUCH"},
}

// usecFields are the timing parts of commandstats lines, which differ
// from run to run.
var usecFields = regexp.MustCompile(`usec=\d+,usec_per_call=[\d.]+`)

// TestCommandAndErrorStatsMatchRedis runs statsConversation on both
// servers, then compares commandstats (times aside), errorstats,
// total_error_replies and which latencystats lines exist.
func TestCommandAndErrorStatsMatchRedis(t *testing.T) {
	redis := startRedisServer(t)
	stats := func(t *testing.T, addr string) (commands, errors, total, latency string) {
		converse(t, addr, conversation{name: "stats", requests: statsConversation})
		info := infoOf(t, addr, "commandstats", "errorstats", "latencystats", "stats")
		var lines, errs, lat []string
		for _, line := range strings.Split(info, "\r\n") {
			switch {
			case strings.HasPrefix(line, "cmdstat_"):
				lines = append(lines, usecFields.ReplaceAllString(line, "usec=*"))
			case strings.HasPrefix(line, "errorstat_"):
				errs = append(errs, line)
			case strings.HasPrefix(line, "latency_percentiles_usec_"):
				name, percentiles, _ := strings.Cut(line, ":")
				lat = append(lat, name+":"+regexp.MustCompile(`=[\d.]+`).ReplaceAllString(percentiles, "=*"))
			case strings.HasPrefix(line, "total_error_replies:"):
				total = line
			}
		}
		// Redis lists commands in hash order; compare them as sets.
		sort.Strings(lines)
		sort.Strings(lat)
		return strings.Join(lines, "\n"), strings.Join(errs, "\n"), total, strings.Join(lat, "\n")
	}
	wantCmds, wantErrs, wantTotal, wantLat := stats(t, redis)
	eachModel(t, func(t *testing.T, model string) {
		lite := startDaemon(t, "--io", model).addr
		cmds, errs, total, lat := stats(t, lite)
		checkReply(t, "commandstats", cmds, wantCmds)
		checkReply(t, "errorstats", errs, wantErrs)
		checkReply(t, "total_error_replies", total, wantTotal)
		checkReply(t, "latencystats", lat, wantLat)
	})
}

// TestLatencyTrackingSettings: percentiles set at run time name INFO's
// fields; latency-tracking no empties the section; bad lists are refused
// with Redis's texts.
func TestLatencyTrackingSettings(t *testing.T) {
	redis := startRedisServer(t)
	cv := conversation{name: "latency settings", requests: [][]string{
		{"CONFIG", "SET", "latency-tracking-info-percentiles", "0.0 50.0 100.0"},
		{"CONFIG", "GET", "latency-tracking-info-percentiles"},
		{"CONFIG", "SET", "latency-tracking-info-percentiles", "10.0 50.0 a"},
		{"CONFIG", "SET", "latency-tracking-info-percentiles", "10.0 50.0 101.0"},
		{"CONFIG", "SET", "latency-tracking-info-percentiles", ""},
		{"CONFIG", "GET", "latency-tracking-info-percentiles"},
		{"CONFIG", "SET", "latency-tracking-info-percentiles", "99.99 1e1"},
		{"CONFIG", "GET", "latency-tracking-info-percentiles"},
		{"CONFIG", "SET", "latency-tracking", "no"}, {"CONFIG", "GET", "latency-tracking"},
		{"INFO", "latencystats"},
	}}
	want := converse(t, redis, cv)
	eachModel(t, func(t *testing.T, model string) {
		checkReply(t, "replies", converse(t, startDaemon(t, "--io", model).addr, cv), want)
	})
}
