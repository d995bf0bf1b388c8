//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package htmlcheck

// lockFile does nothing on a system without flock. Run
// `npm ci --prefix internal/browsertest` before the tests there.
func lockFile(string) (unlock func(), err error) {
	return func() {}, nil
}
