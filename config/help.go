package config

import (
	"strconv"
	"strings"
)

// Usage is --help's text: how to start the daemon and every setting, with
// its default and whether CONFIG SET may change it.
func Usage() string {
	var b strings.Builder
	b.WriteString(`Usage: redis-lite [/path/to/redis-lite.conf] [--setting value ...]
       redis-lite --help | --version

A Redis-like key-value daemon on raw POSIX sockets. Settings come from the
config file (redis.conf syntax, one "setting value" a line), then from the
command line, which overrides it: --maxmemory 100mb is the line
"maxmemory 100mb". Memory takes Redis's units: 5k is 5000 bytes, 5kb 5120,
100mb, 1gb. CONFIG GET and CONFIG SET read and change them at run time;
CONFIG REWRITE writes them back to the config file.

Settings:
`)
	for i := range Table {
		s := &Table[i]
		b.WriteString("  --" + s.Name + " " + displayDefault(s))
		if s.Unit != "" {
			b.WriteString(" (" + s.Unit + ")")
		}
		if s.Change == Runtime {
			b.WriteString("   [CONFIG SET]")
		}
		b.WriteString("\n        " + s.Doc + "\n")
	}
	return b.String()
}

// displayDefault is a default as a person would write it: memory in its
// largest whole unit, an empty string as "".
func displayDefault(s *Setting) string {
	switch s.Kind {
	case Memory, MemoryPercent:
		if strings.HasSuffix(s.Default, "%") {
			return s.Default // a percentage, as given
		}
		n, _ := strconv.ParseInt(s.Default, 10, 64)
		return FormatMemory(n)
	case String, Save, Events:
		if s.Default == "" {
			return `""`
		}
	case Percentiles:
		return `"` + s.Default + `"`
	case Limits:
		lines, _ := rewriteLimits("", s.Default, s.Default)
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		return `"` + strings.Join(lines, " ") + `"`
	}
	return s.Default
}

// MarkdownTable is the README's table of settings, one row a setting. A
// test holds the README to it, so the two cannot drift apart.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| setting | default | CONFIG SET | meaning |\n| --- | --- | --- | --- |\n")
	for i := range Table {
		s := &Table[i]
		set := map[Change]string{Runtime: "yes", Immutable: "no", Protected: "no"}[s.Change]
		doc, def := s.Doc, "`"+displayDefault(s)+"`"
		if s.Unit != "" {
			def += " " + s.Unit
		}
		if s.Ours {
			doc += "; this daemon's own"
		}
		if s.Hidden {
			doc += " (CONFIG GET shows it only when asked for by name)"
		}
		b.WriteString("| `--" + s.Name + "` | " + def + " | " + set + " | " + strings.ReplaceAll(doc, "|", `\|`) + " |\n")
	}
	return b.String()
}
