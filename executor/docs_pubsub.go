package executor

// pubsubDocs documents the pub/sub commands: one part of
// commandDocs (command_docs.go).
var pubsubDocs = map[string]*commandDoc{
	"subscribe": {
		summary:    "Receive the messages published to the named channels",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of channels to subscribe to.",
		args: []docArg{
			{name: "channel", typ: argString, flags: argMultiple},
		},
	},
	"psubscribe": {
		summary:    "Receive the messages published to channels matching patterns",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of patterns the client is already subscribed to.",
		args: []docArg{
			{name: "pattern", typ: argBlock, flags: argMultiple, args: []docArg{
				{name: "pattern", typ: argPattern},
			}},
		},
	},
	"unsubscribe": {
		summary:    "Stop receiving messages from the named channels, or from all",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of clients already subscribed to a channel.",
		args: []docArg{
			{name: "channel", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"punsubscribe": {
		summary:    "Stop receiving messages for the given patterns, or for all",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).",
		args: []docArg{
			{name: "pattern", typ: argPattern, flags: argOptional | argMultiple},
		},
	},
	"publish": {
		summary:    "Send a message to a channel's subscribers",
		since:      "2.0.0",
		group:      "pubsub",
		complexity: "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).",
		args: []docArg{
			{name: "channel", typ: argString},
			{name: "message", typ: argString},
		},
	},
	"pubsub": {
		summary:    "Commands that inspect the publish/subscribe state",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "Depends on subcommand.",
	},
	"pubsub|channels": {
		summary:    "List the channels that have subscribers",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)",
		args: []docArg{
			{name: "pattern", typ: argPattern, flags: argOptional},
		},
	},
	"pubsub|numsub": {
		summary:    "Count the subscribers of the named channels",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(N) for the NUMSUB subcommand, where N is the number of requested channels",
		args: []docArg{
			{name: "channel", typ: argString, flags: argOptional | argMultiple},
		},
	},
	"pubsub|numpat": {
		summary:    "Count the patterns clients are subscribed to",
		since:      "2.8.0",
		group:      "pubsub",
		complexity: "O(1)",
	},
	"pubsub|help": {
		summary:    "List the PUBSUB subcommands and what they do",
		since:      "6.2.0",
		group:      "pubsub",
		complexity: "O(1)",
	},
}
