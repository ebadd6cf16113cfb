package config

import (
	"sort"
	"strings"
	"sync"
)

// Live is the running daemon's settings: their current values, the hooks
// that make a change take effect, and the config file it was started with.
// CONFIG GET, SET and REWRITE go through it; it is safe for concurrent use.
type Live struct {
	mu    sync.Mutex
	vals  Values
	file  string
	hooks map[string]func(Values) error
}

// NewLive holds the values the daemon started with; file is the config
// file's absolute path, or "" when it was started without one.
func NewLive(v Values, file string) *Live {
	return &Live{vals: v.clone(), file: file, hooks: make(map[string]func(Values) error)}
}

// OnSet makes apply run when CONFIG SET changes the setting: it is given
// every setting's new values and makes the change take effect, or fails
// (and then every setting of that CONFIG SET is put back as it was, each
// hook already run being run again with the old values). Only Runtime
// settings may be changed; one without a hook changes only its value. A
// hook may write into the values it is given the value it settled on
// (port 0: the port the kernel chose); that is what CONFIG GET then shows.
func (l *Live) OnSet(name string, apply func(Values) error) {
	if index[name] == nil {
		panic("config: no setting " + name)
	}
	l.hooks[name] = apply
}

// Values are the current values (a copy).
func (l *Live) Values() Values {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.vals.clone()
}

// Override records a value the daemon settled on itself, such as the port
// the kernel chose for port 0.
func (l *Live) Override(name, value string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.vals[name] = value
}

// Param is one setting as CONFIG GET sees it.
type Param struct {
	Name, Value string
	// Hidden: only a request by the exact name shows it (Setting.Hidden).
	Hidden bool
}

// Params are every setting with its value, sorted by name; a setting's
// alias is an entry of its own, with the same value.
func (l *Live) Params() []Param {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Param, 0, len(Table))
	for i := range Table {
		s := &Table[i]
		out = append(out, Param{Name: s.Name, Value: l.vals[s.Name], Hidden: s.Hidden})
		if s.Alias != "" {
			out = append(out, Param{Name: s.Alias, Value: l.vals[s.Name], Hidden: s.Hidden})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get is one setting's value, by its name in any ASCII case, hidden ones
// included.
func (l *Live) Get(name string) (string, bool) {
	s := Lookup(name)
	if s == nil {
		return "", false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.vals[s.Name], true
}

// SetError is why CONFIG SET refused: its Error is the reply's text after
// "ERR ", in Redis's words.
type SetError struct{ msg string }

func (e *SetError) Error() string { return e.msg }

func unknownOption(name string) error {
	return &SetError{"Unknown option or number of arguments for CONFIG SET - '" + name + "'"}
}

func setFailed(name, reason string) error {
	msg := "CONFIG SET failed (possibly related to argument '" + name + "')"
	if reason != "" {
		msg += " - " + reason
	}
	return &SetError{msg}
}

// Set is CONFIG SET name value [name value ...] (args must pair up), all
// or nothing, as Redis 7 does it (configSetCommand):
//
//  1. Every name is looked up; the first problem in argument order wins:
//     an unknown name, a setting that cannot change at run time, one
//     named twice (in any case; a setting named once by its name and once
//     by its alias is not a repeat to Redis, and the later value wins).
//  2. Every value is parsed; the first that is refused fails the lot,
//     naming the setting.
//  3. The hooks of the settings whose value really changed run, in
//     order; if one fails, the values go back and the hooks already run
//     are run again with them.
func (l *Live) Set(args []string) error {
	type change struct {
		s          *Setting
		name       string // as Redis names it in errors: the alias, if given
		value, old string
	}
	var firstErr error
	var changes []change
	for i := 0; i+1 < len(args); i += 2 {
		s := Lookup(args[i])
		switch {
		case firstErr != nil:
		case s == nil:
			firstErr = unknownOption(args[i])
		case s.Change == Immutable:
			firstErr = setFailed(args[i], "can't set immutable config")
		case s.Change == Protected:
			firstErr = setFailed(args[i], "can't set protected config")
		default:
			name := s.Name
			if lowerASCII(args[i]) == s.Alias {
				name = s.Alias
			}
			for _, c := range changes {
				if c.s == s && c.name == name {
					firstErr = setFailed(args[i], "duplicate parameter")
				}
			}
			changes = append(changes, change{s: s, name: name, value: args[i+1]})
		}
	}
	if firstErr != nil {
		return firstErr
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	next := l.vals.clone()
	var changed []change
	for _, c := range changes {
		words := []string{c.value}
		if c.s.multiWord() {
			// Redis splits a several-word value on single spaces here.
			words = strings.Split(c.value, " ")
			if c.value == "" {
				words = nil
			}
		}
		value, reason := c.s.parse(words, next[c.s.Name])
		if reason != "" {
			return setFailed(c.name, reason)
		}
		if value != next[c.s.Name] {
			c.old = next[c.s.Name]
			next[c.s.Name] = value
			changed = append(changed, change{s: c.s, value: value, old: c.old})
		}
	}
	for i, c := range changed {
		apply := l.hooks[c.s.Name]
		if apply == nil {
			continue
		}
		if err := apply(next); err != nil {
			for _, undo := range changed[:i] {
				if h := l.hooks[undo.s.Name]; h != nil {
					h(l.vals)
				}
			}
			return setFailed(c.s.Name, err.Error())
		}
	}
	l.vals = next
	return nil
}
