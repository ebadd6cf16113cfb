package executor

import (
	"redis-lite/lists"
	"redis-lite/sets"
	"redis-lite/store"
	"redis-lite/zsets"
)

// SORT and SORT_RO (Redis 7.0's sort.c): the elements of a list, set or
// sorted set, ordered by their own value or by values looked up through
// a BY pattern, optionally cut by LIMIT, turned into other keys' values by
// GET patterns, and answered or (SORT ... STORE) saved as a list.
//
// The source is copied out under its key's lock, and the BY and GET
// lookups read other keys one by one, as each names a key of its own. So
// that all of it happens at one instant, as in Redis, a SORT that reads
// or writes any key besides its source runs alone (Session.exclusive,
// as EXEC does). The order of equal elements follows Redis's: a full sort keeps
// the input order (glibc's qsort is a merge sort), a sort cut by LIMIT
// with a BY pattern uses Redis's partial quicksort (cmd_sort_order.go).

var sortCommands = []command{
	{name: "sort", arity: -2, flags: flagWrite | flagDenyOOM, run: cmdSort},
	{name: "sort_ro", arity: -2, flags: flagReadonly, run: cmdSortRO},
}

const errSortScore = "ERR One or more scores can't be converted into double"

func cmdSort(s *Session, args [][]byte)   { s.sort(args, false) }
func cmdSortRO(s *Session, args [][]byte) { s.sort(args, true) }

// sortRequest is a SORT command line, read.
type sortRequest struct {
	key         []byte
	desc, alpha bool
	offset      int64
	count       int64 // -1: to the end
	by          []byte
	dontSort    bool // BY names a constant: the elements keep their order
	gets        [][]byte
	store       []byte // nil: reply with the result
}

// parseSort reads the options after the key in Redis's way: later options
// override earlier ones, a word missing its arguments is a syntax error,
// and SORT_RO does not know STORE. It replies with the error itself.
func (s *Session) parseSort(args [][]byte, readOnly bool) (req sortRequest, ok bool) {
	req = sortRequest{key: args[1], count: -1}
	for i := 2; i < len(args); i++ {
		left := len(args) - i - 1
		switch name := optionName(args[i]); {
		case name == "asc":
			req.desc = false
		case name == "desc":
			req.desc = true
		case name == "alpha":
			req.alpha = true
		case name == "limit" && left >= 2:
			var ok1, ok2 bool
			req.offset, ok1 = parseInt(args[i+1])
			if ok1 {
				req.count, ok2 = parseInt(args[i+2])
			}
			if !ok1 || !ok2 {
				s.reply.Error(errNotInteger)
				return req, false
			}
			i += 2
		case name == "store" && left >= 1 && !readOnly:
			req.store = args[i+1]
			i++
		case name == "by" && left >= 1:
			req.by = args[i+1]
			// Once a constant BY is seen the result is left unsorted,
			// even if a later BY has a '*' (Redis never clears it).
			if !hasWildcard(req.by) {
				req.dontSort = true
			}
			i++
		case name == "get" && left >= 1:
			req.gets = append(req.gets, args[i+1])
			i++
		default:
			s.reply.Error(errSyntax)
			return req, false
		}
	}
	return req, true
}

// sortItem is one element being sorted, with what it is sorted by: a
// score, or (ALPHA with BY) the looked-up value, hasKey false when the
// lookup found nothing.
type sortItem struct {
	elem   []byte
	score  float64
	key    []byte
	hasKey bool
}

// touchesOtherKeys reports whether the request reads keys through BY or
// GET, or writes one (STORE): a '#' GET is the element itself, and a
// pattern with no '*' names no key (BY sorts nothing, GET gives nil).
func (req *sortRequest) touchesOtherKeys() bool {
	if req.store != nil || (req.by != nil && !req.dontSort) {
		return true
	}
	for _, pattern := range req.gets {
		if string(pattern) != "#" && hasWildcard(pattern) {
			return true
		}
	}
	return false
}

// sort runs SORT, or SORT_RO when readOnly.
func (s *Session) sort(args [][]byte, readOnly bool) {
	req, ok := s.parseSort(args, readOnly)
	if !ok {
		return
	}
	if req.touchesOtherKeys() {
		s.exclusive(func() { s.sortParsed(&req) })
		return
	}
	s.sortParsed(&req)
}

// sortParsed sorts as req says and replies, or stores the result.
func (s *Session) sortParsed(req *sortRequest) {
	src, ok := s.loadSortSource(req)
	if !ok {
		return
	}
	items, start, end := src.items, src.start, src.end
	badScore := false
	if !req.dontSort {
		badScore = s.sortItems(req, items, start, end)
	}
	// An empty range may start at -1 (no elements at all).
	result := items[max(start, 0) : max(start, 0)+max(0, end-start+1)]
	outputLen := len(result)
	if len(req.gets) > 0 {
		outputLen *= len(req.gets)
	}
	switch {
	case badScore:
		s.reply.Error(errSortScore)
	case req.store == nil:
		s.reply.Array(outputLen)
		for _, it := range result {
			if len(req.gets) == 0 {
				s.reply.Bulk(it.elem)
			}
			for _, pattern := range req.gets {
				if v, found := s.lookupByPattern(pattern, it.elem); found {
					s.reply.Bulk(v)
				} else {
					s.reply.Nil()
				}
			}
		}
	default:
		s.storeSorted(req.store, result, req.gets, outputLen)
	}
}

