package executor

import (
	"math"
	"strconv"
	"strings"

	"redis-lite/store"
)

// The numbered databases. Each is a store of its own, all siblings of
// database 0 (one clock, one hash seed), so that SWAPDB can exchange two
// stores' contents while every session keeps its pointer: database n is
// always the same *store.Store. A session reaches the data only through
// db(), the database it has selected, and knows its number by dbIndex().

// defaultDatabases is Redis's default for the databases setting.
const defaultDatabases = 16

// newDatabases is first and n-1 siblings of it (n <= 0: Redis's 16).
func newDatabases(first *store.Store, n int) []*store.Store {
	if first == nil {
		first = store.New()
	}
	if n <= 0 {
		n = defaultDatabases
	}
	dbs := make([]*store.Store, n)
	dbs[0] = first
	for i := 1; i < n; i++ {
		dbs[i] = first.NewSibling()
	}
	return dbs
}

// Databases are the numbered databases, for what works on all of them:
// the active expiry sweep and the append-only file.
func (ex *Executor) Databases() []*store.Store { return ex.dbs }

// db is the session's selected database: every command reaches the data
// through it.
func (s *Session) db() *store.Store { return s.data }

// dbIndex is the number of the session's selected database.
func (s *Session) dbIndex() int { return s.dbi }

// selectDB makes database i (in range) the session's.
func (s *Session) selectDB(i int) {
	s.dbi, s.data = i, s.ex.dbs[i]
	s.client.db.Store(int32(i))
}

// dbArg reads a database number argument as Redis does: a C int first
// (badNumber is the error for anything else, errNotInteger and the int
// range error when empty), then one of the databases. It answers the
// error and reports false when the argument is not a database.
func (s *Session) dbArg(arg []byte, badNumber string) (int, bool) {
	n, ok := parseInt(arg)
	switch {
	case !ok && badNumber != "":
		s.reply.Error(badNumber)
	case !ok:
		s.reply.Error(errNotInteger)
	case n < math.MinInt32 || n > math.MaxInt32:
		if badNumber == "" {
			badNumber = "ERR value is out of range, value must between -2147483648 and 2147483647"
		}
		s.reply.Error(badNumber)
	case n < 0 || n >= int64(len(s.ex.dbs)):
		s.reply.Error(errDBRange)
	default:
		return int(n), true
	}
	return 0, false
}

const (
	errDBRange    = "ERR DB index is out of range"
	errSameObject = "ERR source and destination objects are the same"
)

// infoKeyspace is INFO keyspace: a line for each database with keys, as
// Redis shows them (db3:keys=2,expires=1,avg_ttl=0). avg_ttl is always 0:
// Redis estimates it from its random expiry sampling, which this daemon
// does not do (its sweep walks each shard in turn instead).
func infoKeyspace(ex *Executor, b *strings.Builder) {
	for i, db := range ex.dbs {
		if n := db.Len(); n > 0 {
			field(b, "db"+strconv.Itoa(i), "keys="+strconv.Itoa(n)+",expires="+strconv.Itoa(db.WithExpiry())+",avg_ttl=0")
		}
	}
}

// expiredKeys is how many keys expired, in every database.
func (ex *Executor) expiredKeys() int64 {
	var n int64
	for _, db := range ex.dbs {
		n += db.ExpiredCount()
	}
	return n
}
