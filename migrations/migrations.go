// Package migrations holds the database schema as numbered tern migrations.
package migrations

import "embed"

// FS holds the NNN_name.sql files.
//
//go:embed *.sql
var FS embed.FS
