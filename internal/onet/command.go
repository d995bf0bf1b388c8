package onet

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Default paths of `careerguide data import`, from the repository root.
const (
	DefaultONET        = "../shared/data/onet-29.3"
	DefaultSkills      = "../shared/data/onet-29.0"
	DefaultOEWS        = "../shared/data/bls/national_M2024_dl.xlsx"
	DefaultProjections = "../shared/data/bls/occupation.xlsx"
	DefaultOut         = "content/occupations/occupations.json"
)

// CommandUsage documents Command.
const CommandUsage = `usage: careerguide data import [--onet DIR] [--skills DIR] [--oews FILE] [--projections FILE] [--out FILE]`

// Command runs `careerguide data ARGS`: "import" reads the published files
// and writes the occupations file, then prints a one-line summary.
func Command(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		return errors.New(CommandUsage)
	}
	fs := flag.NewFlagSet("data import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var p Paths
	fs.StringVar(&p.ONET, "onet", DefaultONET, "O*NET database text files (folder)")
	fs.StringVar(&p.Skills, "skills", DefaultSkills, "O*NET release folder with Skills.xlsx and Knowledge.xlsx")
	fs.StringVar(&p.OEWS, "oews", DefaultOEWS, "BLS OEWS national workbook (.xlsx)")
	fs.StringVar(&p.Projections, "projections", DefaultProjections, "BLS Employment Projections workbook (.xlsx)")
	out := fs.String("out", DefaultOut, "occupations file to write")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w\n%s", err, CommandUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected %q\n%s", fs.Arg(0), CommandUsage)
	}
	start := time.Now()
	f, err := Import(p)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes) in %s: %s\n", *out, b.Len(), time.Since(start).Round(10*time.Millisecond), Summary(f))
	return nil
}

// writeFileAtomic replaces path with data, so that a failed write never
// leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".occupations-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
