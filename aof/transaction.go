package aof

// A transaction (EXEC) is logged as Redis logs it: its changes between
// MULTI and EXEC when there are two or more, a lone change as itself, none
// at all when it changed nothing. Its changes are held back until EXEC
// ends, so the file never has half of one unless a write is cut short,
// and then Load drops the whole transaction.

const (
	multiRecord = "*1\r\n$5\r\nMULTI\r\n"
	execRecord  = "*1\r\n$4\r\nEXEC\r\n"
)

// transactionState is the transaction being recorded; guarded by AOF.mu.
type transactionState struct {
	open    bool
	changes int    // records held
	held    []byte // the records, waiting for EndTransaction
	kept    []byte // what a running rewrite keeps of them (aof.go's kept)
}

// BeginTransaction starts holding the changes recorded until
// EndTransaction: those of one EXEC (the executor runs it alone, so no
// other client's change falls in between).
func (a *AOF) BeginTransaction() {
	a.mu.Lock()
	a.tx.open, a.tx.changes, a.tx.held, a.tx.kept = true, 0, a.tx.held[:0], a.tx.kept[:0]
	a.mu.Unlock()
}

// EndTransaction records the held changes, wrapped in MULTI and EXEC when
// there are several.
func (a *AOF) EndTransaction() {
	a.mu.Lock()
	tx := &a.tx
	tx.open = false
	if tx.changes == 0 {
		a.mu.Unlock()
		return
	}
	if tx.changes == 1 {
		a.appendLocked(tx.held, tx.kept)
	} else {
		a.appendLocked([]byte(multiRecord), []byte(multiRecord))
		a.appendLocked(tx.held, tx.kept)
		a.appendLocked([]byte(execRecord), []byte(execRecord))
	}
	a.mu.Unlock()
	a.wakeWriter()
}
