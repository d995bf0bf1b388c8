package onet

import (
	"path/filepath"
)

// fileTasks is O*NET's file of task statements.
const fileTasks = "Task Statements.txt"

// The Task Type column's values.
const (
	taskCore         = "Core"
	taskSupplemental = "Supplemental"
	taskUnrated      = "n/a"
)

// taskRows reads Task Statements.txt and calls each for every task with
// its occupation, type and statement; it checks the columns, the codes,
// the types and that no occupation lists a Task ID twice.
func taskRows(path string, occ occupations, each func(o *Occupation, typ, statement string)) error {
	t, err := readTSV(path)
	if err != nil {
		return err
	}
	const colID, colTask, colType = "Task ID", "Task", "Task Type"
	if err := t.need(colCode, colID, colTask, colType); err != nil {
		return err
	}
	seen := map[string]map[float64]bool{}
	for i := range t.rows {
		r := t.row(i)
		o := occ.lookup(r, colCode)
		id := r.numIn(colID, 0, 1, 1e9)
		statement, typ := r.text(colTask), r.text(colType)
		if r.err == nil && typ != taskCore && typ != taskSupplemental && typ != taskUnrated {
			r.fail(colType, "unknown task type %q (want %s, %s or %s)", typ, taskCore, taskSupplemental, taskUnrated)
		}
		if r.err == nil {
			if seen[o.Code] == nil {
				seen[o.Code] = map[float64]bool{}
			}
			if seen[o.Code][id] {
				r.fail(colID, "task %v appears twice for %s", id, o.Code)
			}
			seen[o.Code][id] = true
		}
		if r.err != nil {
			return r.err
		}
		each(o, typ, statement)
	}
	return nil
}

// readTasks counts each occupation's task statements by type; the
// statements themselves are not kept.
func readTasks(dir string, occ occupations) error {
	return taskRows(filepath.Join(dir, fileTasks), occ, func(o *Occupation, typ, _ string) {
		if o.Tasks == nil {
			o.Tasks = &Tasks{}
		}
		switch typ {
		case taskCore:
			o.Tasks.Core++
		case taskSupplemental:
			o.Tasks.Supplemental++
		default:
			o.Tasks.Unrated++
		}
	})
}

// TaskStatement is one of O*NET's task statements, read to compare
// careerguide's own writing against it; it is never written out.
type TaskStatement struct {
	Core bool // Task Type "Core"
	Text string
}

// ReadTaskStatements reads the task statements of O*NET's Task
// Statements.txt at path, by O*NET-SOC code, in the file's order. Codes are
// checked against Occupation Data.txt beside it.
func ReadTaskStatements(path string) (map[string][]TaskStatement, error) {
	occ, err := readOccupations(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	out := map[string][]TaskStatement{}
	err = taskRows(path, occ, func(o *Occupation, typ, statement string) {
		out[o.Code] = append(out[o.Code], TaskStatement{Core: typ == taskCore, Text: statement})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
