//go:build !linux

package app

import "net"

// listenConfig is the plain listener: the SO_REUSEPORT hand-over between
// an old and a new instance on one port is implemented on Linux only.
func listenConfig() net.ListenConfig { return net.ListenConfig{} }
