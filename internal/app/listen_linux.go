//go:build linux

package app

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// listenConfig sets SO_REUSEPORT on the listening socket, so that a new
// instance can listen on the same port while the old one drains after
// SIGTERM: the kernel spreads new connections over both sockets until the
// old one closes its listener.
func listenConfig() net.ListenConfig {
	return net.ListenConfig{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		if err := c.Control(func(fd uintptr) {
			serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_REUSEPORT, 1)
		}); err != nil {
			return err
		}
		return serr
	}}
}
