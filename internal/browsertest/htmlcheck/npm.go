package htmlcheck

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"testing"
	"time"
)

// npmTimeout limits the run of "npm ci".
const npmTimeout = 5 * time.Minute

// NodeModule returns the path of file, a path under the directory
// internal/browsertest (for example "node_modules/axe-core/axe.min.js"),
// which holds the package.json of the npm test tools. When the file is
// missing, it runs "npm ci" there once, under a file lock that holds across
// the test binaries go test runs at the same time, and fails the test when
// npm is not installed.
func NodeModule(t *testing.T, file string) string {
	t.Helper()
	dir := toolsDir()
	if dir == "" {
		t.Fatal("htmlcheck: cannot find the directory internal/browsertest, which holds the npm test tools")
	}
	unlock, err := lockFile(filepath.Join(dir, ".npm.lock"))
	if err != nil {
		t.Fatalf("htmlcheck: %v", err)
	}
	defer unlock()
	path := filepath.Join(dir, filepath.FromSlash(file))
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		npmCI(t, dir)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("htmlcheck: %v", err)
	}
	return path
}

// npmCI installs the packages of package-lock.json in dir.
func npmCI(t *testing.T, dir string) {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Fatalf("htmlcheck: the npm test tools are not installed in %s/node_modules, and npm is not on PATH to install them: "+
			"install Node.js and npm, or run `npm ci --prefix internal/browsertest` before the tests", dir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), npmTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--prefix", dir, "--no-audit", "--no-fund")
	t.Logf("htmlcheck: installing the npm test tools: %s", strings.Join(cmd.Args, " "))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("htmlcheck: %s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
}

// toolsDir returns the directory internal/browsertest, the parent of this
// package's source, which holds package.json and node_modules. It uses the
// path that the compiler recorded. When the build used -trimpath, that path
// is not absolute, and toolsDir looks for go.mod in the working directory
// and its parents instead.
func toolsDir() string {
	if _, file, _, ok := goruntime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Dir(filepath.Dir(file))
		if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
			return dir
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			pkg := filepath.Join(dir, "internal", "browsertest")
			if _, err := os.Stat(filepath.Join(pkg, "package.json")); err == nil {
				return pkg
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
