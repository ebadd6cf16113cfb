package executor

import "strconv"

// The plaintext protocol's lists, numbered as redis-cli prints them
// ("1) a"), with nested lists indented under their element's number and
// numbers padded to the widest in their list (reply.go writes the rest).

// listFrame tracks one plaintext list: how many elements it has, how many
// are written, and where its numbers stand.
type listFrame struct {
	length, written int
	indent, width   int
	firstOnLine     bool // its first element follows the parent's number
}

// human writes one plaintext line (as a list element when in a list).
func (r *Reply) human(line string) {
	r.element()
	r.buf = append(r.buf, line...)
	r.endLine()
}

// humanList starts a plaintext list of n elements.
func (r *Reply) humanList(n int) {
	r.aggregate(n)
	indent := r.element()
	if n == 0 {
		r.buf = append(r.buf, "(empty array)"...)
		r.endLine()
		return
	}
	r.lists = append(r.lists, listFrame{
		length:      n,
		indent:      indent,
		width:       len(strconv.Itoa(n)),
		firstOnLine: len(r.lists) > 0,
	})
}

// element writes a plaintext list element's number ("1) ", padded to the
// list's widest number) and returns the column after it, where a nested
// list's numbers line up.
func (r *Reply) element() int {
	if len(r.lists) == 0 {
		return 0
	}
	f := &r.lists[len(r.lists)-1]
	f.written++
	if f.written > 1 || !f.firstOnLine {
		for i := 0; i < f.indent; i++ {
			r.buf = append(r.buf, ' ')
		}
	}
	number := strconv.Itoa(f.written)
	for i := len(number); i < f.width; i++ {
		r.buf = append(r.buf, ' ')
	}
	r.buf = append(r.buf, number...)
	r.buf = append(r.buf, ") "...)
	return f.indent + f.width + 2
}

// endLine ends a reply line and closes every list its element completed.
func (r *Reply) endLine() {
	if r.form != formHuman {
		r.buf = append(r.buf, '\r', '\n')
		return
	}
	r.buf = append(r.buf, '\n')
	for len(r.lists) > 0 {
		f := &r.lists[len(r.lists)-1]
		if f.written < f.length {
			return
		}
		r.lists = r.lists[:len(r.lists)-1]
	}
}
