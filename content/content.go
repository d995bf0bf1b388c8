// Package content embeds the career guide's content files: careers/<slug>/
// (YAML and Markdown), quiz/questions.yaml and riasec.yaml.
package content

import "embed"

// FS holds every content file.
//
//go:embed careers quiz riasec.yaml
var FS embed.FS
