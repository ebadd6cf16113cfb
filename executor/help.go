package executor

import "strings"

// replyHelp answers a container's HELP as Redis's addReplyHelp does: a
// header naming the container as typed, in upper case, then the
// container's lines, then HELP itself, each a status reply.
func (s *Session) replyHelp(args [][]byte, lines []string) {
	s.reply.Array(len(lines) + 3)
	s.reply.Status(strings.ToUpper(string(cString(args[0]))) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, line := range lines {
		s.reply.Status(line)
	}
	s.reply.Status("HELP")
	s.reply.Status("    Prints this help.")
}

// pubsubHelp is PUBSUB HELP's text, Redis 7.0's lines (the shard
// subcommands included, as Redis lists them).
var pubsubHelp = []string{
	"CHANNELS [<pattern>]",
	"    Return the currently active channels matching a <pattern> (default: '*').",
	"NUMPAT",
	"    Return number of subscriptions to patterns.",
	"NUMSUB [<channel> ...]",
	"    Return the number of subscribers for the specified channels, excluding",
	"    pattern subscriptions(default: no channels).",
	"SHARDCHANNELS [<pattern>]",
	"    Return the currently active shard level channels matching a <pattern> (default: '*').",
	"SHARDNUMSUB [<shardchannel> ...]",
	"    Return the number of subscribers for the specified shard level channel(s)",
}

func cmdPubSubHelp(s *Session, args [][]byte) { s.replyHelp(args, pubsubHelp) }
