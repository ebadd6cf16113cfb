package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// importRules is the one-way import rule of docs/architecture.md: for each package of ours,
// the packages of ours it may import. main (the root) may import any.
var importRules = map[string][]string{
	"store":    nil,
	"parser":   nil,
	"pool":     nil,
	"signals":  nil,
	"hll":      nil,
	"geo":      nil,
	"gcfloor":  nil,
	"sets":     {"store"},
	"hashes":   {"store"},
	"zsets":    {"store"},
	"lists":    {"store"},
	"executor": {"parser", "store", "hll", "sets", "hashes", "zsets", "lists", "geo"},
	"netsrv":   {"pool"},
	"aof":      {"parser", "store"},
	"config":   {"parser"}, // one sdssplitargs for requests and config lines
	"daemon":   {"config", "executor", "netsrv", "aof", "store", "signals", "gcfloor"},
}

// TestImportRules reads every package's non-test files and fails on an
// import of ours that the rules do not allow, so the layering is enforced,
// not remembered. A new package must be given its rule here.
func TestImportRules(t *testing.T) {
	const module = "redis-lite/"
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") || d.Name() == "internal" || d.Name() == "scripts" || d.Name() == "bin" || d.Name() == "docs" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(d.Name(), "*.go"))
		if len(files) == 0 {
			continue
		}
		allowed, known := importRules[d.Name()]
		if !known {
			t.Errorf("package %s has no import rule; add one to importRules", d.Name())
			continue
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				ours, isOurs := strings.CutPrefix(path, module)
				if isOurs && !slices.Contains(allowed, ours) {
					t.Errorf("%s imports %s; %s may import only %v of ours", file, path, d.Name(), allowed)
				}
			}
		}
	}
}
