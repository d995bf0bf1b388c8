// Package contentfs embeds the career guide's content files: careers/<slug>/
// (YAML and Markdown), quiz/questions.yaml, riasec.yaml and skill-topics.yaml.
package contentfs

import "embed"

// FS holds every content file.
//
//go:embed careers quiz riasec.yaml skill-topics.yaml
var FS embed.FS
