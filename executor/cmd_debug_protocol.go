package executor

// DEBUG PROTOCOL type: one sample reply of each type of the protocol, as
// Redis's DEBUG PROTOCOL answers, so that clients (and Redis's test suite)
// can check how they read each one in RESP2 and RESP3.
func (s *Session) debugProtocol(kind []byte) {
	r := &s.reply
	switch name := optionName(kind); name {
	case "string":
		r.BulkString("Hello World")
	case "integer":
		r.Int(12345)
	case "double":
		r.Double(3.141)
	case "bignum":
		r.BigNum("1234567999999999999999999999999999999")
	case "null":
		r.Nil()
	case "array", "set":
		if name == "set" {
			r.Set(3)
		} else {
			r.Array(3)
		}
		for i := int64(0); i < 3; i++ {
			r.Int(i)
		}
	case "map":
		r.Map(3)
		for i := int64(0); i < 3; i++ {
			r.Int(i)
			r.Bool(i == 1)
		}
	case "attrib":
		// An attribute is not a reply of its own: a reply always follows.
		if r.RESP3() {
			r.Attribute(1)
			r.BulkString("key-popularity")
			r.Array(2)
			r.BulkString("key:123")
			r.Int(90)
		}
		r.BulkString("Some real reply following the attribute")
	case "push":
		if !r.RESP3() {
			r.Error("ERR RESP2 is not supported by this command")
			return
		}
		// A push is not the reply either: a client that drops pushes
		// still finds its reply after it.
		r.Push(2)
		r.BulkString("server-cpu-usage")
		r.Int(42)
		r.BulkString("Some real reply following the push reply")
	case "true":
		r.Bool(true)
	case "false":
		r.Bool(false)
	case "verbatim":
		r.Verbatim("txt", "This is a verbatim\nstring")
	default:
		r.Error("ERR Wrong protocol type name. Please use one of the following: " +
			"string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false")
	}
}
