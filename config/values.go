package config

import (
	"strconv"
	"strings"
	"time"
)

// Values are the settings' values in CONFIG GET's form, by name. The typed
// getters panic on a name that is not in the table or of another kind:
// that is a mistake in the daemon's code, found by its first start.
type Values map[string]string

// Defaults are every setting at its default.
func Defaults() Values {
	v := make(Values, len(Table))
	for i := range Table {
		v[Table[i].Name] = Table[i].Default
	}
	return v
}

func (v Values) clone() Values {
	c := make(Values, len(v))
	for k, val := range v {
		c[k] = val
	}
	return c
}

func (v Values) get(name string, kinds ...Kind) string {
	s := index[name]
	if s == nil {
		panic("config: no setting " + name)
	}
	for _, k := range kinds {
		if s.Kind == k {
			return v[name]
		}
	}
	panic("config: setting " + name + " is not of the kind asked for")
}

// Int is an Int or Memory setting.
func (v Values) Int(name string) int64 {
	n, _ := strconv.ParseInt(v.get(name, Int, Memory), 10, 64)
	return n
}

// MemoryPercent is a MemoryPercent setting: bytes, or a percentage (of
// maxmemory) when percent is true.
func (v Values) MemoryPercent(name string) (n int64, percent bool) {
	value := v.get(name, MemoryPercent)
	percent = strings.HasSuffix(value, "%")
	n, _ = strconv.ParseInt(strings.TrimSuffix(value, "%"), 10, 64)
	return n, percent
}

// Seconds is an Int setting counting seconds, as a duration.
func (v Values) Seconds(name string) time.Duration {
	return time.Duration(v.Int(name)) * time.Second
}

// Bool is a Bool setting.
func (v Values) Bool(name string) bool { return v.get(name, Bool) == "yes" }

// String is a String, Enum or Events setting.
func (v Values) String(name string) string { return v.get(name, String, Enum, Events) }

// Percentiles is a Percentiles setting's numbers.
func (v Values) Percentiles(name string) []float64 {
	var out []float64
	for _, w := range strings.Fields(v.get(name, Percentiles)) {
		p, _ := strconv.ParseFloat(w, 64)
		out = append(out, p)
	}
	return out
}

// Limit is one class's client-output-buffer-limit ("normal", "pubsub").
func (v Values) Limit(class string) Limit {
	return decodeLimits(v.get("client-output-buffer-limit", Limits))[class]
}
