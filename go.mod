module redis-lite

go 1.24
