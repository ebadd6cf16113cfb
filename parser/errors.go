package parser

// ProtocolError is a request the parser cannot make sense of. Redis replies
// "-ERR Protocol error: <Reason>" and then closes the connection, because
// after a framing error it can no longer tell where the next request starts.
type ProtocolError struct {
	Reason string
}

func (e *ProtocolError) Error() string { return "Protocol error: " + e.Reason }

// The protocol errors, with Redis 7's texts.
var (
	ErrUnbalancedQuotes   = &ProtocolError{"unbalanced quotes in request"}
	ErrTooBigInline       = &ProtocolError{"too big inline request"}
	ErrTooBigMultibulk    = &ProtocolError{"too big mbulk count string"}
	ErrTooBigBulkCount    = &ProtocolError{"too big bulk count string"}
	ErrInvalidMultibulk   = &ProtocolError{"invalid multibulk length"}
	ErrInvalidBulkLength  = &ProtocolError{"invalid bulk length"}
	ErrUnauthMultibulk    = &ProtocolError{"unauthenticated multibulk length"}
	ErrUnauthBulk         = &ProtocolError{"unauthenticated bulk length"}
	errExpectedDollarBase = "expected '$', got '"
)

func errExpectedDollar(got byte) *ProtocolError {
	return &ProtocolError{errExpectedDollarBase + string([]byte{got}) + "'"}
}
