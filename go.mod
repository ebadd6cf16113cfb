module redis-lite

go 1.26.0

require (
	github.com/sirupsen/logrus v1.10.2
	golang.org/x/sys v0.49.0
)
