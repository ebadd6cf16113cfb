package executor

// memoryDocs documents MEMORY: one part of commandDocs (command_docs.go).
var memoryDocs = map[string]*commandDoc{
	"memory": {
		summary:    "Commands that report on the server's memory",
		since:      "4.0.0",
		group:      "server",
		complexity: "Depends on subcommand.",
	},
	"memory|usage": {
		summary:    "Estimate how many bytes a key and its value take",
		since:      "4.0.0",
		group:      "server",
		complexity: "O(N) where N is the number of samples.",
		keySpecs: []keySpec{
			{flags: keyRO, index: 2, step: 1},
		},
		args: []docArg{
			{name: "key", typ: argKey},
			{name: "count", typ: argInteger, token: "SAMPLES", flags: argOptional},
		},
	},
	"memory|purge": {
		summary:    "Collect garbage and give the memory it frees back to the system",
		since:      "4.0.0",
		group:      "server",
		complexity: "Depends on how much memory is allocated, could be slow",
		tips:       []string{"request_policy:all_shards", "response_policy:all_succeeded"},
	},
	"memory|help": {
		summary:    "List the MEMORY subcommands and what they do",
		since:      "4.0.0",
		group:      "server",
		complexity: "O(1)",
	},
}
