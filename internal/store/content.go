package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
)

// ContentChannel is the LISTEN/NOTIFY channel announcing a content sync.
const ContentChannel = "content_changed"

// Document kinds of the content: one row per career, one per occupation,
// one for the catalog-wide parts (RIASEC types, quiz statements, skill
// topics, the occupations' sources).
const (
	docCareer     = "career"
	docOccupation = "occupation"
	docCatalog    = "catalog"
)

// ContentFormat fingerprints the shape of the content documents: the field
// names and types of career.Catalog and everything it holds (the fields
// JSON stores: exported ones). A new or changed field gives a new format,
// so the next start writes the documents again even when no content file
// changed.
func ContentFormat() string {
	var b strings.Builder
	describeType(&b, reflect.TypeFor[career.Catalog](), map[reflect.Type]bool{})
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

func describeType(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		fmt.Fprintf(b, "%s[", t.Kind())
		if t.Kind() == reflect.Map {
			describeType(b, t.Key(), seen)
		}
		describeType(b, t.Elem(), seen)
		b.WriteString("]")
	case reflect.Struct:
		b.WriteString(t.String())
		if seen[t] {
			return
		}
		seen[t] = true
		b.WriteString("{")
		for f := range t.Fields() {
			if !f.IsExported() {
				continue
			}
			fmt.Fprintf(b, "%s %s:", f.Name, f.Tag)
			describeType(b, f.Type, seen)
			b.WriteString(";")
		}
		b.WriteString("}")
	default:
		b.WriteString(t.Kind().String())
	}
}

// SyncContent stores cat as documents in one transaction, unless the stored
// content already has cat's hash and the current document format. It
// reports whether anything changed; on change it notifies ContentChannel.
func (s *Store) SyncContent(ctx context.Context, cat *career.Catalog) (changed bool, err error) {
	format := ContentFormat()
	err = s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		if err := q.LockContent(ctx); err != nil {
			return err
		}
		state, err := q.ContentState(ctx)
		if err != nil {
			return err
		}
		if state.Hash == cat.Hash && state.Format == format {
			return nil
		}
		// Marshalled only now: most starts find the content unchanged.
		docs, err := documents(cat)
		if err != nil {
			return err
		}
		changed = true
		if err := q.DeleteContentDocuments(ctx); err != nil {
			return err
		}
		if _, err := q.InsertContentDocuments(ctx, docs); err != nil {
			return err
		}
		if err := q.SetContentState(ctx, db.SetContentStateParams{Hash: cat.Hash, Format: format}); err != nil {
			return err
		}
		return q.NotifyContentChanged(ctx, cat.Hash)
	})
	if err != nil {
		return false, fmt.Errorf("sync content: %w", err)
	}
	return changed, nil
}

// documents are the rows that hold cat: the list fields of a catalog are
// stored one document per element (kind, key), the rest as one catalog
// document.
func documents(cat *career.Catalog) ([]db.InsertContentDocumentsParams, error) {
	rest := *cat
	rest.Careers, rest.Occupations, rest.Hash = nil, nil, ""
	body, err := json.Marshal(&rest)
	if err != nil {
		return nil, err
	}
	docs := []db.InsertContentDocumentsParams{{Kind: docCatalog, Key: docCatalog, Body: body}}
	docs, err = appendDocs(docs, docCareer, cat.Careers, func(c *career.Career) string { return c.Slug })
	if err != nil {
		return nil, err
	}
	return appendDocs(docs, docOccupation, cat.Occupations, func(o *career.Occupation) string { return o.Code })
}

// appendDocs adds one document of kind per element of list, in order.
func appendDocs[T any](docs []db.InsertContentDocumentsParams, kind string, list []T, key func(*T) string) ([]db.InsertContentDocumentsParams, error) {
	for i := range list {
		body, err := json.Marshal(&list[i])
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", kind, key(&list[i]), err)
		}
		docs = append(docs, db.InsertContentDocumentsParams{Kind: kind, Key: key(&list[i]), Position: int32(i), Body: body})
	}
	return docs, nil
}

// decodeDoc appends the document body to list.
func decodeDoc[T any](list *[]T, r db.ListContentDocumentsRow) error {
	var v T
	if err := json.Unmarshal(r.Body, &v); err != nil {
		return fmt.Errorf("%s document %s: %w", r.Kind, r.Key, err)
	}
	*list = append(*list, v)
	return nil
}

// LoadCatalog reads the synced content documents into a catalog, in one
// repeatable-read transaction so that a concurrent sync is never half seen.
func (s *Store) LoadCatalog(ctx context.Context) (*career.Catalog, error) {
	cat := career.NewCatalog()
	err := s.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(q *db.Queries) error {
		state, err := q.ContentState(ctx)
		if err != nil {
			return err
		}
		if state.Hash == "" {
			return fmt.Errorf("no content synced yet")
		}
		if state.Format != ContentFormat() {
			return fmt.Errorf("content documents are in format %s, this version reads %s: sync the content first", state.Format, ContentFormat())
		}
		rows, err := q.ListContentDocuments(ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			switch r.Kind {
			case docCatalog:
				careers, occupations := cat.Careers, cat.Occupations
				if err := json.Unmarshal(r.Body, cat); err != nil {
					return fmt.Errorf("catalog document: %w", err)
				}
				cat.Careers, cat.Occupations = careers, occupations
			case docCareer:
				if err := decodeDoc(&cat.Careers, r); err != nil {
					return err
				}
			case docOccupation:
				if err := decodeDoc(&cat.Occupations, r); err != nil {
					return err
				}
			}
		}
		cat.Hash = state.Hash
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	return cat, nil
}

// WatchContent listens on ContentChannel and calls onChange with the new
// hash for every notification, until ctx ends. A lost connection is
// re-established with backoff; after reconnecting onChange is called with ""
// so the caller can check for changes it may have missed.
func (s *Store) WatchContent(ctx context.Context, onChange func(hash string), onError func(error)) {
	s.watchContent(ctx, func(ctx context.Context) (*pgx.Conn, error) {
		conn, err := s.pool.Acquire(ctx)
		if err != nil {
			return nil, err
		}
		// The connection is taken out of the pool: it stays in LISTEN mode.
		return conn.Hijack(), nil
	}, onChange, onError)
}

// watchContent is WatchContent on the connections connect opens.
func (s *Store) watchContent(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), onChange func(hash string), onError func(error)) {
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		err := listen(ctx, connect, func() {
			backoff = 100 * time.Millisecond
			if !first {
				onChange("")
			}
			first = false
		}, onChange)
		if ctx.Err() != nil {
			return
		}
		onError(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func listen(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), connected func(), onChange func(string)) error {
	pc, err := connect(ctx)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer pc.Close(context.WithoutCancel(ctx))
	if _, err := pc.Exec(ctx, "listen "+ContentChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	connected()
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		onChange(n.Payload)
	}
}
