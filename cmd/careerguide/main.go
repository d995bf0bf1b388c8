// Command careerguide serves the career guide.
//
//	careerguide [serve]          migrate, sync content, serve (default)
//	careerguide migrate          bring the database schema up to date
//	careerguide content check DIR validate content files without a database
//	careerguide data import ...  derive content/occupations/ from O*NET and BLS files
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	contentfs "careerguide/content"
	"careerguide/internal/app"
	"careerguide/internal/config"
	"careerguide/internal/content"
	"careerguide/internal/onet"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout)
	stop()
	if err != nil {
		var pr content.Problems
		if errors.As(err, &pr) {
			fmt.Fprintln(os.Stderr, pr.Error())
		} else {
			fmt.Fprintln(os.Stderr, "careerguide:", err)
		}
		os.Exit(1)
	}
}

const usage = `usage:
  careerguide [serve]            migrate, sync content and serve
  careerguide migrate            bring the database schema up to date
  careerguide content check [--tasks FILE] [--onet DIR --skills DIR] DIR
                                 validate content files (no database needed); summaries
                                 are compared with O*NET's Task Statements.txt, and
                                 skills, knowledge, education shares and alternate
                                 titles with O*NET's files, when found
  careerguide data import [--onet DIR] [--skills DIR] [--oews FILE] [--projections FILE] [--out FILE]
                                 derive the occupations file from O*NET and BLS files`

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "content":
		return contentCheck(args, stdout)
	case "data":
		return onet.Command(args, stdout)
	case "migrate", "serve":
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		return fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	logs := newLogWriter(stdout)
	defer logs.Close()
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: cfg.LogLevel}))

	if cmd == "migrate" {
		if _, err := app.Database(ctx, cfg, logger); err != nil {
			return err
		}
		// Through the log writer: its flusher writes to stdout from
		// another goroutine, so a direct write here would race with it.
		fmt.Fprintln(logs, "migrations applied")
		return nil
	}
	var contentFS fs.FS = contentfs.FS
	if cfg.ContentDir != "" {
		contentFS = os.DirFS(cfg.ContentDir)
	}
	return app.Run(ctx, cfg, contentFS, logger, stdout)
}
