package lists

import "redis-lite/store"

// A List is the store's object for a list key.
var _ store.Object = (*List)(nil)

// Type is store.TypeList.
func (l *List) Type() store.Type { return store.TypeList }

// Clone is a deep copy, for COPY.
func (l *List) Clone() store.Object { return l.Copy() }
