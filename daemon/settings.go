package daemon

import (
	"fmt"

	"redis-lite/config"
	"redis-lite/executor"
	"redis-lite/netsrv"
)

// executorSettings are the live settings as the executor's CONFIG
// commands see them.
type executorSettings struct{ live *config.Live }

func (s executorSettings) Params() []executor.Param {
	params := s.live.Params()
	out := make([]executor.Param, len(params))
	for i, p := range params {
		out[i] = executor.Param{Name: p[0], Value: p[1]}
	}
	return out
}

func (s executorSettings) Set(pairs []string) error { return s.live.Set(pairs) }

// hookSettings makes each setting CONFIG SET may change take effect at
// once, by telling the part that uses it. A hook that fails leaves its
// part as it was; config.Live then puts the other settings of the same
// CONFIG SET back, running their hooks again with the old values.
func (d *Daemon) hookSettings() {
	d.live.OnSet("maxclients", func(v config.Values) error {
		n := int(v.Int("maxclients"))
		// As Redis: room for the clients under the open-file limit first.
		if fitted, _, ok := netsrv.FitMaxClients(n); !ok {
			return fmt.Errorf("The operating system is not able to handle the specified number of clients, try with %d", fitted)
		}
		d.srv.SetMaxClients(n)
		return nil
	})
	d.live.OnSet("timeout", func(v config.Values) error {
		d.srv.SetIdleTimeout(v.Seconds("timeout"))
		return nil
	})
	d.live.OnSet("maxmemory", func(v config.Values) error {
		d.ex.SetMaxMemory(v.Int("maxmemory"))
		return nil
	})
	d.live.OnSet("requirepass", func(v config.Values) error {
		d.ex.SetRequirePass(v.String("requirepass"))
		d.updateProtectedMode(v)
		return nil
	})
	d.live.OnSet("protected-mode", func(v config.Values) error {
		d.updateProtectedMode(v)
		return nil
	})
}
