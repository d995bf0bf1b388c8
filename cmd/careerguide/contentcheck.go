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

// contentCheck runs `careerguide content check [--tasks FILE] [--onet DIR
// --skills DIR] DIR`. The occupation summaries are compared with O*NET's
// task statements from FILE; without --tasks, from defaultTasks when it is
// there. The occupations' skills, knowledge, education shares and
// alternate titles are compared with what O*NET's files give (Education,
// Training, and Experience and Alternate Titles in --onet, Skills and
// Knowledge in --skills); without the flags, with the default folders when
// both are there.
func contentCheck(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return errors.New(usage)
	}
	fset := flag.NewFlagSet("content check", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	tasksFile := fset.String("tasks", "", "O*NET Task Statements.txt")
	onetDir := fset.String("onet", "", "O*NET database folder (Education, Training, and Experience)")
	skillsDir := fset.String("skills", "", "O*NET release folder with Skills.xlsx and Knowledge.xlsx")
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
	figures, err := skillFigureDirs(*onetDir, *skillsDir)
	if err != nil {
		return err
	}
	if figures != [2]string{} {
		if opt.FileFigures, err = onet.ReadFileFigures(figures[0], figures[1]); err != nil {
			return err
		}
	}
	// What is compared, said first: a check that fails says it too.
	if path == "" {
		fmt.Fprintf(stdout, "summaries not compared with O*NET's task statements: %s not found (give --tasks FILE)\n", defaultTasks)
	} else {
		fmt.Fprintf(stdout, "summaries compared with %s\n", path)
	}
	if figures == [2]string{} {
		fmt.Fprintf(stdout, "skills, knowledge, education and alternate titles not compared with O*NET's files: %s and %s not found (give --onet DIR --skills DIR)\n", onet.DefaultONET, onet.DefaultSkills)
	} else {
		fmt.Fprintf(stdout, "skills, knowledge, education and alternate titles compared with %s and %s\n", figures[1], figures[0])
	}
	cat, err := content.LoadWith(os.DirFS(fset.Arg(0)), opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "content ok: %d careers, %d questions\n", len(cat.Careers), len(cat.Questions))
	return nil
}

// skillFigureDirs are the O*NET folders to compare the skill figures with:
// the ones given (both or neither), or the defaults when both are there;
// none otherwise.
func skillFigureDirs(onetDir, skillsDir string) ([2]string, error) {
	switch {
	case onetDir != "" && skillsDir != "":
		return [2]string{onetDir, skillsDir}, nil
	case onetDir != "" || skillsDir != "":
		return [2]string{}, errors.New("give both --onet and --skills, or neither\n" + usage)
	}
	for _, d := range []string{onet.DefaultONET, onet.DefaultSkills} {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			return [2]string{}, nil
		} else if err != nil {
			return [2]string{}, err
		}
	}
	return [2]string{onet.DefaultONET, onet.DefaultSkills}, nil
}
