// Package lists is the value of a Redis list key: a sequence of byte
// strings that grows and shrinks at both ends and can be read and edited
// by position (LPUSH, RPOP, LRANGE, LINSERT, LTRIM ...).
//
// Layout. Like Redis's quicklist, a list is a short slice of nodes and
// each node is one packed []byte holding a run of elements, each written
// as its length (a uvarint) followed by its bytes. A node is filled up to
// the list-max-listpack-size rule (Fill): by default 8 KB of packed bytes,
// or, when the setting is positive, a number of elements (never past 8 KB
// once it holds more than one). A 16-byte element thus costs 17 bytes plus
// its share of a 32-byte node header (about 480 elements share one), so a
// big list holds few pointers and costs no more per element than Redis.
// Pushes and pops at the ends touch only the end nodes; an edit in the
// middle (LSET, LINSERT, LREM, LTRIM) rewrites the nodes it touches.
//
// Walking backwards inside a node means finding the element starts from
// the node's beginning, because lengths are written only before each
// element: this saves the back-length byte per element that Redis's
// listpack spends. Tail pops, the one backward walk that repeats, keep an
// index of the last node's element starts instead (tail.go).
//
// Every method is called with the key's store lock held; a List is not
// safe for concurrent use on its own.
package lists