// sortSource is the source's elements ready to be sorted, and the range
// of them (start to end, both included) the result is made of.
type sortSource struct {
	items      []sortItem
	start, end int
}

// loadSortSource copies the elements of req.key out, with Redis's
// special cases: a list or sorted set left unsorted gives only the range
// LIMIT asks for, in its own order or (DESC) reversed; a set left
// unsorted for STORE is sorted ALPHA after all, so the stored list does
// not depend on the set's layout. ok is false (WRONGTYPE written) for a
// key of another type.
func (s *Session) loadSortSource(req *sortRequest) (src sortSource, ok bool) {
	wrong := false
	// Under the write lock, for the one change a read makes here.
	s.db().Edit(req.key, func(e store.Entry, found bool) store.Edit {
		s.countRead(found)
		if !found {
			src.start, src.end = sortRange(req.offset, req.count, 0)
			return editKeep
		}
		switch obj := e.Obj.(type) {
		case *lists.List:
			src = loadSortedList(req, obj)
		case *sets.Set:
			if req.dontSort && req.store != nil {
				req.dontSort, req.alpha, req.by = false, true, nil
			}
			src.start, src.end = sortRange(req.offset, req.count, obj.Len())
			src.items = make([]sortItem, 0, obj.Len())
			obj.Each(func(m []byte) bool {
				src.items = append(src.items, sortItem{elem: append([]byte(nil), m...)})
				return true
			})
		case *zsets.ZSet:
			// Redis turns the set into a skiplist for good (OBJECT
			// ENCODING shows it); that changes no content, so the
			// append-only file and watchers need not hear of it.
			obj.Unpack()
			src = loadSortedZSet(req, obj)
		default:
			wrong = true
		}
		return editKeep
	})
	if wrong {
		s.wrongType()
	}
	return src, !wrong
}

// sortRange turns LIMIT offset count into the indexes (both included) of
// the result among n elements, clamped as Redis clamps them: an empty
// range has end = start-1.
func sortRange(offset, count int64, n int) (start, end int) {
	start = int(min(max(offset, 0), int64(n)))
	count = min(max(count, -1), int64(n))
	if count < 0 {
		end = n - 1
	} else {
		end = start + int(count) - 1
	}
	if start >= n {
		start, end = n-1, n-2
	}
	return start, min(end, n-1)
}

func loadSortedList(req *sortRequest, l *lists.List) (src sortSource) {
	n := l.Len()
	start, end := sortRange(req.offset, req.count, n)
	from, to := 0, n-1
	if req.dontSort {
		// Only the range asked for, counted from the tail under DESC.
		if end < start {
			return sortSource{start: 0, end: -1}
		}
		from, to = start, end
		if req.desc {
			from, to = n-1-end, n-1-start
		}
		start, end = 0, end-start
	}
	src = sortSource{items: make([]sortItem, 0, to-from+1), start: start, end: end}
	l.Range(from, to, func(v []byte) bool {
		src.items = append(src.items, sortItem{elem: append([]byte(nil), v...)})
		return true
	})
	if req.dontSort && req.desc {
		reverseItems(src.items)
	}
	return src
}

func loadSortedZSet(req *sortRequest, z *zsets.ZSet) (src sortSource) {
	n := z.Len()
	start, end := sortRange(req.offset, req.count, n)
	if !req.dontSort {
		src = sortSource{items: make([]sortItem, 0, n), start: start, end: end}
		z.Walk(0, false, func(m []byte, _ float64) bool {
			src.items = append(src.items, sortItem{elem: append([]byte(nil), m...)})
			return true
		})
		return src
	}
	// Unsorted: the range in score order, from the top under DESC.
	want := max(0, end-start+1)
	src = sortSource{items: make([]sortItem, 0, want), start: 0, end: end - start}
	if want == 0 {
		return src
	}
	from := start
	if req.desc {
		from = n - 1 - start
	}
	z.Walk(from, req.desc, func(m []byte, _ float64) bool {
		src.items = append(src.items, sortItem{elem: append([]byte(nil), m...)})
		return len(src.items) < want
	})
	return src
}

func reverseItems(items []sortItem) {
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
}

// storeSorted saves the result (elements, or the GET values of each, an
// empty string for a value not found) as a list at dst, replacing
// whatever dst held and its expiry; an empty result deletes dst. It
// replies with the number of values stored.
func (s *Session) storeSorted(dst []byte, items []sortItem, gets [][]byte, outputLen int) {
	var values [][]byte
	if outputLen > 0 {
		values = make([][]byte, 0, outputLen)
	}
	for _, it := range items {
		if len(gets) == 0 {
			values = append(values, it.elem)
		}
		for _, pattern := range gets {
			v, _ := s.lookupByPattern(pattern, it.elem)
			values = append(values, v)
		}
	}
	existed := false
	s.db().Edit(dst, func(_ store.Entry, found bool) store.Edit {
		existed = found
		if len(values) == 0 {
			if !found {
				return editKeep
			}
			return editRemove
		}
		l := lists.New()
		l.PushBack(s.listFill(), values...)
		return store.Edit{Op: store.Put, Entry: store.Entry{Obj: l}}
	})
	switch {
	case len(values) > 0:
		s.changed(len(values))
		s.notifyCreated(existed, dst)
		s.notify(classList, "sortstore", dst)
		s.keyReady(dst)
	case existed:
		s.changed(1)
		s.notify(classGeneric, "del", dst)
	}
	s.reply.Int(int64(len(values)))
}
