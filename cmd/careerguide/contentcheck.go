package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"careerguide/internal/content"
	"careerguide/internal/onet"
)

// defaultTasks is O*NET's Task Statements.txt beside the repository.
var defaultTasks = filepath.Join(onet.DefaultONET, "Task Statements.txt")

// contentCheck runs `careerguide content check [--tasks FILE] DIR`. The
// occupation summaries are compared with O*NET's task statements from FILE;
// without --tasks, from defaultTasks when it is there.
func contentCheck(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return errors.New(usage)
	}
	fset := flag.NewFlagSet("content check", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	tasksFile := fset.String("tasks", "", "O*NET Task Statements.txt")
	if err := fset.Parse(args[1:]); err != nil || fset.NArg() != 1 {
		return errors.New(usage)
	}
	var opt content.Options
	path := *tasksFile
	if path == "" {
		if _, err := os.Stat(defaultTasks); err == nil {
			path = defaultTasks
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if path != "" {
		tasks, err := onet.ReadTaskStatements(path)
		if err != nil {
			return err
		}
		opt.TaskStatements = tasks
	}
	cat, err := content.LoadWith(os.DirFS(fset.Arg(0)), opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "content ok: %d careers, %d questions\n", len(cat.Careers), len(cat.Questions))
	if path == "" {
		fmt.Fprintf(stdout, "summaries not compared with O*NET's task statements: %s not found (give --tasks FILE)\n", defaultTasks)
	} else {
		fmt.Fprintf(stdout, "summaries compared with %s\n", path)
	}
	return nil
}
