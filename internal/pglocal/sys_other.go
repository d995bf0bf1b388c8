//go:build !unix

package pglocal

import (
	"context"
	"os/exec"
)

// runAs is only needed on Unix, where PostgreSQL refuses to run as root.
type runAs struct{ name string }

func serverUser(string) (*runAs, error)      { return nil, nil }
func (u *runAs) apply(*exec.Cmd)             {}
func (u *runAs) chown(string) error          { return nil }
func (u *runAs) checkReachable(string) error { return nil }
func chownTree(string, *runAs) error         { return nil }

// lockDir is a no-op outside Unix.
func lockDir(context.Context, string) (func(), error) { return func() {}, nil }
