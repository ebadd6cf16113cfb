package executor

// SetMaxBulkLen changes proto-max-bulk-len (CONFIG SET): the largest RESP
// argument and the largest string a command may make. Every session reads
// it before parsing its next requests, so it applies to clients already
// connected, as in Redis.
func (ex *Executor) SetMaxBulkLen(n int64) { ex.maxBulkLen.Store(n) }

// SetPort tells INFO the port the daemon listens on after CONFIG SET port
// moved it.
func (ex *Executor) SetPort(port int) { ex.port.Store(int64(port)) }
