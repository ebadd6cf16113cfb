// Command rebind takes a loopback port the way a restarting server does,
// socket(2), optionally setsockopt(SO_REUSEADDR), bind(2), listen(2), and
// lets it go again, saying which call failed and why. It is the half of
// scripts/lesson-reuseaddr.sh that redis-lite cannot play: the daemon
// always sets SO_REUSEADDR (netsrv/listener.go, the networking document's
// section 4), so the failure without it needs a socket of its own.
//
// Exit status: 0 if the port was bound and listened on, 1 if a call
// failed, 2 for bad flags.
package main

import (
	"flag"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

func main() {
	port := flag.Int("port", 0, "the loopback port to bind (127.0.0.1)")
	reuse := flag.Bool("reuseaddr", false, "set SO_REUSEADDR before bind, as redis-lite does")
	flag.Parse()
	if *port < 1 || *port > 65535 {
		fmt.Fprintln(os.Stderr, "rebind: -port must be 1-65535")
		os.Exit(2)
	}
	if err := listenOnce(*port, *reuse); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}

// listenOnce runs the start-up sequence on 127.0.0.1:port, printing each
// step, and closes the socket again.
func listenOnce(port int, reuse bool) error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("socket(): %w", err)
	}
	defer unix.Close(fd)
	fmt.Println("socket(): ok")
	if reuse {
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1); err != nil {
			return fmt.Errorf("setsockopt(SO_REUSEADDR): %w", err)
		}
		fmt.Println("setsockopt(SO_REUSEADDR=1): ok")
	} else {
		fmt.Println("(no SO_REUSEADDR)")
	}
	addr := &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
	// EADDRINUSE here, with nothing listening on the port, means the
	// kernel still holds a connection that used it: one in TIME_WAIT.
	if err := unix.Bind(fd, addr); err != nil {
		return fmt.Errorf("bind(127.0.0.1:%d): %w", port, err)
	}
	fmt.Printf("bind(127.0.0.1:%d): ok\n", port)
	if err := unix.Listen(fd, 16); err != nil {
		return fmt.Errorf("listen(): %w", err)
	}
	fmt.Println("listen(): ok; closing again")
	return nil
}
