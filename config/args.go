package config

import (
	"path/filepath"
	"strings"
)

// Args is what the command line asks for. It is read as redis-server reads
// its own: a first argument that does not start with '-' is the config
// file; after it, each "--name" starts a config line and the arguments up
// to the next "--name" are its words, so "--maxmemory 100mb" is the line
// "maxmemory 100mb" and "--bind 127.0.0.1" is "bind 127.0.0.1". These
// lines are read after the file's, so they override it.
type Args struct {
	File    string // the config file, made absolute; "" for none
	Options string // the other arguments, as config lines
	Help    bool   // --help or -h, as the first argument
	Version bool   // --version or -v, as the first argument
}

// ParseArgs reads the command line (without the program name). Like
// Redis: a "--name" with nothing after it in the same argument expects a
// value, so the next argument is its value even if it starts with "--"
// ("--port --bind" is the line port "--bind", which then fails to parse);
// "--name=value" is one directive named "name=value", which does not
// exist; a bare "--save" before another "--name", or at the end, means
// save "".
func ParseArgs(args []string) (Args, error) {
	var a Args
	if len(args) == 0 {
		return a, nil
	}
	switch args[0] {
	case "--help", "-h":
		return Args{Help: true}, nil
	case "--version", "-v":
		return Args{Version: true}, nil
	}
	if !strings.HasPrefix(args[0], "-") {
		abs, err := filepath.Abs(args[0])
		if err != nil {
			return a, err
		}
		a.File, args = abs, args[1:]
	}
	var b strings.Builder
	hadValue := true // the last option has its value (or needs none)
	for i, arg := range args {
		if hadValue && strings.HasPrefix(arg, "--") {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(arg[2:] + " ")
			words, _ := splitArgs(arg)
			if len(words) != 1 {
				continue // "--port 6380" as one argument: complete
			}
			hadValue = false
			last := i == len(args)-1
			if strings.EqualFold(arg, "--save") && (last || strings.HasPrefix(args[i+1], "--")) {
				b.WriteString(`""`)
				hadValue = true
			}
			continue
		}
		b.WriteString(quote(arg) + " ")
		hadValue = true
	}
	a.Options = b.String()
	return a, nil
}
